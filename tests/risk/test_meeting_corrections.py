"""Correcting the judgement meeting's record (研判会; decision 0028, issue 13 §6): its date
within its week and its decisions, with the reason in its history; never voided."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.risk.engine.run import week_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(tree: Any, election_round: Any, personas: Any) -> Any:
    from houbei.risk.services import record_meeting
    from houbei.rounds.leading import add_member

    member = add_member(
        election_round=election_round,
        fields={"region": tree["town_a"], "position": "head", "name": "王建军", "user": None},
        actor=None,
    )
    return record_meeting(
        town=tree["town_a"],
        held_on=timezone.localdate(),
        members=[member],
        accounts=[],
        decisions="团相村书记人选两周内提出意见。",
        confirmed=[],
        actor=None,
    )


def _data(meeting: Any, **extra: str) -> dict[str, str]:
    return {
        "correct-held_on": f"{meeting.held_on:%Y-%m-%d}",
        "correct-decisions": "团相村书记人选一周内提出意见。",
        "correct-reason": "时限记错了",
    } | extra


def test_a_meeting_is_corrected_with_the_reason_in_its_history(
    client: Any, personas: Any, meeting: Any
) -> None:
    client.force_login(personas["town"])

    response = client.post(f"/risk/meetings/{meeting.pk}/correct/", _data(meeting))

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.decisions == "团相村书记人选一周内提出意见。"
    entry = AuditEntry.objects.get(action="risk.meeting.corrected")
    assert entry.changes["reason"] == "时限记错了" and set(entry.changes) == {"decisions", "reason"}
    page = client.get(f"/risk/meetings/{meeting.pk}/record/").content.decode()
    assert "更正研判会记录" in page and "研究决定事项" in page and "时限记错了" in page
    assert '<b title="attendees">出席人员</b>' in page  # the recorded entry, in Chinese
    detail = client.get(f"/risk/meetings/{meeting.pk}/").content.decode()
    assert f"/risk/meetings/{meeting.pk}/record/" in detail


def test_the_date_stays_in_the_week_and_not_ahead_of_today(
    client: Any, personas: Any, meeting: Any
) -> None:
    client.force_login(personas["town"])
    url = f"/risk/meetings/{meeting.pk}/correct/"
    before = week_of(timezone.localdate()) - dt.timedelta(days=1)

    earlier = client.post(url, _data(meeting, **{"correct-held_on": f"{before:%Y-%m-%d}"}))
    later = client.post(url, _data(meeting, **{"correct-held_on": "2999-01-01"}))
    empty = client.post(url, _data(meeting, **{"correct-decisions": " "}))

    assert "会议日期应在研判周内" in earlier.content.decode()
    assert "日期不能晚于今天" in later.content.decode()
    assert empty.status_code == 200
    meeting.refresh_from_db()
    assert meeting.decisions == "团相村书记人选两周内提出意见。"
    assert not AuditEntry.objects.filter(action="risk.meeting.corrected").exists()


@pytest.mark.parametrize(("role", "status"), [("liaison", 403), ("town_b", 404)])
def test_wrong_roles_and_other_towns_cannot_correct_a_meeting(
    client: Any, personas: Any, meeting: Any, role: str, status: int
) -> None:
    client.force_login(personas[role])

    assert (
        client.post(f"/risk/meetings/{meeting.pk}/correct/", _data(meeting)).status_code == status
    )
    meeting.refresh_from_db()
    assert meeting.decisions == "团相村书记人选两周内提出意见。"
