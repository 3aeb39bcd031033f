"""Reads over a plan: each trainee's hours ledger (学时) and attendance rate, in a constant number
of queries whatever the number of trainees (two aggregates and the round's rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from houbei.cultivation.models import (
    ATTENDED,
    Attendance,
    CultivationPlan,
    ExamResult,
    Placement,
    ProposalStatus,
    Trainee,
    TrainingSession,
)
from houbei.cultivation.rules import CultivationRules
from houbei.regions.models import Region

ZERO = Decimal("0")


@dataclass(frozen=True)
class PlanHours:
    total: Decimal  # every class of the plan
    held: Decimal  # classes held up to the day with their sign-in recorded
    classes: int
    held_classes: int


@dataclass(frozen=True)
class Ledger:
    """One trainee's hours: earned, missed (leave and absence), and what the rules say of them."""

    attended: Decimal
    missed: Decimal
    leave: Decimal
    plan: PlanHours
    required: int
    over_limit: bool

    @property
    def rate(self) -> float | None:
        """Hours attended over hours held; None before the first class."""
        return float(self.attended / self.plan.held) if self.plan.held else None

    @property
    def rate_text(self) -> str:
        return "—" if self.rate is None else f"{self.rate:.0%}"

    @property
    def short_of_required(self) -> Decimal:
        return max(ZERO, Decimal(self.required) - self.attended)


def plan_hours(plan: CultivationPlan, on: dt.date | None = None) -> PlanHours:
    """The plan's hours, and those of the classes held by the day whose sign-in is recorded
    (a class not marked yet does not lower anyone's rate)."""
    day = on or timezone.localdate()
    marked = Exists(Attendance.objects.filter(session=OuterRef("pk")))
    held = Q(held_on__lte=day, marked=True)
    found = (
        TrainingSession.objects.filter(plan=plan)
        .annotate(marked=marked)
        .aggregate(
            total=Sum("hours"),
            held=Sum("hours", filter=held),
            classes=Count("id"),
            held_classes=Count("id", filter=held),
        )
    )
    return PlanHours(
        total=found["total"] or ZERO,
        held=found["held"] or ZERO,
        classes=found["classes"],
        held_classes=found["held_classes"],
    )


def ledgers(
    plan: CultivationPlan,
    trainee_ids: Iterable[int],
    rules: CultivationRules,
    on: dt.date | None = None,
) -> dict[int, Ledger]:
    """Trainee id → ledger, for the trainees named (all of them in two queries)."""
    ids = list(trainee_ids)
    hours = plan_hours(plan, on)
    sums: dict[int, dict[str, Decimal]] = {pk: {} for pk in ids}
    rows = (
        Attendance.objects.filter(trainee_id__in=ids, session__plan=plan)
        .values("trainee_id", "status")
        .annotate(hours=Sum("session__hours"))
    )
    for row in rows:
        sums[row["trainee_id"]][row["status"]] = row["hours"] or ZERO
    return {pk: _ledger(found, hours, rules) for pk, found in sums.items()}


def _ledger(found: dict[str, Decimal], hours: PlanHours, rules: CultivationRules) -> Ledger:
    attended = sum((found.get(str(s), ZERO) for s in ATTENDED), ZERO)
    leave = found.get("leave", ZERO)
    missed = leave + found.get("absent", ZERO)
    return Ledger(
        attended=attended,
        missed=missed,
        leave=leave,
        plan=hours,
        required=rules.required_hours,
        over_limit=rules.over_leave_limit(missed, hours.total),
    )


def cultivation_counts(villages: QuerySet[Region]) -> dict[str, int]:
    """For `houbei stats`: trainees of the current rounds' plans in these villages, how many
    passed the test (trained), how many were placed, placements running today and removal
    proposals waiting for the leader. Two queries."""
    today = timezone.localdate()
    trainees = Trainee.objects.filter(
        village__in=villages.order_by().values("pk"), plan__election_round__is_current=True
    )
    passed = Exists(ExamResult.objects.valid().filter(trainee=OuterRef("pk"), passed=True))
    waiting = Q(proposals__status=ProposalStatus.PROPOSED)
    found = trainees.annotate(has_passed=passed).aggregate(
        trainees=Count("id", distinct=True),
        trained=Count("id", filter=Q(has_passed=True), distinct=True),
        proposed_removals=Count("proposals", filter=waiting, distinct=True),
    )
    placements = Placement.objects.filter(trainee__in=trainees.values("pk")).aggregate(
        placed=Count("candidate", distinct=True),
        placements_running=Count(
            "id", filter=Q(starts_on__lte=today, planned_end__gte=today), distinct=True
        ),
    )
    return {key: int(value or 0) for key, value in {**found, **placements}.items()}
