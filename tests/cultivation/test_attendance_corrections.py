"""Correcting a training attendance (培训签到; decision 0028, issue 13 §6): its status and
leave reason, with the reason in its history; the leave ledger is checked again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.cultivation import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def attendance(add_class: Any, trainees: list[Any], personas: dict[str, Any]) -> Any:
    session = add_class(day=timezone.localdate() - dt.timedelta(days=7))
    (made,) = services.mark_roster(
        session=session, marks=[services.Mark(trainees[0], "absent")], actor=personas["town"]
    )
    return made


def _data(**extra: str) -> dict[str, str]:
    return {
        "correct-status": "leave",
        "correct-leave_reason": "事先书面请假",
        "correct-reason": "请假条后补交",
    } | extra


def test_an_attendance_is_corrected_with_the_reason_in_its_history(
    client: Any, personas: Any, attendance: Any
) -> None:
    client.force_login(personas["town"])

    response = client.post(f"/cultivation/attendances/{attendance.pk}/correct/", _data())

    assert response.status_code == 302
    attendance.refresh_from_db()
    assert attendance.status == "leave" and attendance.leave_reason == "事先书面请假"
    entry = AuditEntry.objects.get(action="cultivation.attendance.corrected")
    assert entry.changes["status"] == {"old": "absent", "new": "leave"}
    assert entry.changes["reason"] == "请假条后补交"
    page = client.get(f"/cultivation/attendances/{attendance.pk}/record/").content.decode()
    assert "更正培训签到" in page and "缺勤 → 请假" in page and "请假条后补交" in page
    assert "<title>培训签到记录 · 更正 ·" in page  # corrected, never voided
    roster = client.get(f"/cultivation/sessions/{attendance.session_id}/").content.decode()
    assert f"/cultivation/attendances/{attendance.pk}/record/" in roster


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"correct-leave_reason": ""}, "请假须填写事由"),
        ({"correct-reason": "补交"}, "理由至少 4 个字"),
        ({"correct-status": "absent", "correct-leave_reason": ""}, "更正内容与原记录相同"),
    ],
)
def test_a_bad_attendance_correction_changes_nothing(
    client: Any, personas: Any, attendance: Any, extra: dict[str, str], message: str
) -> None:
    client.force_login(personas["town"])

    response = client.post(f"/cultivation/attendances/{attendance.pk}/correct/", _data(**extra))

    assert response.status_code == 200 and message in response.content.decode()
    attendance.refresh_from_db()
    assert attendance.status == "absent"
    assert not AuditEntry.objects.filter(action="cultivation.attendance.corrected").exists()


@pytest.mark.parametrize(("role", "status"), [("liaison", 403), ("town_b", 404)])
def test_wrong_roles_and_other_towns_cannot_correct_an_attendance(
    client: Any, personas: Any, attendance: Any, role: str, status: int
) -> None:
    client.force_login(personas[role])

    url = f"/cultivation/attendances/{attendance.pk}/correct/"
    assert client.post(url, _data()).status_code == status
    attendance.refresh_from_db()
    assert attendance.status == "absent"
