"""The dashboards' precomputed figures (docs/performance.md G3, decision record 0024).

A county's dashboard used to read every village of the county (7–8.7 s a page with 46,000
villages in one scope). Now it reads one TownRollup row per town and the TownWeekRollup rows of
the last weeks: the same queries, and almost the same time, at 20 villages and at 46,000.

What keeps the rows true: every service that changes what a row counts refreshes the rows of the
towns it touched, in its own transaction — the weekly assessment run (every town of the run), a
colour override, a problem opened, changed or closed, a village's facts (focus village), a
village created, moved, renamed, retired or deleted, a town or district saved (signals on the
region, see risk/apps.py). Each refresh also moves `refreshed_at`, the version of the cached
dashboards (houbei.risk.board_cache). Code that writes those rows in bulk outside the services
(the benchmark's generator) calls `refresh_towns` itself.
A town without a row is refreshed the first time a dashboard reads it. `houbei rollups --check`
compares every row with a fresh count; `houbei rollups` rebuilds them.

Figures that change with the calendar, not with a write — overdue problems and this week's
colour changes — are counted live (each one query over the few rows concerned).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils import timezone

from houbei.regions.models import Level, Region
from houbei.risk.engine.run import week_of
from houbei.risk.models import (
    COLOURS,
    Assessment,
    Colour,
    Problem,
    ProblemStatus,
    TownRollup,
    TownWeekRollup,
    VillageFacts,
)
from houbei.risk.models.rollup import COUNTED
from houbei.risk.rules import risk_rules
from houbei.rounds.models import RuleSet

OUTLOOKS = ("leave", "stay", "move", "enter")
LATEST = (
    "pk",
    "town_id",
    "latest__colour",
    "latest__rule_set_id",
    "latest__cadres_leave",
    "latest__cadres_stay",
    "latest__cadres_move",
    "latest__cadres_enter",
    "latest__assessed_at",
)


# --- Writing --------------------------------------------------------------------------------


def refresh_towns(town_ids: Iterable[int | None] | None) -> dict[int, TownRollup]:
    """Recompute the rows of these towns (every town when None) from the villages, their
    latest assessments, open problems and facts; and the week rows of the weeks those latest
    assessments belong to. Six queries and two upserts, whatever the number of towns.
    Returns the rows written, by town."""
    ids = None if town_ids is None else sorted({i for i in town_ids if i is not None})
    if ids == []:
        return {}
    with transaction.atomic():
        rows, weeks = _count_rows(ids)
        TownRollup.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["town"],
            update_fields=[*COUNTED, "assessed_at", "refreshed_at"],
        )
        for week in sorted(weeks):
            _refresh_week(week, ids)
    return {row.town_id: row for row in rows}


def _count_rows(ids: list[int] | None) -> tuple[list[TownRollup], set[dt.date]]:
    """The towns' rows, counted and not saved, and the weeks their latest assessments are in."""
    villages = Region.objects.villages().current()
    towns = Region.objects.filter(level=Level.TOWN)
    if ids is not None:
        villages, towns = villages.filter(town_id__in=ids), towns.filter(pk__in=ids)
    figures = _count_towns(villages)
    now = timezone.now()
    rows = []
    for town_id in towns.values_list("pk", flat=True):
        counted = figures.get(town_id, {})
        rows.append(
            TownRollup(
                town_id=town_id,
                assessed_at=counted.get("assessed_at"),
                refreshed_at=now,
                **{name: counted.get(name, 0) for name in COUNTED},
            )
        )
    weeks = {week for counted in figures.values() for week in counted["weeks"]}
    return rows, weeks


def refresh_villages(villages: QuerySet[Region]) -> None:
    """Refresh the towns of these villages (one query to find them)."""
    town_ids = villages.order_by().values_list("town_id", flat=True).distinct()
    refresh_towns(list(town_ids))


