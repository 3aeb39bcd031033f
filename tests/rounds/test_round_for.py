"""One answer to "which round applies here": county, then city, then province, everywhere."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from houbei.regions.models import Level, Region
from houbei.rounds.models import ElectionRound
from houbei.rounds.services import round_for, rounds_for
from houbei.rulebook.services import create_round

pytestmark = pytest.mark.django_db


def _round(region: Region, year: int = 2026) -> ElectionRound:
    return create_round(
        name=f"{region.name}{year}年换届", year=year, region=region,
        cutoff_date=dt.date(year, 12, 31), actor=None,
    )  # fmt: skip


@pytest.fixture
def province(tree: dict[str, Any]) -> Region:
    return Region.objects.get(level=Level.PROVINCE)


def test_a_province_round_applies_to_every_region_below_it(
    tree: dict[str, Any], province: Region
) -> None:
    applying = _round(province)
    for key in ("county", "town_a", "district", "a1", "b1"):
        assert round_for(tree[key]) == applying
    assert round_for(province) == applying
    villages = Region.objects.villages()
    assert rounds_for(villages) == {tree["county"].pk: applying}


def test_the_nearest_level_wins_and_then_the_latest_year(
    tree: dict[str, Any], province: Region
) -> None:
    _round(province)
    city = tree["county"].parent
    city_round = _round(city)
    assert round_for(tree["a1"]) == city_round
    county_round = _round(tree["county"], 2025)
    later = _round(tree["county"], 2026)
    assert round_for(tree["a1"]) == later != county_round
    assert rounds_for(Region.objects.villages()) == {tree["county"].pk: later}


def test_no_round_anywhere_is_none(tree: dict[str, Any]) -> None:
    assert round_for(tree["a1"]) is None
    assert rounds_for(Region.objects.villages()) == {}


def test_risk_and_reserve_pages_and_recheck_see_the_same_province_round(
    client: Client, personas: dict[str, Any], tree: dict[str, Any], province: Region
) -> None:
    village = tree["a1"]
    client.force_login(personas["town"])
    assert client.get(f"/risk/villages/{village.pk}/surveys/new/").status_code == 404
    elsewhere = Region.objects.create(name="山西省", level=Level.PROVINCE, code="140000000000")
    _round(elsewhere, 2027)  # a later current round that applies elsewhere must not be chosen
    applying = _round(province)

    assert client.get(f"/risk/villages/{village.pk}/surveys/new/").status_code == 200
    reserve_page = client.get("/reserves/candidates/new/")
    assert reserve_page.status_code == 200
    assert reserve_page.context["election_round"] == applying
    out = io.StringIO()
    call_command("recheck", "--region", tree["town_a"].code, stdout=out)
    assert out.getvalue().strip().endswith(f"（{applying.name}）")
    out = io.StringIO()
    call_command("recheck", "--region", tree["town_a"].code, "--json", stdout=out)
    assert json.loads(out.getvalue()) == []
    visible = ElectionRound.objects.visible_to(personas["town"])
    assert list(visible) == [applying]
    assert list(ElectionRound.objects.visible_to(personas["liaison"])) == [applying]


def test_rounds_of_other_provinces_are_not_visible(
    personas: dict[str, Any], province: Region
) -> None:
    other = Region.objects.create(name="山西省", level=Level.PROVINCE, code="140000000000")
    _round(other)
    own = _round(province)
    assert list(ElectionRound.objects.visible_to(personas["county"])) == [own]
    assert not ElectionRound.objects.visible_to(personas["sysadmin"]).exists()
