"""Who sees which cultivation rows: town, county, liaison (their villages only), another town."""

from __future__ import annotations

from typing import Any

from houbei.cultivation.models import CultivationPlan, Trainee, TrainingSession


def test_plans_and_classes_are_seen_by_their_town_county_and_liaisons(
    plan: Any, add_class: Any, personas: dict[str, Any]
) -> None:
    add_class()
    for name in ("town", "leader", "county", "liaison", "auditor"):
        assert list(CultivationPlan.objects.visible_to(personas[name])) == [plan], name
        assert TrainingSession.objects.visible_to(personas[name]).count() == 1, name
    for name in ("town_b", "reviewer", "sysadmin"):
        assert not CultivationPlan.objects.visible_to(personas[name]).exists(), name
        assert not TrainingSession.objects.visible_to(personas[name]).exists(), name


def test_a_liaison_sees_only_their_villages_trainees(
    trainees: list[Any], personas: dict[str, Any]
) -> None:
    seen = {t.village.name for t in Trainee.objects.visible_to(personas["liaison"])}
    assert seen == {"张屯村", "潘村"}
    assert Trainee.objects.visible_to(personas["town"]).count() == 3
    assert not Trainee.objects.visible_to(personas["town_b"]).exists()
