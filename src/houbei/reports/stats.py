"""Figures for operators (`houbei stats`): what the database holds, for all of it or one subtree.

A constant number of queries whatever the size: one per figure, plus what the optional
capabilities' counting functions run (each of them constant too).
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet

from houbei.people.models import Person, Post
from houbei.people.models import Role as PostRole
from houbei.regions.committee import annotate_committee, committee_size, vacancies
from houbei.regions.models import Level, Region, subtree_q
from houbei.rounds.models import RuleSet
from houbei.rounds.services import rounds_for

LEVELS = [str(level) for level in Level]
_COLUMNS = ("county", "committee_size", "sitting_people", "secretaries", "chairs", "dual_role")
# Counting functions of capabilities that may not exist yet: (key, module, function).
OPTIONAL = (
    ("candidates_by_stage", "houbei.reserves.queries", "stage_counts"),
    ("villages_by_colour", "houbei.risk.queries", "colour_counts"),
    ("cultivation", "houbei.cultivation.queries", "cultivation_counts"),
    ("outcomes", "houbei.outcomes.queries", "outcome_counts"),
)
# Figures that are not counts (shares, averages), passed through as the function returns them.
OPTIONAL_FIGURES = (("targets", "houbei.outcomes.targets", "target_figures"),)


def compute(region: Region | None = None) -> dict[str, Any]:
    """Every figure, as plain JSON-ready values."""
    regions = Region.objects.all()
    if region is not None:
        regions = regions.filter(subtree_q(region))
    villages = regions.filter(level=Level.VILLAGE, valid_to__isnull=True)
    people = (
        Person.objects.all()
        if region is None
        else Person.objects.filter(subtree_q(region, "village"))
    )
    posts = Post.objects.sitting()
    if region is not None:
        posts = posts.filter(subtree_q(region, "village"))
    figures: dict[str, Any] = {
        "region": _describe(region),
        "regions_by_level": _regions_by_level(regions),
        "people": people.count(),
        "sitting_posts_by_role": _posts_by_role(posts),
        "vacancies": _vacancies(villages),
    }
    for key, module, function in OPTIONAL:
        counter = _optional(module, function)
        if counter is not None:
            figures[key] = {str(k): int(v) for k, v in counter(villages).items()}
    for key, module, function in OPTIONAL_FIGURES:
        measure = _optional(module, function)
        if measure is not None:
            figures[key] = measure(villages)
    return figures


def _describe(region: Region | None) -> dict[str, Any] | None:
    if region is None:
        return None
    return {"code": region.code, "name": region.name, "level": region.level}


def _regions_by_level(regions: QuerySet[Region]) -> dict[str, int]:
    counts = dict(regions.order_by().values_list("level").annotate(n=Count("pk")))
    return {level: int(counts.get(level, 0)) for level in LEVELS}


def _posts_by_role(posts: QuerySet[Post]) -> dict[str, int]:
    counts = dict(posts.order_by().values_list("role").annotate(n=Count("pk")))
    return {str(role): int(counts.get(role, 0)) for role in PostRole}


def _vacancies(villages: QuerySet[Region]) -> dict[str, int]:
    """Villages with no secretary, no chair, short of committee size (one query, plus rules)."""
    rules = _rules_by_county(villages)
    rows = annotate_committee(villages.order_by()).annotate(dual_role=_dual_role())
    counts: Counter[str] = Counter()
    for row in rows.values(*_COLUMNS):
        size = committee_size(
            Region(committee_size=row["committee_size"]), rules.get(row["county"])
        )
        people, secretaries, chairs = row["sitting_people"], row["secretaries"], row["chairs"]
        missing = vacancies(
            has_secretary=secretaries > 0, has_chair=chairs > 0, people=people, size=size
        )
        counts["villages"] += 1
        counts["no_secretary"] += secretaries == 0
        counts["no_chair"] += chairs == 0
        counts["short_of_committee"] += people < size
        counts["any_vacancy"] += bool(missing)
        counts["dual_role"] += bool(row["dual_role"])
    keys = (
        "villages",
        "no_secretary",
        "no_chair",
        "short_of_committee",
        "any_vacancy",
        "dual_role",
    )
    return {key: counts[key] for key in keys}


def _dual_role() -> Exists:
    """The village's sitting secretary also holds its sitting chair post (一肩挑)."""
    chair = Post.objects.filter(
        village=OuterRef("village"), person=OuterRef("person"), role=PostRole.CHAIR,
        term_end__isnull=True,
    )  # fmt: skip
    secretary = Post.objects.filter(
        village=OuterRef("pk"), role=PostRole.SECRETARY, term_end__isnull=True
    ).filter(Exists(chair))
    return Exists(secretary)


def _rules_by_county(villages: QuerySet[Region]) -> dict[int | None, dict[str, Any]]:
    """Each county's rules in force: the latest version of the round that applies to it
    (rounds.services.rounds_for: county, then city, then province). Three queries."""
    rounds = rounds_for(villages)
    latest = {}
    # Every current round's versions (a few rows a county): one query whatever the scope.
    for rule_set in RuleSet.objects.filter(election_round__is_current=True).order_by("version"):
        latest[rule_set.election_round_id] = rule_set.rules
    return {county: latest.get(r.pk, {}) for county, r in rounds.items()}


def _optional(module: str, function: str) -> Callable[[QuerySet[Region]], dict[str, int]] | None:
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name != module:
            raise
        return None
    counter: Callable[[QuerySet[Region]], dict[str, int]] | None = getattr(found, function, None)
    return counter
