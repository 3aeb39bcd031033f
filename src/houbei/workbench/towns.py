"""The county's towns side by side, and one town's villages the same way (drill-down).

Each figure is one grouped query over the user's villages, keyed by the group (a town, or the
village itself): villages by colour and this week's changes, villages without a ready secretary
reserve, joint-review opinions pending, problems open and overdue, trainees of 培养先行. Six
queries whatever the number of towns and villages (docs/performance.md G3).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from houbei.cultivation.models import Trainee
from houbei.regions.models import Region
from houbei.reserves.models import POOL_STAGES, Candidate, JointReview, Readiness, TargetPost
from houbei.risk.models import COLOURS, Assessment, Colour, Problem, ProblemStatus
from houbei.workbench.providers import week_start


@dataclass
class Row:
    """One town (or one village) and its figures."""

    pk: int
    name: str
    villages: int = 0
    without_ready_secretary: int = 0
    colours: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLOURS, 0))
    changed: int = 0
    reviews_pending: int = 0
    problems_open: int = 0
    problems_overdue: int = 0
    trainees: int = 0

    @property
    def unassessed(self) -> int:
        return self.villages - sum(self.colours.values())

    @property
    def colour_list(self) -> list[tuple[str, str, int]]:
        return [(colour, Colour(colour).label, n) for colour, n in self.colours.items()]


def _key(path: str, group: str) -> str:
    """The lookup from a row to its group: `village__town`, or `village` for villages."""
    return f"{path}__{group}" if group else path


def _ready_secretary() -> Exists:
    return Exists(
        Candidate.objects.filter(
            village=OuterRef("pk"),
            election_round__is_current=True,
            stage__in=POOL_STAGES,
            target_post=TargetPost.SECRETARY,
            readiness=Readiness.READY_NOW,
        )
    )


def _bench(rows: dict[int, Row], villages: QuerySet[Region], group: str) -> None:
    key = group or "pk"
    counted = (
        villages.order_by()
        .values(key)
        .annotate(n=Count("pk"), without=Count("pk", filter=~_ready_secretary()))
        .values_list(key, "n", "without")
    )
    for pk, n, without in counted:
        if pk in rows:
            rows[pk].villages, rows[pk].without_ready_secretary = n, without


def _colours(rows: dict[int, Row], ids: QuerySet[Any], group: str, today: dt.date) -> None:
    changed = Q(week=week_start(today)) & ~Q(baseline_colour="") & ~Q(baseline_colour=F("colour"))
    key = _key("village", group)
    counted = (
        Assessment.objects.filter(is_latest=True, village__in=ids)
        .order_by()
        .values_list(key, "colour")
        .annotate(n=Count("pk"), changed=Count("pk", filter=changed))
    )
    for pk, colour, n, moved in counted:
        if pk in rows and colour in rows[pk].colours:
            rows[pk].colours[colour] += n
            rows[pk].changed += moved


def _problems(rows: dict[int, Row], ids: QuerySet[Any], group: str, today: dt.date) -> None:
    is_open = Q(status=ProblemStatus.OPEN)
    key = _key("village", group)
    counted = (
        Problem.objects.filter(village__in=ids)
        .order_by()
        .values_list(key)
        .annotate(
            open=Count("pk", filter=is_open),
            overdue=Count("pk", filter=is_open & Q(due_on__lt=today)),
        )
    )
    for pk, still_open, overdue in counted:
        if pk in rows:
            rows[pk].problems_open, rows[pk].problems_overdue = still_open, overdue


def _count(rows: dict[int, Row], found: QuerySet[Any], key: str, attribute: str) -> None:
    for pk, n in found.order_by().values_list(key).annotate(n=Count("pk")):
        if pk in rows:
            setattr(rows[pk], attribute, n)


def compare(
    groups: QuerySet[Region], villages: QuerySet[Region], today: dt.date, *, by_town: bool
) -> list[Row]:
    """`groups` are towns (`by_town`: their villages grouped by town) or the villages."""
    group = "town" if by_town else ""
    rows = {pk: Row(pk=pk, name=name) for pk, name in groups.values_list("pk", "name")}
    ids = villages.order_by().values("pk")
    _bench(rows, villages, group)
    _colours(rows, ids, group, today)
    _problems(rows, ids, group, today)
    pending = JointReview.objects.pending().filter(
        candidate__village__in=ids, candidate__election_round__is_current=True
    )
    _count(rows, pending, _key("candidate__village", group), "reviews_pending")
    trainees = Trainee.objects.filter(village__in=ids, plan__election_round__is_current=True)
    _count(rows, trainees, _key("village", group), "trainees")
    return list(rows.values())


SUMMED = (
    "villages",
    "without_ready_secretary",
    "changed",
    "reviews_pending",
    "problems_open",
    "problems_overdue",
    "trainees",
)


def totals(rows: list[Row]) -> Row:
    total = Row(pk=0, name="合计")
    for row in rows:
        for name in SUMMED:
            setattr(total, name, getattr(total, name) + getattr(row, name))
        for colour, n in row.colours.items():
            total.colours[colour] += n
    return total
