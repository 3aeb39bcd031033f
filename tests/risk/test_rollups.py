"""The dashboards' precomputed rows (houbei.risk.rollups): kept true by the services that change
what they count, equal to a fresh count, and the county's dashboard costs the same queries at
any number of villages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from houbei.regions.models import Level, Region
from houbei.risk import queries, rollups
from houbei.risk.models import TownRollup, TownWeekRollup
from houbei.risk.services import (
    close_problem,
    create_problem,
    propose_override,
    run_assessment,
    save_facts,
)
from tests.risk.conftest import latest

pytestmark = pytest.mark.django_db


def live(town: Region) -> queries.Summary:
    """The figures counted village by village, as the town's dashboard does."""
    villages = Region.objects.villages().current().filter(town=town)
    return queries.summarise(queries.grid_rows(villages), timezone.localdate())


def assert_true(town: Region) -> None:
    row = TownRollup.objects.get(town=town)
    fresh = live(town)
    assert {c: getattr(row, c) for c in fresh.counts} == fresh.counts
    assert row.unassessed == fresh.unassessed
    assert row.not_ready == fresh.not_ready
    assert row.focus == fresh.focus
    assert row.villages == fresh.total
    assert {o: getattr(row, f"cadres_{o}") for o in rollups.OUTLOOKS} == {
        o: fresh.outlooks[o] for o in rollups.OUTLOOKS
    }
    assert {c: getattr(row, f"open_{c}") for c in fresh.counts} == {
        c: fresh.problems[c]["open"] for c in fresh.counts
    }
    assert rollups.differences() == []


def test_every_service_that_changes_a_figure_keeps_the_row_true(
    assessed: Any, risk_round: Any, personas: Any
) -> None:
    town = assessed["town_a"]
    assert_true(town)
    assert TownRollup.objects.get(town=town).red == 2

    # A problem in a red village makes it "not ready"; closing it undoes that.
    problem = create_problem(
        village=assessed["a2"],
        election_round=risk_round,
        fields={"kind": "other", "title": "班子不全", "due_on": dt.date(2026, 11, 1)},
        actor=personas["town"],
    )
    assert_true(town)
    assert TownRollup.objects.get(town=town).not_ready == 1
    close_problem(problem, note="已补齐", actor=personas["town"])
    assert_true(town)

    # A focus village, an approved override, a new village and a retired one.
    save_facts(
        village=assessed["a3"],
        election_round=risk_round,
        fields={"focus_village": True, "focus_reason": "宗族矛盾"},
        version=None,
        actor=personas["town"],
    )
    assert_true(town)
    propose_override(
        latest(assessed["a2"]), colour="orange", reason="已有人选", actor=personas["leader"]
    )
    assert_true(town)
    assert TownRollup.objects.get(town=town).orange == 1
    from houbei.regions.services import create_region

    create_region(name="新建村", level=Level.VILLAGE, parent=town)
    assert_true(town)
    assert TownRollup.objects.get(town=town).unassessed == 1
    retired = Region.objects.get(pk=assessed["a3"].pk)
    retired.valid_to = dt.date(2026, 12, 1)
    retired.save()
    assert_true(town)


def test_the_county_board_sums_the_town_rows_and_the_trend_matches_the_live_one(
    assessed: Any,
) -> None:
    today = timezone.localdate()
    towns = Region.objects.filter(level=Level.TOWN, county=assessed["county"])
    villages = Region.objects.villages().current().filter(county=assessed["county"])
    board = rollups.board(towns, villages, today)
    fresh = queries.summarise(queries.grid_rows(villages), today)

    assert board.counts == fresh.counts and board.total == fresh.total
    assert board.not_ready == fresh.not_ready
    assert {t.name: t.villages for t in board.towns if t.villages} == {
        assessed["town_a"].name: 3,
        assessed["town_b"].name: 1,
    }
    assert rollups.trend(towns, today) == queries.trend(villages, today)


def test_a_town_without_a_row_is_counted_live_and_nothing_is_written(assessed: Any) -> None:
    TownRollup.objects.all().delete()
    towns = Region.objects.filter(level=Level.TOWN, county=assessed["county"])
    villages = Region.objects.villages().current().filter(county=assessed["county"])

    board = rollups.board(towns, villages, timezone.localdate())

    assert board.total == 4
    assert not TownRollup.objects.exists()  # a page that is only read writes nothing


def test_the_check_command_names_a_wrong_row_and_the_rebuild_fixes_it(assessed: Any) -> None:
    TownRollup.objects.filter(town=assessed["town_a"]).update(red=9)
    TownWeekRollup.objects.all().delete()

    with pytest.raises(CommandError, match="1 个乡镇"):
        call_command("rollups", "--check", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("rollups", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert rollups.differences() == []
    assert TownRollup.objects.get(town=assessed["town_a"]).red == 2
    assert TownWeekRollup.objects.filter(town=assessed["town_a"]).exists()


def test_the_county_sees_towns_and_opens_one_town_s_villages(
    assessed: Any, login: Any, personas: Any
) -> None:
    client = login("county")
    page = client.get(reverse("risk:dashboard")).content.decode()
    assert 'id="town-table"' in page and 'id="risk-grid"' not in page
    assert f'href="?town={assessed["town_a"].pk}"' in page

    page = client.get(reverse("risk:dashboard"), {"town": assessed["town_a"].pk}).content.decode()
    assert 'id="risk-grid"' in page and "张屯村" in page and "蒋庄村" not in page

    assert client.get(reverse("risk:dashboard"), {"town": "x"}).status_code == 404
    other = Region.objects.filter(level=Level.TOWN).exclude(county=assessed["county"]).first()
    if other is not None:
        assert client.get(reverse("risk:dashboard"), {"town": other.pk}).status_code == 404
    # A town officer's dashboard ignores ?town= and shows its own villages.
    page = login("town").get(reverse("risk:dashboard"), {"town": assessed["town_b"].pk})
    assert "蒋庄村" not in page.content.decode()


def _queries(client: Any) -> int:
    """The queries of the page drawn afresh (the cached path: test_dashboard_cache.py)."""
    caches["dashboards"].clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("risk:dashboard")).status_code == 200
    return len(captured)


def test_the_county_dashboard_costs_the_same_queries_at_4_and_44_villages(
    assessed: Any, login: Any, risk_round: Any
) -> None:
    from houbei.regions.services import create_region

    client = login("county")
    _queries(client)  # the first read fills the rows of towns without villages
    small = _queries(client)
    for i in range(40):
        town = assessed["town_a"] if i % 2 else assessed["town_b"]
        create_region(name=f"增村{i}", level=Level.VILLAGE, parent=town)
    run_assessment(region=assessed["county"], actor=None)

    assert _queries(client) == small


def test_open_problems_are_counted_before_any_assessment(
    tree: Any, risk_round: Any, personas: Any
) -> None:
    create_problem(
        village=tree["a1"],
        election_round=risk_round,
        fields={"kind": "other", "title": "账目不清", "due_on": dt.date(2026, 11, 1)},
        actor=personas["town"],
    )
    towns = Region.objects.filter(level=Level.TOWN, county=tree["county"])
    villages = Region.objects.villages().current().filter(county=tree["county"])
    board = rollups.board(towns, villages, timezone.localdate())

    assert board.unassessed == 4
    assert {t.name: t.open_problems for t in board.towns if t.open_problems} == {
        tree["town_a"].name: 1
    }
