"""What the cultivation views share: scoped fetches."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from houbei.cultivation.models import CultivationPlan, Placement, Trainee, TrainingSession


def visible_plan(request: HttpRequest, pk: int) -> CultivationPlan:
    plans = CultivationPlan.objects.visible_to(request.user).select_related(
        "election_round", "town"
    )
    return get_object_or_404(plans, pk=pk)


def visible_session(request: HttpRequest, pk: int) -> TrainingSession:
    sessions = TrainingSession.objects.visible_to(request.user).select_related(
        "plan", "plan__town", "plan__election_round"
    )
    return get_object_or_404(sessions, pk=pk)


def visible_trainee(request: HttpRequest, pk: int) -> Trainee:
    trainees = Trainee.objects.visible_to(request.user).select_related(
        "person", "village", "candidate", "plan", "plan__town", "plan__election_round"
    )
    return get_object_or_404(trainees, pk=pk)


def visible_placement(request: HttpRequest, pk: int) -> Placement:
    placements = Placement.objects.visible_to(request.user).select_related(
        "candidate", "trainee", "trainee__plan", "trainee__plan__election_round", "village"
    )
    return get_object_or_404(placements, pk=pk)
