"""What the outcome views share: scoped fetches and the way back to the candidate page."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse

from houbei.outcomes.models import Appointment, Poll


def candidate_url(candidate_id: int) -> str:
    return reverse("outcomes:candidate", args=[candidate_id])


def visible_poll(request: HttpRequest, pk: int) -> Poll:
    polls = Poll.objects.visible_to(request.user).select_related(
        "candidate",
        "candidate__person",
        "candidate__village",
        "rule_set",
        "entered_by",
        "confirmed_by",
    )
    return get_object_or_404(polls, pk=pk)


def visible_appointment(request: HttpRequest, pk: int) -> Appointment:
    found = Appointment.objects.visible_to(request.user).select_related("candidate")
    return get_object_or_404(found, pk=pk)
