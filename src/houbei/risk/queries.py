"""Reads of the risk area for pages, dashboards, exports and `houbei stats`: each a constant
number of queries whatever the number of villages (docs/performance.md G3)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    Exists,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from houbei.regions.models import Region
from houbei.risk.engine.run import week_of
from houbei.risk.models import (
    COLOURS,
    Assessment,
    Colour,
    Problem,
    ProblemStatus,
    VillageFacts,
)
from houbei.risk.rules import risk_rules
from houbei.rounds.models import RuleSet

GRID_FIELDS = (
    "pk",
    "name",
    "district__name",
    "town__name",
    "latest__pk",
    "latest__colour",
    "latest__computed_colour",
    "latest__score",
    "latest__week",
    "latest__assessed_at",
    "latest__rule_set_id",
    "latest__baseline_colour",
    "latest__cadres_leave",
    "latest__cadres_stay",
    "latest__cadres_move",
    "latest__cadres_enter",
    "open_problems",
    "overdue_problems",
    "focus",
)


def _ids(villages: QuerySet[Region]) -> QuerySet[Any]:
    return villages.order_by().values("pk")


def colour_counts(villages: QuerySet[Region]) -> dict[str, int]:
    """Villages by the colour of their latest assessment (every colour present): one query."""
    counts = dict.fromkeys(COLOURS, 0)
    rows = (
        Assessment.objects.filter(is_latest=True, village__in=_ids(villages))
        .values_list("colour")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for colour, n in rows:
        counts[colour] = n
    return counts


def latest_of(village: Region) -> Assessment | None:
    """The village's latest assessment with what the why-panel needs: one query."""
    return (
        Assessment.objects.filter(village=village, is_latest=True)
        .select_related(
            "previous", "previous__rule_set", "override", "rule_set", "override__requested_by"
        )
        .first()
    )


def is_not_ready(colour: str | None, open_problems: int, not_ready_colours: list[str]) -> bool:
    """A village of a listed colour (red by default) with open problems may not elect yet."""
    return bool(colour) and colour in not_ready_colours and open_problems > 0


def village_panel(village: Region) -> dict[str, Any]:
    """What the village page's risk panel shows: two queries."""
    latest = latest_of(village)
    open_problems = Problem.objects.filter(village=village, status=ProblemStatus.OPEN).count()
    not_ready = ["red"]
    if latest is not None:
        not_ready = list(risk_rules(latest.rule_set).not_ready_colours)
    return {
        "assessment": latest,
        "open_problems": open_problems,
        "not_ready": is_not_ready(latest.colour if latest else None, open_problems, not_ready),
    }


def _count(problems: QuerySet[Problem]) -> Coalesce:
    counted = problems.filter(village=OuterRef("pk")).order_by().values("village")
    subquery = Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField())
    return Coalesce(subquery, Value(0))


def grid_rows(villages: QuerySet[Region], today: dt.date | None = None) -> list[dict[str, Any]]:
    """Every village of the scope with its latest colour, outlooks and problem counts: one query."""
    today = today or timezone.localdate()
    open_problems = Problem.objects.filter(status=ProblemStatus.OPEN)
    focus = VillageFacts.objects.filter(
        village=OuterRef("pk"), focus_village=True, election_round__is_current=True
    )
    rows = (
        villages.annotate(
            latest=FilteredRelation("assessments", condition=Q(assessments__is_latest=True))
        )
        .annotate(
            open_problems=_count(open_problems),
            overdue_problems=_count(open_problems.filter(due_on__lt=today)),
            focus=Exists(focus),
        )
        .order_by("town__name", "district__name", "name")
        .values(*GRID_FIELDS)
    )
    return [{key.replace("__", "_"): value for key, value in row.items()} for row in rows]


