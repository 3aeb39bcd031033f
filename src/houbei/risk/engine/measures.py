"""The inputs of an assessment, read for many villages in a constant number of queries, and the
measures computed from them (houbei.risk.rules.MEASURES names each; the SQL twin,
houbei.devtools.risk_sql, computes the same).

Built for speed (46,000 villages, ~230,000 cadres): plain tuples and bit masks, no model
instances. Where a village has more than one sitting secretary (a data error the post table
allows only with an end date ahead), the worst case counts: the oldest age, the lowest rating.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from houbei.regions.models import Region
from houbei.reserves.models import PersonFact
from houbei.reserves.queries import Bench, bench_strength
from houbei.risk.engine.context import Context
from houbei.risk.engine.rows import cadre_rows, survey_rows
from houbei.risk.engine.scoring import Value
from houbei.risk.models import CadreOutlook, VillageFacts
from houbei.risk.rules import MEASURES
from houbei.risk.transfer import TransferRule
from houbei.rounds.models import ElectionRound

SECRETARY, CHAIR, OTHER = 1, 2, 4
ROLE_BITS = {"secretary": SECRETARY, "chair": CHAIR}
# (rating, intention, attitude, negative) of a cadre's latest survey
Finding = tuple[float, str, str, bool]


@dataclass
class VillageInputs:
    """Everything the rules look at for one village. cadres: person id → [age, role bits]."""

    village_id: int
    size: int
    cadres: dict[int, list[int]] = field(default_factory=dict)
    surveys: dict[int, Finding] = field(default_factory=dict)
    facts: tuple[int, int, int, int] = (0, 0, 0, 0)
    bench: Bench | None = None
    confirmed: dict[int, str] = field(default_factory=dict)


def collect(
    villages: QuerySet[Region], election_round: ElectionRound, ctx: Context
) -> dict[int, VillageInputs]:
    """Six queries plus bench_strength's (two), whatever the number of villages."""
    ids = villages.order_by().values("pk")
    found = {
        pk: VillageInputs(pk, size or ctx.default_size)
        for pk, size in villages.order_by().values_list("pk", "committee_size")
    }
    _add_cadres(found, villages, ctx)
    _add_surveys(found, villages, election_round)
    facts = VillageFacts.objects.filter(election_round=election_round, village__in=ids)
    for village_id, *counts in facts.values_list(
        "village_id", "open_conflicts", "petition_backlog", "clan_disputes", "past_trouble"
    ):
        found[village_id].facts = (counts[0], counts[1], counts[2], counts[3])
    for pk, bench in bench_strength(villages, election_round).items():
        if pk in found:
            found[pk].bench = bench
    outlooks = CadreOutlook.objects.filter(election_round=election_round, village__in=ids)
    for village_id, person_id, outlook in outlooks.values_list(
        "village_id", "person_id", "outlook"
    ):
        found[village_id].confirmed[person_id] = outlook
    return found


def _add_cadres(found: dict[int, VillageInputs], villages: QuerySet[Region], ctx: Context) -> None:
    for village_id, person_id, age, is_secretary, is_chair in cadre_rows(villages, ctx):
        roles = (SECRETARY if is_secretary else 0) | (CHAIR if is_chair else 0)
        found[village_id].cadres[person_id] = [age, roles or OTHER]


def _add_surveys(
    found: dict[int, VillageInputs], villages: QuerySet[Region], election_round: ElectionRound
) -> None:
    found_rows = survey_rows(villages, election_round)
    for village_id, person_id, performance, conduct, intention, attitude, negative in found_rows:
        rating = (performance + conduct) / 2
        found[village_id].surveys[person_id] = (rating, intention, attitude, bool(negative))


