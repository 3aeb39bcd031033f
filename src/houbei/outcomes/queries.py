"""Reads over the outcome area: the town's outcome board with its ranking per village and post,
and the counts `houbei stats` reports. A constant number of queries whatever the size."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from houbei.outcomes.models import (
    Appointment,
    AppointmentStatus,
    Commendation,
    Evaluation,
    Poll,
    PollStatus,
)
from houbei.regions.models import Region
from houbei.reserves.models import Candidate, Stage

BOARD_STAGES = [Stage.PLACED, Stage.EVALUATED, Stage.POLLED, Stage.APPOINTED]


@dataclass
class BoardRow:
    candidate: Candidate
    evaluation: Evaluation | None
    poll: Poll | None
    appointment: Appointment | None
    rank: int = 0

    @property
    def score(self) -> float:
        return float(self.evaluation.total) if self.evaluation else -1.0


def board_candidates(candidates: QuerySet[Candidate]) -> QuerySet[Candidate]:
    return (
        candidates.filter(stage__in=BOARD_STAGES)
        .select_related("person", "village")
        .prefetch_related(
            Prefetch("evaluations", Evaluation.objects.valid().order_by("-recorded_at", "-id")),
            Prefetch("polls", Poll.objects.valid().order_by("-created_at", "-id")),
            Prefetch("appointments", Appointment.objects.order_by("-proposed_at", "-id")),
        )
        .order_by("village__code", "target_post", "pk")
    )


def board(candidates: Iterable[Candidate]) -> list[BoardRow]:
    """Each candidate with the latest evaluation, poll and appointment, ranked by the latest
    score within its village and target post (four queries)."""
    rows = [
        BoardRow(
            candidate=c,
            evaluation=next(iter(c.evaluations.all()), None),
            poll=next(iter(c.polls.all()), None),
            appointment=next(iter(c.appointments.all()), None),
        )
        for c in candidates
    ]
    groups: dict[tuple[int, str], list[BoardRow]] = {}
    for row in rows:
        groups.setdefault((row.candidate.village_id, row.candidate.target_post), []).append(row)
    for group in groups.values():
        for rank, row in enumerate(sorted(group, key=lambda r: -r.score), start=1):
            row.rank = rank if row.evaluation else 0
    return sorted(
        rows, key=lambda r: (r.candidate.village.code, r.candidate.target_post, r.rank or 999)
    )


def outcome_counts(villages: QuerySet[Region]) -> dict[str, int]:
    """For `houbei stats`: evaluations and polls of the current rounds in these villages,
    appointments waiting and approved, commendations (four queries)."""
    mine = Q(candidate__village__in=villages.order_by().values("pk")) & Q(
        candidate__election_round__is_current=True
    )
    evaluations = (
        Evaluation.objects.valid()
        .filter(mine)
        .aggregate(evaluations=Count("id"), evaluations_passed=Count("id", filter=Q(passed=True)))
    )
    closed = Q(status=PollStatus.CLOSED)
    polls = (
        Poll.objects.valid()
        .filter(mine)
        .aggregate(
            polls=Count("id"),
            polls_passed=Count("id", filter=closed & Q(passed=True, void=False)),
            polls_void=Count("id", filter=closed & Q(void=True)),
            polls_waiting=Count("id", filter=~closed),
        )
    )
    appointments = Appointment.objects.filter(mine).aggregate(
        appointments_waiting=Count("id", filter=Q(status=AppointmentStatus.PROPOSED)),
        appointments_approved=Count("id", filter=Q(status=AppointmentStatus.APPROVED)),
    )
    commendations = {"commendations": Commendation.objects.filter(mine).count()}
    found: dict[str, Any] = {**evaluations, **polls, **appointments, **commendations}
    return {key: int(value or 0) for key, value in found.items()}
