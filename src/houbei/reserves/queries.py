"""Reusable reads over the pool: bench strength per village and candidates by stage.

The risk assessment calls `bench_strength`; keep its signature. Both functions run a constant
number of queries whatever the number of villages (one aggregate each, plus the round's rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from houbei.regions.models import Region
from houbei.reserves.models import POOL_STAGES, Candidate, Readiness, Stage, TargetPost
from houbei.reserves.rules import departments, reserve_rules
from houbei.rounds.models import ElectionRound
from houbei.rounds.services import current_rules, round_for


@dataclass(frozen=True)
class Bench:
    """A village's reserve bench in a round.

    Counted: candidates of the round in the pool (pooled up to polled; appointed people have left
    it, removed ones too). `target` is the round's secretary-reserve target per village
    (rules "pool"."secretary_reserves_per_village"); `meets_target` compares the secretary
    reserves with it, `meets_reserves_target` all reserves with "reserves_per_village".
    """

    ready_secretary_reserves: int
    secretary_reserves: int
    reserves: int
    target: int
    meets_target: bool
    reserves_target: int = 0
    meets_reserves_target: bool = True

    @property
    def has_ready_secretary(self) -> bool:
        return self.ready_secretary_reserves > 0


def pool_targets(election_round: ElectionRound) -> tuple[int, int]:
    """(secretary reserves per village, reserves per village) from the round's rules."""
    pool = reserve_rules(current_rules(election_round)).pool
    return int(pool["secretary_reserves_per_village"]), int(pool["reserves_per_village"])


def _bench_counts(villages: QuerySet[Region], election_round: ElectionRound) -> QuerySet[Any]:
    in_pool = Q(candidates__election_round=election_round, candidates__stage__in=POOL_STAGES)
    secretary = in_pool & Q(candidates__target_post=TargetPost.SECRETARY)
    ready = secretary & Q(candidates__readiness=Readiness.READY_NOW)
    return (
        villages.order_by()
        .annotate(
            bench_reserves=Count("candidates", filter=in_pool),
            bench_secretary=Count("candidates", filter=secretary),
            bench_ready=Count("candidates", filter=ready),
        )
        .values_list("pk", "bench_ready", "bench_secretary", "bench_reserves")
    )


def bench_strength(villages: QuerySet[Region], election_round: ElectionRound) -> dict[int, Bench]:
    """Village id → its bench, for every village of the queryset (zeros where nobody is pooled).

    Two queries: the round's current rules and one aggregate over the villages.
    """
    target, reserves_target = pool_targets(election_round)
    return {
        pk: Bench(
            ready_secretary_reserves=ready,
            secretary_reserves=secretary,
            reserves=reserves,
            target=target,
            meets_target=secretary >= target,
            reserves_target=reserves_target,
            meets_reserves_target=reserves >= reserves_target,
        )
        for pk, ready, secretary, reserves in _bench_counts(villages, election_round)
    }


def stage_counts(villages: QuerySet[Region]) -> dict[str, int]:
    """Candidates of the current rounds by stage (every stage present, zero if none): one query."""
    counts = dict.fromkeys((str(stage) for stage in Stage), 0)
    rows = (
        Candidate.objects.filter(village__in=villages.order_by().values("pk"))
        .filter(election_round__is_current=True)
        .values_list("stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    for stage, n in rows:
        counts[stage] = n
    return counts


@dataclass(frozen=True)
class BenchSummary:
    villages: int
    without_ready_secretary: int
    meeting_target: int


def bench_summary(villages: QuerySet[Region], election_round: ElectionRound) -> BenchSummary:
    """How many villages lack a ready secretary reserve and how many meet the target (2 queries)."""
    target, _ = pool_targets(election_round)
    counts = _bench_counts(villages, election_round)
    rows = list(counts.values_list("bench_ready", "bench_secretary"))
    return BenchSummary(
        villages=len(rows),
        without_ready_secretary=sum(1 for ready, _ in rows if ready == 0),
        meeting_target=sum(1 for _, secretary in rows if secretary >= target),
    )


def review_departments(region: Region | None) -> list[tuple[str, str]]:
    """(code, name) of the reviewing departments in the rules of the round that applies to
    `region` (its county's, city's or province's); with no region, of every current round, each
    code once. accounts looks this up by name to offer a reviewer's department as a choice."""
    if region is not None:
        election_round = round_for(region)
        rounds = [election_round] if election_round is not None else []
    else:
        rounds = list(ElectionRound.objects.filter(is_current=True).order_by("region_id", "-year"))
    found: dict[str, str] = {}
    for election_round in rounds:
        for department in departments(current_rules(election_round)):
            found.setdefault(department.code, department.name)
    return list(found.items())
