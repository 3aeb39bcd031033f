"""Cultivation pages: scope, the roster, the test, decisions, placements, logs, exports, and
constant query counts on the board and the roster."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook

from houbei.audit.models import AuditEntry
from houbei.cultivation import services
from houbei.cultivation.models import Attendance, RemovalProposal, WorkLog

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 20)


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(plan: Any, walk: Any, tree: dict[str, Any], personas: dict[str, Any], n: int) -> None:
    """n more pooled trainees, each with a mark, a test result and (every other) a placement."""
    session = plan.sessions.first()
    for i in range(n):
        walk("pooled", village=tree["a1" if i % 2 else "a2"])
    added = services.enroll_pooled(plan=plan, actor=personas["town"])
    marks = [services.Mark(t, "present") for t in added]
    services.mark_roster(session=session, marks=marks, actor=personas["town"])
    for i, trainee in enumerate(added):
        services.record_exam(
            trainee=trainee, score=Decimal(80), taken_on=DAY, actor=personas["town"]
        )
        if i % 2 == 0:
            trainee.refresh_from_db()
            placement = services.place(
                trainee=trainee, village=tree["a3"], role="work_team", duty_areas=["党建"],
                mentor=None, starts_on=DAY, actor=personas["town"],
            )  # fmt: skip
            services.add_work_log(placement=placement, logged_on=DAY, text="走访", actor=None)


def test_the_board_and_the_roster_run_a_constant_number_of_queries(
    client: Any, plan: Any, add_class: Any, walk: Any, tree: dict[str, Any], personas: Any
) -> None:
    session = add_class()
    client.force_login(personas["town"])
    _grow(plan, walk, tree, personas, 2)
    board_small = _queries(client, f"/cultivation/{plan.pk}/")
    roster_small = _queries(client, f"/cultivation/sessions/{session.pk}/")
    _grow(plan, walk, tree, personas, 5)
    assert plan.trainees.count() == 7
    assert _queries(client, f"/cultivation/{plan.pk}/") == board_small
    assert _queries(client, f"/cultivation/sessions/{session.pk}/") == roster_small


def test_the_roster_marks_a_few_taps_per_trainee(
    client: Any, add_class: Any, trainees: list[Any], personas: Any
) -> None:
    session = add_class()
    a, b, c = trainees
    client.force_login(personas["town"])
    page = client.get(f"/cultivation/sessions/{session.pk}/").content.decode()
    assert page.count('class="card roster-row"') == 3
    assert page.count('id="sheet-import"') == 1 and "<title>签到 · 党的政策" in page
    exam = client.get(f"/cultivation/{session.plan_id}/exam/").content.decode()
    assert exam.count('id="score-import"') == 1 and "<title>结业测试 · " in exam
    response = client.post(
        f"/cultivation/sessions/{session.pk}/",
        {f"status-{a.pk}": "present", f"status-{b.pk}": "leave", f"reason-{b.pk}": "生病"},
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("trainee_id", "status")) == {
        a.pk: "present", b.pk: "leave",
    }  # fmt: skip
    refused = client.post(f"/cultivation/sessions/{session.pk}/", {f"status-{c.pk}": "leave"})
    assert refused.status_code == 302 and not Attendance.objects.filter(trainee=c).exists()


def test_another_town_gets_404_and_a_liaison_sees_only_their_villages(
    client: Any, plan: Any, add_class: Any, trainees: list[Any], personas: Any
) -> None:
    session = add_class()
    client.force_login(personas["town_b"])
    assert client.get(f"/cultivation/{plan.pk}/").status_code == 404
    assert client.get(f"/cultivation/sessions/{session.pk}/").status_code == 404
    assert client.get(f"/cultivation/trainees/{trainees[0].pk}/").status_code == 404
    client.force_login(personas["liaison"])
    board = client.get(f"/cultivation/{plan.pk}/").content.decode()
    assert board.count("data-trainee=") == 2  # a1 and a2, not a3
    assert client.get(f"/cultivation/trainees/{trainees[0].pk}/").status_code == 200
    assert client.get(f"/cultivation/trainees/{trainees[2].pk}/").status_code == 404


def _placed(trainee: Any, village: Any, town: Any) -> Any:
    services.record_exam(trainee=trainee, score=Decimal(90), taken_on=DAY, actor=town)
    trainee.refresh_from_db()
    return services.place(
        trainee=trainee, village=village, role="secretary_assistant", duty_areas=["党建"],
        mentor=None, starts_on=DAY, actor=town,
    )  # fmt: skip


def test_a_liaison_logs_work_only_for_their_villages_trainees(
    client: Any, trainees: list[Any], personas: Any, tree: dict[str, Any]
) -> None:
    mine = _placed(trainees[0], tree["a2"], personas["town"])
    theirs = _placed(trainees[2], tree["a1"], personas["town"])  # a3's candidate
    client.force_login(personas["liaison"])
    data = {"logged_on": "2026-11-21", "text": "协助调解邻里纠纷"}
    assert client.post(f"/cultivation/placements/{mine.pk}/logs/new/", data).status_code == 302
    assert client.post(f"/cultivation/placements/{theirs.pk}/logs/new/", data).status_code == 404
    assert list(WorkLog.objects.values_list("placement_id", flat=True)) == [mine.pk]
    page = client.get(f"/cultivation/trainees/{trainees[0].pk}/").content.decode()
    assert "协助调解邻里纠纷" in page


def test_the_test_page_records_scores_and_the_leader_decides_the_removal(
    client: Any, plan: Any, trainees: list[Any], personas: Any
) -> None:
    from tests.cultivation.test_services import _rules_with

    _rules_with(plan.election_round, resit_allowed=False)
    a, b, _ = trainees
    client.force_login(personas["town"])
    assert client.get(f"/cultivation/{plan.pk}/exam/").status_code == 200
    data = {"taken_on": "2026-11-28", f"score-{a.pk}": "85", f"score-{b.pk}": "40"}
    assert client.post(f"/cultivation/{plan.pk}/exam/", data).status_code == 302
    a.candidate.refresh_from_db()
    assert a.candidate.stage == "trained"
    proposal = RemovalProposal.objects.get(trainee=b)
    decide = f"/cultivation/proposals/{proposal.pk}/decide/"
    assert client.post(decide, {"approve": "yes"}).status_code == 403
    client.force_login(personas["leader"])
    client.post(decide, {"approve": "yes", "note": ""})
    b.candidate.refresh_from_db()
    assert b.candidate.stage == "removed"


def test_placing_from_the_trainee_page_shows_days_done(
    client: Any, trainees: list[Any], personas: Any, tree: dict[str, Any]
) -> None:
    a = trainees[0]
    services.record_exam(trainee=a, score=Decimal(90), taken_on=DAY, actor=personas["town"])
    client.force_login(personas["town"])
    data = {
        "village": tree["a2"].pk, "role": "secretary_assistant", "duty_areas": ["党建", "信访"],
        "starts_on": "2026-11-01",
    }  # fmt: skip
    assert client.post(f"/cultivation/trainees/{a.pk}/place/", data).status_code == 302
    page = client.get(f"/cultivation/trainees/{a.pk}/").content.decode()
    assert "村党组织书记助理" in page and "/ 60 天" in page
    assert AuditEntry.objects.filter(action="cultivation.placement.created").exists()


def _read(response: Any) -> list[list[Any]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    rows: list[list[Any]] = book.get_sheet_by_index(0).to_python()
    return rows


def test_the_exports_write_text_as_text(
    client: Any, plan: Any, add_class: Any, trainees: list[Any], personas: Any
) -> None:
    session = add_class()
    services.mark_roster(
        session=session,
        marks=[services.Mark(trainees[0], "leave", '=HYPERLINK("x")')],
        actor=personas["town"],
    )
    client.force_login(personas["town"])
    sheet = client.get(f"/cultivation/sessions/{session.pk}/export/")
    rows = _read(sheet)
    assert rows[1][:4] == ["序号", "村", "姓名", "出勤情况"]
    assert rows[2][3:5] == ["请假", '=HYPERLINK("x")']
    roster = client.get(f"/cultivation/{plan.pk}/export/")
    found = _read(roster)
    assert len(found) == 2 + 3 and found[1][4] == "已修学时"
    # Each export names whose records it held (person ids only, docs/security.md item 16).
    held = sorted(t.person_id for t in trainees)
    assert AuditEntry.objects.get(action="cultivation.roster.exported").changes["people"] == held
    listed = AuditEntry.objects.get(action="cultivation.sheet.exported").changes
    assert listed["rows"] == len(listed["people"]) and set(listed["people"]) <= set(held)
    assert trainees[0].person_id in listed["people"]


def test_the_public_page_signs_in_once_and_reveals_no_one(
    client: Any, add_class: Any, trainees: list[Any], personas: Any
) -> None:
    from django.utils import timezone

    now = timezone.localtime()
    start = dt.time(0, 0)  # a class running all day today
    session = services.add_session(
        plan=trainees[0].plan, held_on=now.date(), starts_at=start,
        ends_at=dt.time(23, 59, 59), hours=Decimal(2), topic="村级议事", teacher="王", venue="镇",
        actor=personas["town"],
    )  # fmt: skip
    client.force_login(personas["town"])
    printed = client.post(f"/cultivation/sessions/{session.pk}/slips/").content.decode()
    assert trainees[0].person.name in printed
    code = printed.split('class="slip-code">')[1].split("<")[0]
    client.logout()
    assert client.get("/cultivation/signin/").status_code == 200
    done = client.post("/cultivation/signin/", {"code": code})
    assert done.status_code == 200 and "签到成功" in done.content.decode()
    again = client.post("/cultivation/signin/", {"code": code}).content.decode()
    guess = client.post("/cultivation/signin/", {"code": "AAAA-BBBB"}).content.decode()
    for page in (again, guess):
        assert "签到码无效或已使用" in page
        assert all(t.person.name not in page for t in trainees)
    for _ in range(10):
        last = client.post("/cultivation/signin/", {"code": "AAAA-BBBB"})
    assert last.status_code == 429


def test_the_panel_rates_placed_candidates_at_an_observation_meeting(
    client: Any, plan: Any, trainees: list[Any], personas: Any, tree: dict[str, Any]
) -> None:
    placement = _placed(trainees[0], tree["a2"], personas["town"])
    client.force_login(personas["town"])
    data = {"held_on": "2027-01-10", "place": "镇会议室", "attendees": "镇党委班子成员"}
    assert client.post(f"/cultivation/{plan.pk}/meetings/new/", data).status_code == 302
    meeting = plan.meetings.get()
    url = f"/cultivation/meetings/{meeting.pk}/"
    assert "data-placement" in client.get(url).content.decode()
    rating = {f"rating-{placement.pk}": "优秀", f"comments-{placement.pk}": "汇报扎实"}
    assert client.post(url, rating).status_code == 302
    assert placement.meeting_ratings.get().rating == "优秀"
    client.force_login(personas["town_b"])
    assert client.get(url).status_code == 404


def test_a_sitting_cadre_is_added_and_the_county_sees_progress_by_town(
    client: Any,
    add_class: Any,
    plan: Any,
    trainees: list[Any],
    personas: Any,
    tree: dict[str, Any],
    make_person: Any,
) -> None:
    from houbei.people.services import appoint_to_post

    cadre = make_person(village=tree["a3"], name="王委员")
    appoint_to_post(
        person=cadre, village=tree["a3"], role="member", term_start=dt.date(2021, 1, 1), actor=None
    )
    services.record_exam(
        trainee=trainees[0], score=Decimal(90), taken_on=DAY, actor=personas["town"]
    )
    client.force_login(personas["town"])
    assert (
        client.post(f"/cultivation/{plan.pk}/add-person/", {"person": cadre.pk}).status_code == 302
    )
    assert plan.trainees.filter(person=cadre, candidate__isnull=True).exists()
    roster = client.get(f"/cultivation/sessions/{add_class().pk}/").content.decode()
    assert roster.count('class="card roster-row"') == 4 and "王委员" in roster
    client.force_login(personas["county"])
    page = client.get("/cultivation/").content.decode()
    assert plan.title in page and '<td data-label="培训合格">1</td>' in page
    assert '<td data-label="学员">4</td>' in page
