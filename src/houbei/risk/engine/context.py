"""The parameters of a round an assessment needs, read once from its rules and dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from houbei.reserves.rules import reserve_rules
from houbei.rounds.models import ElectionRound, RuleSet
from houbei.rounds.rules import core_rules


@dataclass
class Context:
    """The round's parameters the measures need (from its rules and dates)."""

    cutoff: dt.date
    today: dt.date
    default_size: int
    caps: dict[str, int]
    young_age: int
    target: int


def context_for(
    election_round: ElectionRound, rules: RuleSet | Mapping[str, Any], today: dt.date
) -> Context:
    """`rules`: the round's RuleSet (or a mapping of its sections; missing ones take defaults)."""
    core, pool = core_rules(rules), reserve_rules(rules).pool
    return Context(
        cutoff=election_round.cutoff_date,
        today=today,
        default_size=core.committee_size,
        caps={post: core.age_cap(post) for post in ("secretary", "chair", "member")},
        young_age=core.young_member_age,
        target=int(pool.get("secretary_reserves_per_village", 0)),
    )
