"""Correcting and voiding the candidate's records and talks (decision 0028, issue 13 §6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from houbei.audit.models import AuditEntry
from houbei.reserves import services
from houbei.reserves.models import (
    CandidateEvent,
    Interview,
    PoliticalScreening,
    RecommendationVote,
    Stage,
    Talk,
)
from houbei.reserves.services import corrections

pytestmark = pytest.mark.django_db

REASON = "录入时把参加人数写错"


def _interview_post(**extra: Any) -> dict[str, Any]:
    data = {
        "correct-kind": "visit",
        "correct-held_on": "2026-03-01",
        "correct-participants": "12",
        "correct-summary": "走访",
        "correct-reason": REASON,
    }
    return {**data, **extra}


def test_staff_correct_an_interview_and_its_history_shows_old_new_and_reason(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("screened")
    interview = Interview.objects.get(candidate=candidate)
    client.force_login(personas["town"])

    response = client.post(f"/reserves/interviews/{interview.pk}/correct/", _interview_post())

    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.participants == 12
    entry = AuditEntry.objects.get(action="reserves.interview.corrected")
    assert entry.changes["participants"] == {"old": 5, "new": 12}
    assert entry.changes["reason"] == REASON
    page = client.get(f"/reserves/interviews/{interview.pk}/record/").content.decode()
    assert "更正走访座谈记录" in page
    assert "参加人数" in page and "5 → 12" in page and REASON in page
    assert CandidateEvent.objects.filter(candidate=candidate, action="更正走访座谈记录").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"correct-reason": ""}, "请填写理由"),
        ({"correct-reason": "写错"}, "理由至少"),
        ({"correct-participants": "0"}, "确保该值大于或等于1"),
        ({"correct-held_on": "2099-01-01"}, "日期不能晚于今天"),
    ],
)
def test_a_correction_without_a_reason_or_with_bad_values_changes_nothing(
    client: Any, personas: Any, walk: Any, extra: dict[str, str], message: str
) -> None:
    candidate = walk("screened")
    interview = Interview.objects.get(candidate=candidate)
    client.force_login(personas["town"])

    response = client.post(
        f"/reserves/interviews/{interview.pk}/correct/", _interview_post(**extra)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    interview.refresh_from_db()
    assert interview.participants == 5
    assert not AuditEntry.objects.filter(action="reserves.interview.corrected").exists()


def test_a_correction_that_changes_nothing_is_refused(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("screened")
    interview = Interview.objects.get(candidate=candidate)
    client.force_login(personas["town"])

    response = client.post(
        f"/reserves/interviews/{interview.pk}/correct/",
        _interview_post(**{"correct-participants": "5"}),
    )

    assert "更正内容与原记录相同" in response.content.decode()
    assert not AuditEntry.objects.filter(action="reserves.interview.corrected").exists()


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        ("liaison", "/reserves/interviews/{pk}/correct/", 403),
        ("county", "/reserves/interviews/{pk}/correct/", 403),
        ("reviewer", "/reserves/interviews/{pk}/record/", 403),
        ("town", "/reserves/interviews/{pk}/void/", 403),
        ("town_b", "/reserves/interviews/{pk}/correct/", 404),
        ("town_b", "/reserves/interviews/{pk}/record/", 404),
    ],
)
def test_wrong_role_is_refused_and_out_of_scope_is_not_found(
    client: Any, personas: Any, walk: Any, role: str, url: str, status: int
) -> None:
    candidate = walk("screened")
    interview = Interview.objects.get(candidate=candidate)
    client.force_login(personas[role])
    address = url.format(pk=interview.pk)

    response = (
        client.get(address)
        if address.endswith("record/")
        else client.post(address, {**_interview_post(), "void-reason": REASON})
    )

    assert response.status_code == status
    interview.refresh_from_db()
    assert interview.participants == 5 and interview.voided_at is None


def test_a_correction_is_post_only(client: Any, personas: Any, walk: Any) -> None:
    interview = Interview.objects.get(candidate=walk("screened"))
    client.force_login(personas["town"])

    assert client.get(f"/reserves/interviews/{interview.pk}/correct/").status_code == 405


def test_voiding_a_passed_screening_moves_the_candidate_back_and_a_new_one_is_accepted(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("screened")
    screening = PoliticalScreening.objects.get(candidate=candidate)
    client.force_login(personas["leader"])

    response = client.post(
        f"/reserves/screenings/{screening.pk}/void/", {"void-reason": "筛查对象录错了人"}
    )

    assert response.status_code == 302
    candidate.refresh_from_db()
    screening.refresh_from_db()
    assert candidate.stage == Stage.NOMINATED
    assert screening.is_void and screening.void_reason == "筛查对象录错了人"
    assert screening.voided_by == personas["leader"]
    entry = AuditEntry.objects.get(action="reserves.screening.voided")
    assert entry.changes["reason"] == "筛查对象录错了人"
    assert "findings" not in entry.changes
    page = client.get(f"/reserves/candidates/{candidate.pk}/").content.decode()
    assert "已作废：筛查对象录错了人" in page

    services.record_screening(
        candidate, result="passed", screened_on=dt.date(2026, 3, 5), findings="", actor=None
    )
    candidate.refresh_from_db()
    assert candidate.stage == Stage.SCREENED
    assert PoliticalScreening.objects.filter(candidate=candidate).valid().count() == 1


def test_a_screening_is_voided_never_corrected_and_its_findings_stay_sealed(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("nominated")
    services.record_interview(
        candidate,
        kind="visit",
        held_on=dt.date(2026, 3, 1),
        participants=3,
        summary="走访",
        actor=None,
    )
    services.record_screening(
        candidate,
        result="failed",
        screened_on=dt.date(2026, 3, 2),
        findings="曾受刑事处罚（密）",
        actor=None,
    )
    screening = PoliticalScreening.objects.get(candidate=candidate)
    client.force_login(personas["leader"])

    page = client.get(f"/reserves/screenings/{screening.pk}/record/").content.decode()
    assert "曾受刑事处罚" not in page
    assert "不能更正" in page or "作废" in page
    assert client.post(f"/reserves/screenings/{screening.pk}/correct/").status_code == 404

    client.post(f"/reserves/screenings/{screening.pk}/void/", {"void-reason": "结论录入错误"})
    entries = AuditEntry.objects.filter(target_id=str(screening.pk), action__contains="screening")
    assert all("曾受刑事处罚" not in str(e.changes) for e in entries)
    candidate.refresh_from_db()
    assert candidate.stage == Stage.NOMINATED


def test_voiding_the_vote_the_candidate_moved_on_with_moves_it_back_then_a_new_vote_counts(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("recommended")
    vote = RecommendationVote.objects.get(candidate=candidate)
    client.force_login(personas["leader"])

    client.post(f"/reserves/votes/{vote.pk}/void/", {"void-reason": "计票有误，重新组织推荐"})

    candidate.refresh_from_db()
    assert candidate.stage == Stage.SCREENED
    assert services.move_blockers(candidate, "send") != []
    services.record_vote(
        candidate,
        meeting_type="joint",
        held_on=dt.date(2026, 3, 20),
        eligible=40,
        attended=38,
        votes_for=33,
        votes_against=3,
        abstentions=2,
        actor=None,
    )
    candidate.refresh_from_db()
    assert candidate.stage == Stage.RECOMMENDED
    assert RecommendationVote.objects.filter(candidate=candidate).valid().count() == 1


def test_a_result_a_later_step_was_decided_on_cannot_be_voided(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("reviewed")
    vote = RecommendationVote.objects.get(candidate=candidate)
    client.force_login(personas["leader"])

    response = client.post(f"/reserves/votes/{vote.pk}/void/", {"void-reason": "计票有误重新推荐"})

    assert "不能作废" in response.content.decode()
    vote.refresh_from_db()
    candidate.refresh_from_db()
    assert vote.voided_at is None and candidate.stage == Stage.REVIEWED


def test_a_voided_interview_no_longer_counts_for_the_screening_guard(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("nominated")
    interview = services.record_interview(
        candidate,
        kind="visit",
        held_on=dt.date(2026, 3, 1),
        participants=3,
        summary="走访",
        actor=None,
    )
    assert services.move_blockers(candidate, "screen") == []
    client.force_login(personas["leader"])

    client.post(f"/reserves/interviews/{interview.pk}/void/", {"void-reason": "走访记录录错了人"})

    assert "尚未记录走访座谈情况" in services.move_blockers(candidate, "screen")
    services.record_interview(
        candidate,
        kind="visit",
        held_on=dt.date(2026, 3, 3),
        participants=4,
        summary="再次走访",
        actor=None,
    )
    assert services.move_blockers(candidate, "screen") == []


def test_the_only_interview_of_a_screened_candidate_stays(personas: Any, walk: Any) -> None:
    candidate = walk("screened")
    interview = Interview.objects.get(candidate=candidate)

    with pytest.raises(Exception, match="不能作废唯一的走访座谈记录"):
        corrections.void_interview(interview, reason="走访记录录错了人", actor=personas["leader"])


def test_a_voided_record_cannot_be_corrected_or_voided_again(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("nominated")
    interview = services.record_interview(
        candidate,
        kind="visit",
        held_on=dt.date(2026, 3, 1),
        participants=3,
        summary="走访",
        actor=None,
    )
    corrections.void_interview(interview, reason="走访记录录错了人", actor=personas["leader"])
    client.force_login(personas["leader"])

    response = client.post(f"/reserves/interviews/{interview.pk}/correct/", _interview_post())

    assert response.status_code == 403
    with pytest.raises(Exception, match="已作废"):
        corrections.void_interview(interview, reason="再次作废试试", actor=personas["leader"])


def _talk(candidate: Any = None, **fields: Any) -> Talk:
    return services.record_talk(
        kind="talk",
        village=candidate.village,
        held_on=dt.date(2026, 4, 2),
        talked_by="镇党委书记",
        topic="换届去留",
        summary="本人愿意继续",
        actor=None,
        candidate=candidate,
        **fields,
    )


def test_a_talk_is_corrected_with_its_own_form_and_voided_out_of_the_list(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("pooled")
    talk = _talk(candidate)
    client.force_login(personas["town"])
    post = {
        "correct-kind": "talk",
        "correct-person": str(candidate.person_id),
        "correct-held_on": "2026-04-03",
        "correct-talked_by": "镇长",
        "correct-topic": "换届去留",
        "correct-summary": "本人愿意继续",
        "correct-reason": "谈话人写错了",
    }

    assert client.post(f"/reserves/talks/{talk.pk}/correct/", post).status_code == 302
    talk.refresh_from_db()
    assert (talk.talked_by, talk.held_on) == ("镇长", dt.date(2026, 4, 3))
    history = client.get(f"/reserves/talks/{talk.pk}/record/").content.decode()
    assert "镇党委书记 → 镇长" in history and "谈话人写错了" in history

    client.force_login(personas["leader"])
    page = client.get(f"/reserves/talks/{talk.pk}/record/").content.decode()
    assert "保存更正" in page and "确认作废" in page
    client.post(f"/reserves/talks/{talk.pk}/void/", {"void-reason": "重复录入的谈话"})
    talk.refresh_from_db()
    assert talk.is_void
    assert Talk.objects.valid().count() == 0
    listing = client.get("/reserves/talks/").content.decode()
    assert 'class="voided"' in listing and "重复录入的谈话" in listing


def test_void_without_reason_changes_nothing(client: Any, personas: Any, walk: Any) -> None:
    candidate = walk("recommended")
    vote = RecommendationVote.objects.get(candidate=candidate)
    client.force_login(personas["leader"])

    response = client.post(f"/reserves/votes/{vote.pk}/void/", {"void-reason": " "})

    assert "请填写理由" in response.content.decode()
    vote.refresh_from_db()
    candidate.refresh_from_db()
    assert vote.voided_at is None and candidate.stage == Stage.RECOMMENDED


@pytest.mark.parametrize("size", [1, 6])
def test_the_record_page_and_the_candidate_page_take_constant_queries(
    client: Any, personas: Any, walk: Any, size: int, django_assert_max_num_queries: Any
) -> None:
    candidate = walk("screened")
    interview = Interview.objects.get(candidate=candidate)
    for n in range(size):
        corrections.correct_interview(
            interview,
            kind="visit",
            held_on=dt.date(2026, 3, 1),
            participants=6 + n,
            summary="走访",
            reason=f"第{n}次更正人数",
            actor=personas["town"],
        )
        extra = services.record_interview(
            candidate,
            kind="talk",
            held_on=dt.date(2026, 3, 2),
            participants=2,
            summary="座谈",
            actor=None,
        )
        corrections.void_interview(extra, reason="重复录入的座谈", actor=personas["leader"])
        _talk(candidate)
    client.force_login(personas["leader"])

    with django_assert_max_num_queries(6):  # 5 measured at 1 and at 6 of each
        assert client.get(f"/reserves/interviews/{interview.pk}/record/").status_code == 200
    with django_assert_max_num_queries(20):  # 19 measured
        assert client.get(f"/reserves/candidates/{candidate.pk}/").status_code == 200
    with django_assert_max_num_queries(5):  # 4 measured
        assert client.get("/reserves/talks/").status_code == 200
