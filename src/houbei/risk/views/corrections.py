"""The judgement meeting's record page and its correction (更正): its date and decisions.

Decision 0028 (docs/decisions/0028-record-corrections.md): a meeting took place, so it is
corrected, never voided."""

from __future__ import annotations

from django import forms
from django.urls import reverse

from houbei.accounts.capabilities import Capability
from houbei.audit.correction_views import Kind, record_urls
from houbei.audit.corrections import ReasonForm
from houbei.people.forms.fields import TypedDateField
from houbei.risk.models import AssessmentMeeting
from houbei.risk.services.meetings import correct_meeting


class MeetingCorrectionForm(ReasonForm):
    held_on = TypedDateField(label="会议日期", past=True)
    decisions = forms.CharField(label="研究决定事项", widget=forms.Textarea(attrs={"rows": 4}))
    field_order = ["held_on", "decisions", "reason"]


KINDS = {
    "meeting": Kind(
        name="meeting",
        title="研判会",
        namespace="risk",
        model=AssessmentMeeting,
        capability=Capability.RECORD_MEETINGS,
        shown=("week", "held_on", "decisions", "recorded_by", "recorded_at"),
        related=("town", "recorded_by"),
        back=lambda obj: reverse("risk:meeting_detail", args=[obj.pk]),
        subtitle=lambda obj: f"{obj.town.name}研判会",
        form=MeetingCorrectionForm,
        initial=lambda obj: {"held_on": obj.held_on, "decisions": obj.decisions},
        correct=correct_meeting,
    )
}
URLS = record_urls(KINDS, {"meeting": "meetings"})
