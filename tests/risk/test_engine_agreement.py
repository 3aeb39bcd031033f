"""The three forms of the risk rules agree: the reference interpreter (the specification), the
compiled Python (what the engine runs) and the SQL twin (the benchmark's baseline), on generated
valid rules and generated villages, on SQLite and on PostgreSQL.

HOUBEI_ENGINE_PROFILE=thorough runs many more examples (minutes, not seconds).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from typing import Any

from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from houbei.devtools import risk_sql
from houbei.devtools.risk_bench import Factory, put_in_pool
from houbei.regions.models import Level, Region
from houbei.reserves.models import Candidate
from houbei.risk.engine import reference
from houbei.risk.engine.measures import as_dict, collect, measure
from houbei.risk.engine.scoring import Rules
from houbei.risk.models import Survey, VillageFacts
from houbei.risk.rules import CADRE_MEASURES, validate_risk_section
from tests.risk.strategies import (
    VillagePlan,
    cadre_rows,
    measure_rows,
    risk_sections,
    village_plans,
)

settings.register_profile(
    "engine",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("engine-thorough", settings.get_profile("engine"), max_examples=3000)
ENGINE = settings.get_profile(
    "engine-thorough" if os.environ.get("HOUBEI_ENGINE_PROFILE") == "thorough" else "engine"
)
DATABASE = settings(ENGINE, max_examples=ENGINE.max_examples // 4)  # each builds villages


def _compiled(rules: Rules, row: tuple[Any, ...]) -> tuple[int, str, list[list[int]], list[int]]:
    verdict = rules.judge(row)
    return (
        verdict.score,
        verdict.colour,
        json.loads(verdict.points_json),
        json.loads(verdict.fired_json),
    )


def _reference(risk: dict[str, Any], row: tuple[Any, ...]) -> tuple[Any, ...]:
    found = reference.judge(risk, as_dict(row))
    return found.score, found.colour, found.points, found.fired


@settings(ENGINE)
@given(data=st.data())
def test_the_three_forms_agree_on_generated_rules_and_measures(db: Any, data: Any) -> None:
    risk = data.draw(risk_sections(), label="risk")
    assert validate_risk_section(risk) == []
    rows = data.draw(measure_rows(risk), label="measures")
    cadres = data.draw(cadre_rows(risk), label="cadres")
    rules = Rules(risk)

    compiled = [_compiled(rules, row) for row in rows]

    assert compiled == [_reference(risk, row) for row in rows]
    assert [c[:2] for c in compiled] == risk_sql.colours_of(risk, rows)
    outlook = risk["outlook"]
    assert [rules.suggest_index(*row) for row in cadres] == [
        reference.suggest(outlook, dict(zip(CADRE_MEASURES, row, strict=True))) for row in cadres
    ]


def _village(town: Region, plan: VillagePlan, n: int) -> Region:
    return Region.objects.create(
        name=f"生成村{n}", level=Level.VILLAGE, parent=town, committee_size=plan.size,
        **town.ancestors_for_child(),
    )  # fmt: skip


def _seat(factory: Factory, village: Region, plan: VillagePlan, rng: random.Random) -> None:
    """Sitting cadres with their surveys, pooled reserves and facts, as planned."""
    rows: dict[str, list[Any]] = {"posts": [], "surveys": [], "candidates": []}
    for cadre in plan.cadres:
        person = factory.person(village, cadre.age, rng)
        person.save()
        for role in cadre.roles:
            post = factory.post(person, role)
            post.term_end = timezone.localdate() + dt.timedelta(days=365) if cadre.ending else None
            rows["posts"].append(post)
        if cadre.survey is not None:
            survey = factory.survey(person, rng, (1, 5))
            survey.performance, survey.conduct, survey.intention = cadre.survey
            rows["surveys"].append(survey)
    for target, readiness, stage in plan.reserves:
        candidate = factory.candidate(factory.person(village, 30, rng), rng)
        candidate.person.save()
        candidate.target_post, candidate.readiness = target, readiness
        candidate.note = f"bench:{stage}"  # risk_bench.put_in_pool moves it to that stage
        rows["candidates"].append(candidate)
    for kind in rows:
        for row in rows[kind]:
            row.person_id = row.person.pk
            row.save()
    if plan.facts is not None:
        VillageFacts.objects.create(
            election_round=factory.round, village=village, open_conflicts=plan.facts[0],
            petition_backlog=plan.facts[1], clan_disputes=plan.facts[2],
            past_trouble=plan.facts[3],
        )  # fmt: skip


def _build(town: Region, election_round: Any, plans: list[VillagePlan]) -> list[Region]:
    factory, rng = Factory(election_round, "41"), random.Random(0)
    villages = []
    for n, plan in enumerate(plans):
        village = _village(town, plan, n)
        _seat(factory, village, plan, rng)
        villages.append(village)
    put_in_pool(list(Candidate.objects.filter(village__in=villages)))
    return villages


@DATABASE
@given(
    risk=risk_sections(exact=True),
    plans=st.lists(village_plans(), min_size=1, max_size=4),
)
def test_the_three_forms_agree_on_generated_villages(
    tree: Any, risk_round: Any, risk: dict[str, Any], plans: list[VillagePlan]
) -> None:
    with transaction.atomic():
        villages = _build(tree["town_a"], risk_round, plans)
        scope = Region.objects.filter(pk__in=[v.pk for v in villages])
        _, ctx = risk_sql.round_rules(risk_round, timezone.localdate())
        rules = Rules(risk)

        measured = {pk: measure(v, ctx) for pk, v in collect(scope, risk_round, ctx).items()}
        compiled = {pk: _compiled(rules, row) for pk, row in measured.items()}

        assert compiled == {pk: _reference(risk, row) for pk, row in measured.items()}
        assert {pk: c[:2] for pk, c in compiled.items()} == risk_sql.colours(
            scope, risk_round, risk, ctx
        )
        assert Survey.objects.filter(village__in=villages).count() == sum(
            1 for p in plans for c in p.cadres if c.survey
        )
        transaction.set_rollback(True)
