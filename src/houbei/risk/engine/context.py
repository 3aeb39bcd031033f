"""The parameters of a round an assessment needs, read once from its rules and dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from houbei.rounds.models import ElectionRound


@dataclass
class Context:
    """The round's parameters the measures need (from its rules and dates)."""

    cutoff: dt.date
    today: dt.date
    default_size: int
    caps: dict[str, int]
    young_age: int
    target: int


def context_for(election_round: ElectionRound, rules: dict[str, Any], today: dt.date) -> Context:
    caps = rules["age_caps"]
    return Context(
        cutoff=election_round.cutoff_date,
        today=today,
        default_size=int(rules["committee"]["size"]),
        caps={key: int(caps[key]) for key in ("secretary", "chair", "member")},
        young_age=int(rules["targets"].get("young_member_age", 35)),
        target=int(rules.get("pool", {}).get("secretary_reserves_per_village", 0)),
    )
