"""Cultivation records (a class's sign-in) read and marked through the roster's form and service."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from houbei.accounts.capabilities import Capability
from houbei.api.core import Id, PathId, guard, require_valid
from houbei.api.errors import ERRORS
from houbei.api.scopes import Scope
from houbei.cultivation import services
from houbei.cultivation.board import visible_trainees
from houbei.cultivation.forms import RosterForm
from houbei.cultivation.models import Attendance, TrainingSession

router = Router(tags=["培养"])


class AttendanceOut(Schema):
    trainee_id: int
    person_id: int
    name: str
    village_id: int
    status: str | None
    leave_reason: str


class SessionOut(Schema):
    id: int
    plan_id: int
    held_on: dt.date
    topic: str
    hours: float
    attendance: list[AttendanceOut]


class MarkIn(Schema):
    trainee: Id
    status: str = Field(..., max_length=10)
    leave_reason: str = Field("", max_length=200)


class RosterIn(Schema):
    marks: list[MarkIn] = Field(..., min_length=1, max_length=500)


def _session(request: HttpRequest, pk: int) -> TrainingSession:
    sessions = TrainingSession.objects.visible_to(request.user).select_related("plan")
    return get_object_or_404(sessions, pk=pk)


def _roster(request: HttpRequest, session: TrainingSession) -> dict[str, object]:
    trainees = list(
        visible_trainees(request.user, session.plan).exclude(candidate__stage="removed")
    )
    marks = {
        a.trainee_id: a for a in Attendance.objects.filter(session=session, trainee__in=trainees)
    }
    rows = [
        {
            "trainee_id": t.pk,
            "person_id": t.person_id,
            "name": t.person.name,
            "village_id": t.village_id,
            "status": marks[t.pk].status if t.pk in marks else None,
            "leave_reason": marks[t.pk].leave_reason if t.pk in marks else "",
        }
        for t in trainees
    ]
    return {
        "id": session.pk,
        "plan_id": session.plan_id,
        "held_on": session.held_on,
        "topic": session.topic,
        "hours": float(session.hours),
        "attendance": rows,
    }


@router.get(
    "/cultivation/sessions/{pk}", response={200: SessionOut, **ERRORS}, summary="培训班及签到"
)
def session_detail(request: HttpRequest, pk: PathId) -> dict[str, object]:
    guard(request, Scope.READ_PERSONAL, Capability.VIEW_PEOPLE)
    return _roster(request, _session(request, pk))


@router.post(
    "/cultivation/sessions/{pk}/attendance",
    response={200: SessionOut, **ERRORS},
    summary="登记签到（出勤、迟到、请假、缺勤）",
)
def session_attendance(request: HttpRequest, pk: PathId, payload: RosterIn) -> dict[str, object]:
    guard(request, Scope.FIELDWORK, Capability.MANAGE_CANDIDATES)
    session = _session(request, pk)
    trainees = list(
        visible_trainees(request.user, session.plan).exclude(candidate__stage="removed")
    )
    known = {t.pk for t in trainees}
    data: dict[str, str] = {}
    for mark in payload.marks:
        if mark.trainee not in known:
            raise ValidationError({"marks": [f"学员 {mark.trainee} 不在本班名单中"]})
        data[f"status-{mark.trainee}"] = mark.status
        data[f"reason-{mark.trainee}"] = mark.leave_reason
    form = RosterForm(data, trainees=trainees)
    require_valid(form)
    marks = [services.Mark(t, status, reason) for t, status, reason in form.marks()]
    services.mark_roster(session=session, marks=marks, actor=request.user)
    return _roster(request, session)
