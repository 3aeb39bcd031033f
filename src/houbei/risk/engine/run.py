"""The weekly assessment: every village of a region at once, in a constant number of queries
per election round (docs/performance.md G5), snapshots written with one executemany."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from houbei.accounts.types import Actor, acting_user
from houbei.regions.models import Region
from houbei.risk.engine.context import Context, context_for
from houbei.risk.engine.measures import (
    KEYS,
    VillageInputs,
    cadre_values,
    collect,
    flagged_people,
    measure,
    transfer_reason,
)
from houbei.risk.engine.scoring import Rules, literal
from houbei.risk.engine.write import COLOUR, OUTLOOK_ORDER, inputs_template, insert_snapshots
from houbei.risk.models import Assessment, AssessmentRun, Colour, Outlook, RunSource
from houbei.risk.rules import risk_rules
from houbei.risk.transfer import TransferRule, transfer_rule
from houbei.rounds.models import ElectionRound, RuleSet
from houbei.rounds.services import current_rules, rounds_for


@dataclass
class Previous:
    pk: int
    colour: str
    computed_colour: str
    override_id: int | None
    week: dt.date
    baseline_colour: str

    def baseline(self, week: dt.date) -> str:
        """The colour the village ended last week with (what "changed this week" compares to)."""
        return self.colour if self.week < week else self.baseline_colour


@dataclass
class Round:
    """One round's share of a run: its rules compiled, its context, its rule version."""

    election_round: ElectionRound
    rule_set: RuleSet
    rules: Rules
    ctx: Context


def week_of(day: dt.date) -> dt.date:
    """The Monday of the day's week: snapshots are filed by week."""
    return day - dt.timedelta(days=day.weekday())


def villages_under(region: Region | None) -> QuerySet[Region]:
    return Region.objects.villages().current().under(region)


def _previous(villages: QuerySet[Region]) -> dict[int, Previous]:
    rows = Assessment.objects.filter(
        is_latest=True, village__in=villages.order_by().values("pk")
    ).values_list(
        "village_id", "pk", "colour", "computed_colour", "override_id", "week", "baseline_colour"
    )
    return {row[0]: Previous(*row[1:]) for row in rows}


def _outlooks(
    inputs: VillageInputs, ctx: Context, rules: Rules, flagged: set[int], transfer: TransferRule
) -> list[int]:
    """[leave, stay, move, enter]: confirmed outlooks, else the rules' suggestions, a 退 turned
    into 转 where the `transfer` rule says (as on the village page, risk.cadres)."""
    counts = dict.fromkeys(OUTLOOK_ORDER, 0)
    confirmed, surveys, suggest = inputs.confirmed, inputs.surveys, rules.suggest_index
    outlooks = rules.outlooks
    for person_id, (age, roles) in inputs.cadres.items():
        outlook = confirmed.get(person_id)
        if outlook is None:
            found = surveys.get(person_id)
            values = cadre_values(age, roles, found, ctx, person_id in flagged)
            outlook = outlooks[suggest(*values)][0]
            if outlook == Outlook.LEAVE and transfer_reason(transfer, age, roles, values, ctx.caps):
                outlook = Outlook.MOVE
        counts[outlook] += 1
    counts["enter"] += sum(
        1 for p, o in confirmed.items() if o == Outlook.ENTER and p not in inputs.cadres
    )
    return [counts[o] for o in OUTLOOK_ORDER]


def _prepare(election_round: ElectionRound, today: dt.date) -> Round:
    rule_set = current_rules(election_round)
    compiled = Rules(risk_rules(rule_set).section)
    return Round(election_round, rule_set, compiled, context_for(election_round, rule_set, today))


def _rows(
    villages: QuerySet[Region], one: Round, previous: dict[int, Previous], week: dt.date
) -> list[list[Any]]:
    """The snapshot rows of one round's villages, in write.COLUMNS order."""
    inputs = collect(villages, one.election_round, one.ctx)
    flagged = flagged_people(villages, one.ctx.cutoff)
    rules, levels, rows = one.rules, one.rules.levels, []
    transfer = transfer_rule(one.rule_set)
    template, judge = inputs_template(KEYS), rules.judge_raw
    round_pk, rule_set_pk = one.election_round.pk, one.rule_set.pk
    for pk, village in inputs.items():
        measures = measure(village, one.ctx)
        score, computed, points, fired = judge(measures)
        before = previous.get(pk)
        colour, override_id = computed, None
        if before and before.override_id and before.computed_colour == computed:
            colour, override_id = before.colour, before.override_id  # the judgement still stands
        rows.append(
            [pk, round_pk, rule_set_pk, before.pk if before else None, score, computed, colour,
             levels[colour], before.baseline(week) if before else "", override_id,
             *_outlooks(village, one.ctx, rules, flagged, transfer), True,
             template % tuple(map(literal, measures)), points, fired]
        )  # fmt: skip
    return rows


def assess_villages(
    *,
    region: Region | None,
    villages: QuerySet[Region],
    actor: Actor | None,
    source: RunSource,
    today: dt.date | None = None,
) -> AssessmentRun:
    """Assess, write the snapshots and the run. Call inside a transaction (services do)."""
    started, now = time.perf_counter(), timezone.now()
    today = today or timezone.localdate()
    _without_jit()
    run = AssessmentRun.objects.create(
        region=region,
        week=week_of(today),
        source=source,
        started_by=acting_user(actor),
        started_at=now,
    )
    previous = _previous(villages)
    rounds = rounds_for(villages)
    counties: dict[int, list[int]] = {}
    for county, election_round in rounds.items():
        counties.setdefault(election_round.pk, []).append(county)
    rows: list[list[Any]] = []
    versions = []
    for election_round in {r.pk: r for r in rounds.values()}.values():
        one = _prepare(election_round, today)
        scope = villages.filter(county_id__in=counties[election_round.pk])
        rows += _rows(scope, one, previous, run.week)
        versions.append({"round": election_round.pk, "version": one.rule_set.version})
    Assessment.objects.filter(is_latest=True, village__in=villages.order_by().values("pk")).update(
        is_latest=False
    )
    insert_snapshots(rows, run=run, at=now)
    _finish(run, rows, versions, started)
    return run


def _without_jit() -> None:
    """PostgreSQL's JIT compiles the large aggregate reads for seconds and saves milliseconds
    (measured: 8.7 s of JIT for a 0.35 s query at 10,000 villages); off for this transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


def _finish(run: AssessmentRun, rows: list[list[Any]], versions: list[Any], started: float) -> None:
    counts = Counter(row[COLOUR] for row in rows)
    run.counts = {str(c): counts.get(str(c), 0) for c in Colour}
    run.villages = len(rows)
    run.rule_versions = versions
    run.seconds = round(time.perf_counter() - started, 3)
    run.save(update_fields=["counts", "villages", "rule_versions", "seconds"])
