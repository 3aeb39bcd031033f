"""Bench strength and stage counts: right figures, constant queries."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from houbei.regions.models import Region
from houbei.reserves.queries import bench_strength, stage_counts


def _villages(tree: dict[str, Any]) -> Any:
    return Region.objects.filter(town=tree["town_a"], level="village")


def test_bench_counts_only_pooled_reserves_of_the_round(
    walk: Any, tree: dict[str, Any], election_round: Any
) -> None:
    walk("pooled")
    walk("pooled", post="member")
    walk("reviewed")

    bench = bench_strength(_villages(tree), election_round)

    a1 = bench[tree["a1"].pk]
    assert (a1.ready_secretary_reserves, a1.secretary_reserves, a1.reserves) == (1, 1, 2)
    assert a1.target == 2 and not a1.meets_target
    assert bench[tree["a2"].pk].reserves == 0


def test_a_developing_reserve_is_not_ready(
    walk: Any, tree: dict[str, Any], election_round: Any, personas: Any
) -> None:
    from houbei.reserves import services

    candidate = walk("pooled")
    services.set_standing(
        candidate, readiness="developing", rank=1, emergency_successor=False, actor=personas["town"]
    )

    assert (
        bench_strength(_villages(tree), election_round)[tree["a1"].pk].ready_secretary_reserves == 0
    )


def test_bench_strength_runs_two_queries_at_any_size(
    walk: Any, tree: dict[str, Any], election_round: Any
) -> None:
    walk("pooled")
    with CaptureQueriesContext(connection) as small:
        bench_strength(_villages(tree), election_round)
    walk("pooled", village=tree["a2"])
    walk("pooled", village=tree["a3"])
    with CaptureQueriesContext(connection) as large:
        result = bench_strength(Region.objects.filter(level="village"), election_round)

    assert len(small) == len(large) == 2
    assert len(result) == 4


def test_stage_counts_lists_every_stage(walk: Any, tree: dict[str, Any]) -> None:
    walk("screened")
    walk("pooled")

    counts = stage_counts(_villages(tree))

    assert counts["screened"] == 1 and counts["pooled"] == 1 and counts["removed"] == 0