@dataclass
class Summary:
    """The dashboard's figures, computed from the grid rows (no further query)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLOURS, 0))
    unassessed: int = 0
    outlooks: Counter[str] = field(default_factory=Counter)
    problems: dict[str, dict[str, int]] = field(default_factory=dict)
    changed: list[dict[str, Any]] = field(default_factory=list)
    not_ready: int = 0
    focus: int = 0
    assessed_at: dt.datetime | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.unassessed

    @property
    def changed_total(self) -> int:
        return len(self.changed)

    @property
    def problem_totals(self) -> dict[str, int]:
        """Open and overdue problems of every village, assessed or not."""
        return {
            kind: sum(counts[kind] for counts in self.problems.values())
            for kind in ("open", "overdue")
        }


def not_ready_colours(rows: list[dict[str, Any]]) -> dict[int, list[str]]:
    """Each rule version's "not ready to elect" colours, for the versions the rows used."""
    ids = {row["latest_rule_set_id"] for row in rows if row["latest_rule_set_id"]}
    found = RuleSet.objects.filter(pk__in=ids).values_list("pk", "rules")
    return {pk: list(risk_rules(rules).not_ready_colours) for pk, rules in found}


def summarise(rows: list[dict[str, Any]], today: dt.date) -> Summary:
    """The dashboard's figures from the grid rows (one query for the rule versions)."""
    summary = Summary(problems={c: {"open": 0, "overdue": 0} for c in COLOURS})
    this_week = week_of(today)
    colours = not_ready_colours(rows)
    for row in rows:
        colour = row["latest_colour"]
        not_ready = colours.get(row["latest_rule_set_id"], [])
        row["not_ready"] = is_not_ready(colour, row["open_problems"], not_ready)
        if row["latest_assessed_at"] and (
            summary.assessed_at is None or row["latest_assessed_at"] > summary.assessed_at
        ):
            summary.assessed_at = row["latest_assessed_at"]
        summary.not_ready += row["not_ready"]
        summary.focus += bool(row["focus"])
        # Problems count in every village, assessed or not ("" = not assessed yet).
        bucket = summary.problems.setdefault(colour or "", {"open": 0, "overdue": 0})
        bucket["open"] += row["open_problems"]
        bucket["overdue"] += row["overdue_problems"]
        if colour is None:
            summary.unassessed += 1
            continue
        summary.counts[colour] += 1
        for outlook in ("leave", "stay", "move", "enter"):
            summary.outlooks[outlook] += row[f"latest_cadres_{outlook}"]
        if _is_change(row, this_week):
            summary.changed.append(row)
    return summary


def _is_change(row: dict[str, Any], this_week: dt.date) -> bool:
    """Changed this week against last week's colour, or set apart from the computed colour by an
    approved override (whenever it was approved: it is in force)."""
    colour, baseline = row["latest_colour"], row["latest_baseline_colour"]
    row["overridden"] = colour != row["latest_computed_colour"]
    moved = row["latest_week"] == this_week and bool(baseline) and baseline != colour
    return moved or bool(row["overridden"])


def trend(villages: QuerySet[Region], today: dt.date, weeks: int = 12) -> dict[str, Any]:
    """Villages by colour at the end of each of the last weeks (each village's last snapshot
    of the week): one query. Chart.js-ready: labels and one series per colour."""
    start = week_of(today) - dt.timedelta(weeks=weeks - 1)
    later_same_week = Assessment.objects.filter(
        village=OuterRef("village"), week=OuterRef("week"), assessed_at__gt=OuterRef("assessed_at")
    )
    rows = (
        Assessment.objects.filter(village__in=_ids(villages), week__gte=start)
        .exclude(Exists(later_same_week))
        .values_list("week", "colour")
        .annotate(n=Count("pk"))
        .order_by("week")
    )
    table: dict[dt.date, dict[str, int]] = {}
    for week, colour, n in rows:
        table.setdefault(week, dict.fromkeys(COLOURS, 0))[colour] = n
    labels = sorted(table)
    return {
        "labels": [f"{w:%m-%d}" for w in labels],
        "series": [
            {"colour": c, "label": f"{Colour(c).label}色", "data": [table[w][c] for w in labels]}
            for c in COLOURS
        ],
    }
