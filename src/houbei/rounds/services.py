"""Rounds: the one answer to "which round applies here", the rules in force, new versions.

Creating a round with the default rules and editing one section are houbei.rulebook's (it knows
every area's sections).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from houbei.accounts.types import Actor, acting_user
from houbei.audit import record
from houbei.audit.services import diff
from houbei.regions.models import Level, Region
from houbei.rounds.models import ElectionRound, RuleSet


def current_rules(election_round: ElectionRound) -> RuleSet:
    rule_set = election_round.rule_sets.order_by("-version").first()
    if rule_set is None:
        raise RuleSet.DoesNotExist(f"{election_round} 尚未设置规则")
    return rule_set


@transaction.atomic
def save_rules(
    election_round: ElectionRound,
    *,
    rules: dict[str, Any],
    source_document: str,
    note: str,
    actor: Actor | None,
) -> RuleSet:
    """A new version; decisions already taken keep the version they used."""
    locked = ElectionRound.objects.select_for_update().get(pk=election_round.pk)
    previous = current_rules(locked)
    rule_set = RuleSet.objects.create(
        election_round=locked,
        version=previous.version + 1,
        rules=rules,
        source_document=source_document,
        note=note,
        created_by=acting_user(actor),
    )
    changed = diff(previous.rules, rules)
    record(
        actor,
        "rounds.rules.saved",
        rule_set,
        {"version": rule_set.version, "changes": changed},
        region=locked.region,
    )
    return rule_set


def round_for(region: Region) -> ElectionRound | None:
    """The current round that applies to a region: its county's, else its city's, else its
    province's (the latest year at the nearest level). The one answer to "which round"."""
    if region.level in (Level.CITY, Level.PROVINCE):
        return current_rounds().filter(region_id=region.pk).first()
    county_id = region.county_id or region.pk
    return rounds_by_county([county_id]).get(county_id)


def rounds_for(villages: QuerySet[Region]) -> dict[int, ElectionRound]:
    """The round of each village's county, for many villages at once (two queries)."""
    return rounds_by_county(villages.order_by().values("county_id"))


def rounds_by_county(county_ids: Any) -> dict[int, ElectionRound]:
    """County id → its current round (county, then city, then province); counties without one
    are left out. `county_ids` is a list or a values("county_id") subquery. Two queries, whatever
    the number of counties (no query is skipped for an empty scope, so counts stay constant)."""
    counties = Region.objects.filter(pk__in=county_ids).order_by()
    chains = {
        pk: (pk, city, province)
        for pk, city, province in counties.values_list("pk", "parent_id", "parent__parent_id")
    }
    applying = (
        Q(region__in=counties.values("pk"))
        | Q(region__in=counties.values("parent_id"))
        | Q(region__in=counties.values("parent__parent_id"))
    )
    latest: dict[int, ElectionRound] = {}
    for found in current_rounds().filter(applying).order_by("year"):
        latest[found.region_id] = found  # a later year replaces an earlier one
    chosen = {}
    for county, chain in chains.items():
        election_round = next((latest[pk] for pk in chain if pk in latest), None)
        if election_round is not None:
            chosen[county] = election_round
    return chosen


def current_rounds() -> QuerySet[ElectionRound]:
    return ElectionRound.objects.filter(is_current=True).order_by("-year")