def _count_towns(villages: QuerySet[Region]) -> dict[int, dict[str, Any]]:
    ids = villages.order_by().values("pk")
    latest = villages.annotate(
        latest=FilteredRelation("assessments", condition=Q(assessments__is_latest=True))
    ).values_list(*LATEST, "latest__week")
    open_problems = dict(
        Problem.objects.filter(status=ProblemStatus.OPEN, village__in=ids)
        .values("village")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("village", "n")
    )
    focus = set(
        VillageFacts.objects.filter(
            village__in=ids, focus_village=True, election_round__is_current=True
        ).values_list("village_id", flat=True)
    )
    rows = list(latest)
    not_ready = _not_ready_colours({row[3] for row in rows if row[3]})
    towns: dict[int, dict[str, Any]] = {}
    for pk, town_id, colour, rule_set_id, leave, stay, move, enter, at, week in rows:
        counted = towns.setdefault(town_id, defaultdict(int, weeks=set(), assessed_at=None))
        counted["villages"] += 1
        problems = open_problems.get(pk, 0)
        counted["open_problems"] += problems
        counted["focus"] += pk in focus
        if colour is None:
            counted["unassessed"] += 1
            continue
        counted[colour] += 1
        counted[f"open_{colour}"] += problems
        counted["not_ready"] += problems > 0 and colour in not_ready.get(rule_set_id, ())
        for name, value in zip(OUTLOOKS, (leave, stay, move, enter), strict=True):
            counted[f"cadres_{name}"] += value
        counted["weeks"].add(week)
        if counted["assessed_at"] is None or at > counted["assessed_at"]:
            counted["assessed_at"] = at
    return towns


def _not_ready_colours(rule_set_ids: set[int]) -> dict[int, tuple[str, ...]]:
    found = RuleSet.objects.filter(pk__in=rule_set_ids).values_list("pk", "rules")
    return {pk: tuple(risk_rules(rules).not_ready_colours) for pk, rules in found}


