"""The demo town's first assessment computes the seed town's colours from planted facts."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_the_first_assessment_yields_6_red_12_orange_14_yellow_10_green(demo: Any) -> None:
    from houbei.risk.models import Assessment
    from houbei.risk.services import run_assessment

    run = run_assessment(region=demo.town, actor=None)

    assert run.counts == {"red": 6, "orange": 12, "yellow": 14, "green": 10}
    colours = dict(Assessment.objects.current().values_list("village__name", "colour"))
    assert colours == {row.name: row.tier for row in demo.story}


def test_no_colour_is_stored_before_the_first_assessment(demo: Any) -> None:
    from houbei.risk.models import Assessment

    assert not Assessment.objects.exists()


def test_filling_a_red_villages_secretary_and_pooling_a_ready_reserve_changes_its_colour(
    demo: Any, client: Any
) -> None:
    from django.urls import reverse
    from django.utils import timezone

    from houbei.demo.reserves import Planter
    from houbei.people.models import Role
    from houbei.people.services import appoint_to_post
    from houbei.risk import explain
    from houbei.risk.services import run_assessment
    from tests.risk.conftest import latest

    village = demo.villages["团相村"]
    run_assessment(region=demo.town, actor=None)
    assert latest(village).colour == "red"
    rng = demo.random("test:new-secretary")
    person = demo.new_person(
        village=village, age=42, rng=rng, education="31", political_status="01"
    )
    today = timezone.localdate()
    appoint_to_post(
        person=person, village=village, role=Role.SECRETARY, term_start=today, actor=None
    )
    Planter(demo).walk(village, "secretary", "pooled", readiness="ready_now")

    run_assessment(region=demo.town, actor=None)

    after = latest(village)
    changes = explain.changes(after, after.previous)
    assert after.colour != "red"
    assert {"班子完整", "书记年龄", "后备力量"} <= {line.label for line in changes.lines}
    assert "书记空缺且无成熟的书记后备" in changes.rules_ended
    client.force_login(demo.users["town"])
    page = client.get(reverse("risk:village", args=[village.pk])).content.decode()
    assert "不再触发硬性规则：书记空缺且无成熟的书记后备" in page
    assert "书记年龄：0 → 10 分" in page
