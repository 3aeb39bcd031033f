"""The weekly judgement meeting (研判会): once per town and week, a date that has happened, at
least one attendee, the week's colour changes confirmed, actions that wait in their owner's
workbench, scoped and audited; the briefing reads it (issue 13 §7)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.risk.engine.run import week_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(tree: Any, election_round: Any, personas: Any) -> list[Any]:
    from houbei.rounds.leading import add_member

    rows = [
        (tree["town_a"], "head", "王建军", personas["leader"]),
        (tree["town_a"], "office_director", "李晓燕", personas["town"]),
        (tree["county"], "head", "高建民", None),
    ]
    return [
        add_member(
            election_round=election_round,
            fields={"region": region, "position": position, "name": name, "user": user},
            actor=None,
        )
        for region, position, name, user in rows
    ]


def _record(tree: Any, group: list[Any], **extra: Any) -> Any:
    from houbei.risk.services import record_meeting

    fields = {
        "town": tree["town_a"],
        "held_on": timezone.localdate(),
        "members": group[:2],
        "accounts": [],
        "decisions": "团相村书记人选两周内提出意见。",
        "confirmed": [],
        "actor": None,
        **extra,
    }
    return record_meeting(**fields)


def test_a_meeting_is_recorded_for_its_week_and_audited(tree: Any, group: list[Any]) -> None:
    meeting = _record(tree, group)

    assert meeting.week == week_of(timezone.localdate())
    assert {m.name for m in meeting.members.all()} == {"王建军", "李晓燕"}
    entry = AuditEntry.objects.get(action="risk.meeting.recorded")
    assert entry.changes["attendees"]["new"] == "王建军、李晓燕"
    assert entry.changes["decisions"]["new"] == "团相村书记人选两周内提出意见。"


def test_a_meeting_dated_after_today_is_refused_in_chinese(tree: Any, group: list[Any]) -> None:
    with pytest.raises(ValidationError) as error:
        _record(tree, group, held_on=timezone.localdate() + dt.timedelta(days=1))

    assert "不能晚于今天" in str(error.value.message_dict["held_on"])


def test_a_meeting_without_attendees_is_refused(tree: Any, group: list[Any]) -> None:
    with pytest.raises(ValidationError) as error:
        _record(tree, group, members=[], accounts=[])

    assert error.value.message_dict["members"] == ["请至少选择一名出席人员。"]


def test_a_second_meeting_of_the_same_week_is_refused(tree: Any, group: list[Any]) -> None:
    first = _record(tree, group)
    with pytest.raises(ValidationError) as error:
        _record(tree, group, held_on=first.week)

    assert "每周只记一次" in str(error.value.message_dict["held_on"])


def test_a_member_of_another_towns_group_cannot_attend(
    tree: Any, group: list[Any], election_round: Any
) -> None:
    from houbei.rounds.leading import add_member

    other = add_member(
        election_round=election_round,
        fields={"region": tree["town_b"], "position": "head", "name": "外镇书记"},
        actor=None,
    )
    with pytest.raises(ValidationError):
        _record(tree, group, members=[other])


def test_the_form_records_the_meeting_and_a_second_visit_opens_it(
    tree: Any, group: list[Any], login: Any
) -> None:
    client = login("town")
    today = timezone.localdate()
    page = client.get(reverse("risk:meeting_create")).content.decode()
    assert "王建军（组长）" in page and "高建民（县领导小组组长）" in page

    data = {"held_on": today.isoformat(), "members": [group[0].pk], "decisions": "研究决定"}
    response = client.post(reverse("risk:meeting_create"), data)

    from houbei.risk.models import AssessmentMeeting

    meeting = AssessmentMeeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "risk:meeting_detail", kwargs={"pk": meeting.pk}
    )
    again = client.get(reverse("risk:meeting_create"))
    assert again.status_code == 302 and again["Location"] == response["Location"]


def test_the_form_refuses_a_future_date_and_no_attendee_on_the_field(
    tree: Any, group: list[Any], login: Any
) -> None:
    client = login("town")
    ahead = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    page = client.post(reverse("risk:meeting_create"), {"held_on": ahead, "decisions": "x"})

    text = page.content.decode()
    assert page.status_code == 200
    assert "不能晚于今天" in text and "请至少选择一名出席人员。" in text


def test_the_weeks_colour_changes_are_listed_and_confirmed(
    tree: Any, group: list[Any], personas: Any
) -> None:
    from houbei.risk.models import Assessment
    from houbei.risk.services import run_assessment, week_changes

    run = run_assessment(region=tree["town_a"], actor=None)
    changed = Assessment.objects.filter(run=run, village=tree["a1"])
    changed.update(baseline_colour="green", colour="red")
    found = week_changes(tree["town_a"], run.week)
    assert [a.village.name for a in found.changed] == ["张屯村"] and found.run == run

    meeting = _record(tree, group, confirmed=found.changed)

    assert meeting.run == run and list(meeting.confirmed.all()) == found.changed
    entry = AuditEntry.objects.get(action="risk.meeting.recorded")
    assert entry.changes["confirmed"]["new"] == "张屯村绿→红"


def test_a_town_cannot_open_another_towns_meeting(tree: Any, group: list[Any], login: Any) -> None:
    meeting = _record(tree, group)

    assert (
        login("town_b").get(reverse("risk:meeting_detail", kwargs={"pk": meeting.pk})).status_code
        == 404
    )
    assert (
        login("county").get(reverse("risk:meeting_detail", kwargs={"pk": meeting.pk})).status_code
        == 200
    )


def test_an_action_waits_in_its_owners_workbench_and_is_closed_by_the_owner(
    tree: Any, group: list[Any], personas: Any, login: Any
) -> None:
    from houbei.risk.services import assign_action

    meeting = _record(tree, group)
    action = assign_action(
        meeting=meeting, task="走访张屯村党员", owner=personas["liaison"],
        due_on=timezone.localdate() + dt.timedelta(days=7), actor=personas["town"],
    )  # fmt: skip
    assert AuditEntry.objects.filter(action="risk.action.assigned").count() == 1

    client = login("liaison")
    home = client.get(reverse("home")).content.decode()
    assert re.search(r'id="wb-meeting_actions".*?data-count="1"', home, re.S)
    mine = client.get(reverse("risk:action_list")).content.decode()
    assert mine.count('class="meeting-action"') == 1 and "走访张屯村党员" in mine
    assert login("town").get(reverse("home")).content.decode().count("研判会交办给我的事项")

    done = login("liaison").post(
        reverse("risk:action_done", kwargs={"pk": action.pk}), {"note": "已走访"}
    )
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.done_at is not None and action.done_note == "已走访"
    assert AuditEntry.objects.filter(action="risk.action.completed").count() == 1


def test_an_account_outside_the_town_cannot_own_an_action(
    tree: Any, group: list[Any], personas: Any
) -> None:
    from houbei.risk.services import assign_action

    meeting = _record(tree, group)
    with pytest.raises(ValidationError) as error:
        assign_action(
            meeting=meeting, task="x", owner=personas["town_b"],
            due_on=timezone.localdate(), actor=None,
        )  # fmt: skip

    assert "不在" in error.value.message_dict["owner"][0]


def test_another_user_cannot_close_someone_elses_action(
    tree: Any, group: list[Any], personas: Any, login: Any
) -> None:
    from houbei.risk.services import assign_action

    meeting = _record(tree, group)
    action = assign_action(
        meeting=meeting, task="x", owner=personas["leader"], due_on=timezone.localdate(),
        actor=None,
    )  # fmt: skip
    response = login("liaison").post(reverse("risk:action_done", kwargs={"pk": action.pk}))

    assert response.status_code == 404
    action.refresh_from_db()
    assert action.done_at is None


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(tree: Any, group: list[Any], personas: Any, weeks: int, meeting: Any = None) -> Any:
    """`weeks` more meetings in earlier weeks, each with two actions for the liaison."""
    from houbei.risk.models import AssessmentMeeting
    from houbei.risk.services import assign_action, record_meeting

    start = AssessmentMeeting.objects.count()
    for n in range(start, start + weeks):
        found = record_meeting(
            town=tree["town_a"], held_on=timezone.localdate() - dt.timedelta(days=7 * (n + 1)),
            members=group[:2], accounts=[personas["liaison"]], decisions=f"第{n}次",
            confirmed=[], actor=None,
        )  # fmt: skip
        for _ in range(2):
            assign_action(
                meeting=found, task=f"事项{n}", owner=personas["liaison"],
                due_on=timezone.localdate() + dt.timedelta(days=3), actor=None,
            )  # fmt: skip
        meeting = meeting or found
    return meeting


def test_the_meeting_pages_cost_the_same_queries_at_two_sizes(
    tree: Any, group: list[Any], personas: Any, login: Any
) -> None:
    meeting = _grow(tree, group, personas, 1)
    detail = reverse("risk:meeting_detail", kwargs={"pk": meeting.pk})
    pages = [reverse("risk:meeting_list"), detail, reverse("risk:action_list"), reverse("home")]
    client = login("liaison")
    small = [_queries(client, url) for url in pages]
    _grow(tree, group, personas, 6)
    large = [_queries(client, url) for url in pages]
    assert small == large
    town = login("town")
    small = [_queries(town, url) for url in (detail, reverse("risk:meeting_create"))]
    _grow(tree, group, personas, 3)
    assert small == [_queries(town, url) for url in (detail, reverse("risk:meeting_create"))]


def test_the_briefing_names_the_meetings_date_attendees_decisions_and_actions(
    tree: Any, group: list[Any], personas: Any, login: Any
) -> None:
    from houbei.risk.services import assign_action
    from tests.documents.reading import docx_text

    meeting = _record(tree, group, accounts=[personas["liaison"]])
    assign_action(
        meeting=meeting, task="走访张屯村党员", owner=personas["liaison"],
        due_on=timezone.localdate() + dt.timedelta(days=7), actor=None,
    )  # fmt: skip
    response = login("town").get(reverse("documents:briefing_docx"))

    text = docx_text(response.content)
    assert "五、研判会" in text and "团相村书记人选两周内提出意见。" in text
    assert (
        f"{meeting.held_on:%Y-%m-%d}" in text
        and "王建军（组长）、李晓燕（办公室主任）、liaison" in text
    )
    assert "走访张屯村党员" in text and "办理中" in text
    assert "{{" not in text and "{%" not in text


def test_the_briefing_says_when_no_meeting_was_held(
    tree: Any, login: Any, election_round: Any
) -> None:
    from tests.documents.reading import docx_text

    text = docx_text(login("town").get(reverse("documents:briefing_docx")).content)

    assert "本周及上周尚无研判会记录。" in text


def test_changes_found_after_the_meeting_are_confirmed_on_its_page(
    tree: Any, group: list[Any], login: Any
) -> None:
    from houbei.risk.models import Assessment
    from houbei.risk.services import run_assessment

    meeting = _record(tree, group)
    assert meeting.run is None
    run = run_assessment(region=tree["town_a"], actor=None)
    found = Assessment.objects.filter(run=run, village=tree["a1"])
    found.update(baseline_colour="yellow", colour="orange")
    url = reverse("risk:meeting_confirm", kwargs={"pk": meeting.pk})

    response = login("town").post(url, {"confirmed": [found.get().pk]})

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.run == run and list(meeting.confirmed.all()) == [found.get()]
    entry = AuditEntry.objects.get(action="risk.meeting.updated")
    assert entry.changes["confirmed"]["new"] == "张屯村黄→橙"
    again = login("town").post(url, {"confirmed": [found.get().pk]})
    assert (
        again.status_code == 302
        and AuditEntry.objects.filter(action="risk.meeting.updated").count() == 1
    )
    assert login("town_b").post(url, {"confirmed": [found.get().pk]}).status_code == 404
