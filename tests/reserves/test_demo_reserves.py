"""The demo's reserve candidates fit the story: red villages have no ready secretary reserve,
green ones strong ones, every stage is represented, and the recheck finds the planted hits.

It reads the demo town that the session builds once (`demo`, tests/conftest.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from houbei.people.models import Post
from houbei.regions.models import Region
from houbei.reserves import services
from houbei.reserves.models import Candidate, JointReview, Stage
from houbei.reserves.queries import bench_strength
from houbei.rounds.services import current_rules

pytestmark = pytest.mark.django_db


def _benches(context: Any) -> dict[str, list[Any]]:
    bench = bench_strength(Region.objects.filter(level="village"), context.election_round)
    return {
        tier: [bench[v.pk] for v in villages]
        for tier, villages in context.villages_by_tier().items()
    }


def test_the_demo_plants_reserves_that_fit_the_story(demo: Any) -> None:
    context = demo

    stages = set(Candidate.objects.values_list("stage", flat=True))
    assert 80 <= Candidate.objects.count() <= 90
    assert {"nominated", "screened", "recommended", "reviewed", "pooled", "removed"} <= stages

    benches = _benches(context)
    assert all(b.ready_secretary_reserves == 0 and b.reserves == 0 for b in benches["red"])
    assert all(b.ready_secretary_reserves >= 1 and b.meets_target for b in benches["green"])
    assert all(b.ready_secretary_reserves == 1 for b in benches["yellow"])
    assert all(b.secretary_reserves == 1 and not b.has_ready_secretary for b in benches["orange"])

    stopped = Candidate.objects.get(village__name="团相村", target_post="secretary")
    waiting = Candidate.objects.get(village__name="鲁庄村", target_post="member")
    assert any("“不能”" in b for b in services.move_blockers(stopped, "vote"))
    assert any("须乡镇领导作出决定" in b for b in services.move_blockers(waiting, "vote"))
    assert Candidate.objects.filter(decisions__isnull=False, village__name="邓城村").exists()
    assert Candidate.objects.filter(stage=Stage.REMOVED).count() >= 6
    assert JointReview.objects.for_department(context.users["reviewer"]).pending().count() >= 2

    rows = services.recheck(
        Post.objects.filter(village__town=context.town),
        rule_set=current_rules(context.election_round),
        actor=None,
    )
    assert {row.post.village.name for row in rows} == {"西常务村", "南常务村", "王放营村"}
