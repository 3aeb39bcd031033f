"""Correcting an observation meeting's record (观摩座谈; decision 0028, issue 13 §6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.cultivation import services
from houbei.cultivation.models import ObservationMeeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(plan: Any, personas: dict[str, Any]) -> ObservationMeeting:
    return services.hold_meeting(
        plan=plan,
        held_on=timezone.localdate() - dt.timedelta(days=3),
        place="镇会议室",
        attendees="镇党委书记、组织委员",
        actor=personas["town"],
    )


def _data(meeting: Any, **extra: str) -> dict[str, str]:
    return {
        "correct-held_on": f"{meeting.held_on - dt.timedelta(days=1):%Y-%m-%d}",
        "correct-place": "村党群服务中心",
        "correct-attendees": meeting.attendees,
        "correct-reason": "地点和日期录错",
    } | extra


def test_a_meeting_is_corrected_with_the_reason_in_its_history(
    client: Any, personas: Any, meeting: Any
) -> None:
    client.force_login(personas["town"])
    old = meeting.held_on

    response = client.post(
        f"/cultivation/observation-meetings/{meeting.pk}/correct/", _data(meeting)
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "村党群服务中心" and meeting.held_on == old - dt.timedelta(days=1)
    entry = AuditEntry.objects.get(action="cultivation.meeting.corrected")
    assert entry.changes["reason"] == "地点和日期录错"
    page = client.get(f"/cultivation/observation-meetings/{meeting.pk}/record/").content.decode()
    assert "更正观摩座谈记录" in page and "镇会议室 → 村党群服务中心" in page
    assert "地点和日期录错" in page and "地点" in page
    detail = client.get(f"/cultivation/meetings/{meeting.pk}/").content.decode()
    assert f"/cultivation/observation-meetings/{meeting.pk}/record/" in detail


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"correct-reason": "错"}, "理由至少 4 个字"),
        ({"correct-held_on": "2999-01-01"}, "日期不能晚于今天"),
        ({"correct-attendees": ""}, "必填"),
    ],
)
def test_a_bad_meeting_correction_changes_nothing(
    client: Any, personas: Any, meeting: Any, extra: dict[str, str], message: str
) -> None:
    client.force_login(personas["town"])

    url = f"/cultivation/observation-meetings/{meeting.pk}/correct/"
    response = client.post(url, _data(meeting, **extra))

    assert response.status_code == 200 and message in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.place == "镇会议室"
    assert not AuditEntry.objects.filter(action="cultivation.meeting.corrected").exists()


@pytest.mark.parametrize(("role", "status"), [("liaison", 403), ("town_b", 404)])
def test_wrong_roles_and_other_towns_cannot_correct_a_meeting(
    client: Any, personas: Any, meeting: Any, role: str, status: int
) -> None:
    client.force_login(personas[role])

    url = f"/cultivation/observation-meetings/{meeting.pk}/correct/"
    assert client.post(url, _data(meeting)).status_code == status
    meeting.refresh_from_db()
    assert meeting.place == "镇会议室"