def _refresh_week(week: dt.date, town_ids: list[int] | None) -> None:
    """The week row: each village's last snapshot of the week, by town and colour."""
    snapshots = Assessment.objects.filter(week=week)
    if town_ids is not None:
        snapshots = snapshots.filter(village__town_id__in=town_ids)
    later_same_week = Assessment.objects.filter(
        village=OuterRef("village"), week=week, assessed_at__gt=OuterRef("assessed_at")
    )
    counts = (
        snapshots.exclude(Exists(later_same_week))
        .values_list("village__town_id", "colour")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows: dict[int, TownWeekRollup] = {}
    for town_id, colour, n in counts:
        if town_id is None:
            continue
        row = rows.setdefault(town_id, TownWeekRollup(town_id=town_id, week=week))
        setattr(row, colour, n)
    TownWeekRollup.objects.bulk_create(
        list(rows.values()),
        batch_size=500,
        update_conflicts=True,
        unique_fields=["town", "week"],
        update_fields=list(COLOURS),
    )


def rebuild() -> int:
    """Every town row and every week row again from the snapshots (`houbei rollups`)."""
    with transaction.atomic():
        written = refresh_towns(None)
        weeks = Assessment.objects.order_by().values_list("week", flat=True).distinct()
        for week in weeks:
            _refresh_week(week, None)
    return len(written)


def differences() -> list[str]:
    """The town rows that differ from a fresh count, in words (`houbei rollups --check`)."""
    fresh = _count_towns(Region.objects.villages().current())
    names = dict(Region.objects.filter(level=Level.TOWN).values_list("pk", "name"))
    stored = {r.town_id: r for r in TownRollup.objects.all()}
    found = []
    for town_id, name in sorted(names.items()):
        counted = fresh.get(town_id, {})
        row = stored.get(town_id)
        if row is None:
            if counted:
                found.append(f"{name}：尚无汇总行")
            continue
        wrong = [
            f"{field_name} 为 {getattr(row, field_name)}，应为 {counted.get(field_name, 0)}"
            for field_name in COUNTED
            if getattr(row, field_name) != counted.get(field_name, 0)
        ]
        if wrong:
            found.append(f"{name}：" + "；".join(wrong))
    return found


# --- Reading --------------------------------------------------------------------------------


@dataclass
class TownRow:
    """One line of the county's table of towns."""

    pk: int
    name: str
    counts: dict[str, int]
    villages: int
    unassessed: int
    not_ready: int
    focus: int
    open_problems: int


@dataclass
class Board:
    """The figures of a dashboard over several towns, from their rows."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLOURS, 0))
    unassessed: int = 0
    outlooks: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTLOOKS, 0))
    problems: dict[str, dict[str, int]] = field(
        default_factory=lambda: {c: {"open": 0, "overdue": 0} for c in COLOURS}
    )
    changed: list[dict[str, Any]] = field(default_factory=list)
    changed_total: int = 0
    not_ready: int = 0
    focus: int = 0
    assessed_at: dt.datetime | None = None
    towns: list[TownRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.unassessed

    @property
    def problem_totals(self) -> dict[str, int]:
        """Open and overdue problems of every village, assessed or not."""
        return {
            kind: sum(counts[kind] for counts in self.problems.values())
            for kind in ("open", "overdue")
        }


CHANGED_SHOWN = 50


def board(towns: QuerySet[Region], villages: QuerySet[Region], today: dt.date) -> Board:
    """The dashboard over these towns (the scope's villages for the live counts): five queries,
    and three more when a town has no row yet (counted live, not stored: a page that is only
    read writes nothing; `houbei rollups` or the next change stores it)."""
    listed = list(towns.order_by("code", "name").values_list("pk", "name"))
    rollups = {r.town_id: r for r in TownRollup.objects.filter(town__in=[pk for pk, _ in listed])}
    missing = [pk for pk, _ in listed if pk not in rollups]
    if missing:
        rollups.update({row.town_id: row for row in _count_rows(missing)[0]})
    result = Board()
    for pk, name in listed:
        row = rollups[pk]
        counts = {c: getattr(row, c) for c in COLOURS}
        for colour in COLOURS:
            result.counts[colour] += counts[colour]
            result.problems[colour]["open"] += getattr(row, f"open_{colour}")
        # Problems of villages not assessed yet ("" as in queries.summarise).
        unassessed_open = row.open_problems - sum(getattr(row, f"open_{c}") for c in COLOURS)
        if unassessed_open:
            bucket = result.problems.setdefault("", {"open": 0, "overdue": 0})
            bucket["open"] += unassessed_open
        for name_ in OUTLOOKS:
            result.outlooks[name_] += getattr(row, f"cadres_{name_}")
        result.unassessed += row.unassessed
        result.not_ready += row.not_ready
        result.focus += row.focus
        if row.assessed_at and (result.assessed_at is None or row.assessed_at > result.assessed_at):
            result.assessed_at = row.assessed_at
        result.towns.append(
            TownRow(
                pk=pk,
                name=name,
                counts=counts,
                villages=row.villages,
                unassessed=row.unassessed,
                not_ready=row.not_ready,
                focus=row.focus,
                open_problems=row.open_problems,
            )
        )
    for colour, n in _overdue(villages, today):
        bucket = result.problems.setdefault(colour or "", {"open": 0, "overdue": 0})
        bucket["overdue"] += n
    result.changed, result.changed_total = _changed(villages, today)
    return result


def _overdue(villages: QuerySet[Region], today: dt.date) -> list[tuple[str, int]]:
    """Open problems past their deadline by the colour of their village (None: not assessed
    yet): one query."""
    colour = Assessment.objects.filter(village=OuterRef("village"), is_latest=True).values(
        "colour"
    )[:1]
    rows = (
        Problem.objects.filter(
            status=ProblemStatus.OPEN,
            due_on__lt=today,
            village__in=villages.order_by().values("pk"),
        )
        .annotate(colour=Subquery(colour))
        .values_list("colour")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return list(rows)


def _changed(villages: QuerySet[Region], today: dt.date) -> tuple[list[dict[str, Any]], int]:
    """This week's colour changes and the colours set apart from the computed one by an
    approved override in force (as queries.summarise): at most CHANGED_SHOWN listed, and how
    many there are. One query, two when there are more than CHANGED_SHOWN."""
    moved = Q(week=week_of(today)) & ~Q(baseline_colour="") & ~Q(baseline_colour=F("colour"))
    changed = Assessment.objects.filter(
        moved | ~Q(colour=F("computed_colour")),
        is_latest=True,
        village__in=villages.order_by().values("pk"),
    )
    rows = list(
        changed.order_by("village__name").values(
            "village_id", "village__name", "colour", "baseline_colour", "computed_colour"
        )[: CHANGED_SHOWN + 1]
    )
    shown = [
        {
            "pk": r["village_id"],
            "name": r["village__name"],
            "latest_colour": r["colour"],
            "latest_baseline_colour": r["baseline_colour"],
            "latest_computed_colour": r["computed_colour"],
            "overridden": r["colour"] != r["computed_colour"],
        }
        for r in rows[:CHANGED_SHOWN]
    ]
    total = len(rows) if len(rows) <= CHANGED_SHOWN else changed.count()
    return shown, total


def trend(towns: QuerySet[Region], today: dt.date, weeks: int = 12) -> dict[str, Any]:
    """The trend of the last weeks from the week rows: one query; the same shape as
    houbei.risk.queries.trend."""
    start = week_of(today) - dt.timedelta(weeks=weeks - 1)
    rows = (
        TownWeekRollup.objects.filter(town__in=towns.order_by().values("pk"), week__gte=start)
        .values("week")
        .annotate(**{c: Sum(c) for c in COLOURS})
        .order_by("week")
    )
    table = {row["week"]: row for row in rows}
    labels = sorted(table)
    return {
        "labels": [f"{w:%m-%d}" for w in labels],
        "series": [
            {
                "colour": c,
                "label": f"{Colour(c).label}色",
                "data": [table[w][c] or 0 for w in labels],
            }
            for c in COLOURS
        ],
    }
