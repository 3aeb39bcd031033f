"""A practice post's records: each one's page, correction (更正) and voiding (作废).

Decision 0028 (docs/decisions/0028-record-corrections.md)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse

from houbei.accounts.capabilities import Capability
from houbei.audit.correction_views import Kind, record_urls
from houbei.audit.corrections import ReasonForm
from houbei.cultivation.forms import MeetingForm, WorkLogForm
from houbei.cultivation.models import (
    Attendance,
    AttendanceStatus,
    ExamResult,
    MentorRating,
    ObservationMeeting,
    WorkLog,
)
from houbei.cultivation.services import corrections
from houbei.people.forms.fields import TypedDateField


class WorkLogCorrectionForm(WorkLogForm, ReasonForm):
    pass


class MeetingCorrectionForm(MeetingForm, ReasonForm):
    held_on = TypedDateField(label="日期", past=True)


def _trainee_page(obj: Any) -> str:
    return reverse("cultivation:trainee_detail", args=[obj.placement.trainee_id])


def _who(obj: Any) -> str:
    return f"{obj.placement.candidate.person.name} · {obj.placement.village.name}"


_RELATED = ("placement__candidate__person", "placement__village", "recorded_by")
KINDS = {
    "worklog": Kind(
        name="worklog",
        title="工作纪实",
        namespace="cultivation",
        model=WorkLog,
        capability=Capability.LOG_PRACTICE,
        shown=("logged_on", "text", "recorded_by", "recorded_at"),
        related=_RELATED,
        back=_trainee_page,
        subtitle=_who,
        form=WorkLogCorrectionForm,
        correct=corrections.correct_work_log,
        void=corrections.void_work_log,
    ),
    "rating": Kind(
        name="rating",
        title="带教评价",
        namespace="cultivation",
        model=MentorRating,
        capability=Capability.LOG_PRACTICE,
        shown=("month", "rating", "note", "recorded_by", "recorded_at"),
        related=_RELATED,
        back=_trainee_page,
        subtitle=_who,
        void=corrections.void_mentor_rating,
    ),
}
KINDS["exam"] = Kind(
    name="exam",
    title="结业测试成绩",
    namespace="cultivation",
    model=ExamResult,
    capability=Capability.LOG_PRACTICE,
    shown=("attempt", "taken_on", "score", "passed", "recorded_by", "recorded_at"),
    related=("trainee__person", "trainee__village", "recorded_by"),
    back=lambda obj: reverse("cultivation:trainee_detail", args=[obj.trainee_id]),
    subtitle=lambda obj: f"{obj.trainee.person.name} · {obj.trainee.village.name}",
    void=corrections.void_exam,
)


class AttendanceCorrectionForm(ReasonForm):
    status = forms.ChoiceField(
        label="出勤情况", choices=AttendanceStatus.choices, widget=forms.RadioSelect
    )
    leave_reason = forms.CharField(label="请假事由", max_length=200, required=False)
    field_order = ["status", "leave_reason", "reason"]


KINDS["attendance"] = Kind(
    name="attendance",
    title="培训签到",
    namespace="cultivation",
    model=Attendance,
    capability=Capability.MANAGE_CANDIDATES,
    shown=("status", "leave_reason", "way", "recorded_by", "recorded_at"),
    related=("session", "trainee__person", "recorded_by"),
    back=lambda obj: reverse("cultivation:session_roster", args=[obj.session_id]),
    subtitle=lambda obj: (
        f"{obj.trainee.person.name} · {obj.session.held_on:%Y-%m-%d} {obj.session.topic}"
    ),
    form=AttendanceCorrectionForm,
    initial=lambda obj: {"status": obj.status, "leave_reason": obj.leave_reason},
    correct=corrections.correct_attendance,
)
KINDS["meeting"] = Kind(
    name="meeting",
    title="观摩座谈",
    namespace="cultivation",
    model=ObservationMeeting,
    capability=Capability.MANAGE_CANDIDATES,
    shown=("held_on", "place", "attendees", "recorded_by"),
    related=("plan__town", "recorded_by"),
    back=lambda obj: reverse("cultivation:meeting_detail", args=[obj.pk]),
    subtitle=lambda obj: f"{obj.plan.town.name} · {obj.plan.title}",
    form=MeetingCorrectionForm,
    correct=corrections.correct_meeting,
)
URLS = record_urls(
    KINDS,
    {
        "worklog": "work-logs",
        "rating": "mentor-ratings",
        "exam": "exam-results",
        "meeting": "observation-meetings",
        "attendance": "attendances",
    },
)