def flagged_people(villages: QuerySet[Region], cutoff: dt.date) -> set[int]:
    """Sitting cadres with a recorded negative fact still in effect at the cut-off date."""
    return set(
        PersonFact.objects.filter(withdrawn=False, person__posts__village__in=villages.values("pk"))
        .filter(Q(period_end__isnull=True) | Q(period_end__gte=cutoff))
        .order_by()
        .values_list("person_id", flat=True)
        .distinct()
    )


def _bench_level(bench: Bench | None, target: int) -> int:
    if bench is None:
        return 0
    if bench.ready_secretary_reserves and bench.secretary_reserves >= target:
        return 4
    if bench.ready_secretary_reserves:
        return 3
    return 2 if bench.secretary_reserves else 1 if bench.reserves else 0


Measures = tuple[Value, ...]  # in KEYS order
KEYS = tuple(MEASURES)


def as_dict(values: Measures) -> dict[str, Value]:
    return dict(zip(KEYS, values, strict=True))


def _bench(bench: Bench | None, target: int) -> tuple[int, int, int, int]:
    if bench is None:
        return 0, 0, 0, 0
    ready, secretary = bench.ready_secretary_reserves, bench.secretary_reserves
    return ready, secretary, bench.reserves, _bench_level(bench, target)


def measure(inputs: VillageInputs, ctx: Context) -> Measures:
    """The village's measures, as a tuple in KEYS (rules.MEASURES) order: scored positionally."""
    surveys = inputs.surveys
    secretary_age: int | None = None
    secretary_rating: float | None = None
    dual = has_chair = False
    team: list[float] = []
    ages = young = 0
    young_age = ctx.young_age
    for person_id, (age, roles) in inputs.cadres.items():
        ages += age
        young += age <= young_age
        found = surveys.get(person_id)
        if roles & CHAIR:
            has_chair = True
        if roles & SECRETARY:
            secretary_age = age if secretary_age is None or age > secretary_age else secretary_age
            if roles & CHAIR or (found is not None and found[1] == "dual_role"):
                dual = True
            if found is not None and (secretary_rating is None or found[0] < secretary_rating):
                secretary_rating = found[0]
        elif found is not None:
            team.append(found[0])
    people = len(inputs.cadres)
    conflicts, petitions, clans, past = inputs.facts
    return (
        inputs.size - people if inputs.size > people else 0,  # members_short
        1 if secretary_age is None else 0,  # secretary_vacant
        0 if has_chair else 1,  # chair_vacant
        None if secretary_age is None else ctx.caps["secretary"] - secretary_age,
        secretary_rating,
        sum(team) / len(team) if team else None,  # team_rating
        conflicts + petitions + clans,  # conflicts
        petitions,
        clans,
        past,
        *_bench(inputs.bench, ctx.target),  # ready, secretary, all reserves, bench level
        1 if dual else 0,  # dual_role
        ages / people if people else None,  # average_age
        young,  # young_members
    )


def cadre_values(
    age: int, roles: int, found: Finding | None, ctx: Context, flagged: bool
) -> tuple[Value, Value, Value, Value, Value]:
    """What the outlook rules read of one cadre, in rules.CADRE_MEASURES order: age margin
    (against the cap of the highest post held), rating, negative, intention, attitude."""
    cap = ctx.caps["secretary" if roles & SECRETARY else "chair" if roles & CHAIR else "member"]
    if found is None:
        return cap - age, None, 1 if flagged else 0, None, None
    return cap - age, found[0], 1 if flagged or found[3] else 0, found[1], found[2]


def transfer_reason(
    rule: TransferRule, age: int, bits: int, values: tuple[Any, ...], caps: Mapping[str, int]
) -> str | None:
    """转 instead of 退 where the `transfer` rule says (houbei.risk.transfer): the reason, or
    None. The village page and the weekly counts both ask here (docs/decisions/0032)."""
    post = "secretary" if bits & SECRETARY else "chair" if bits & CHAIR else "member"
    _, rating, negative, intention, _ = values
    return rule.suggest(
        age=age, post=post, caps=caps, rating=rating, negative=bool(negative), intention=intention
    )
