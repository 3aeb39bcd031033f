"""The dashboards' cached figures (houbei.risk.board_cache): every write that feeds a dashboard
moves its version, nothing of one user's gets into another's page, and a cached page costs a
few constant queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from houbei.regions.models import Level, Region
from houbei.risk.board_cache import Fragments
from houbei.risk.models import ColourOverride, OverrideStatus, Problem
from tests.risk.conftest import latest

pytestmark = pytest.mark.django_db

DASHBOARD = "/risk/"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def figures(client: Client, url: str = DASHBOARD) -> Fragments:
    response = client.get(url)
    assert response.status_code == 200
    found: Fragments = response.context["figures"]
    return found


def drawn_afresh(client: Client, url: str = DASHBOARD) -> Fragments:
    caches["dashboards"].clear()
    return figures(client, url)


def cached_keys() -> int:
    return len(caches["dashboards"]._cache)  # type: ignore[attr-defined]


# --- Every kind of write moves the version ----------------------------------------------------


def _run(world: dict[str, Any]) -> None:
    """A committee seated in the empty red village (no refresh by itself), then the weekly run."""
    from houbei.risk.services import run_assessment

    world["full_committee"](world["tree"]["a2"])
    run_assessment(region=world["tree"]["county"], actor=None)


def _approve_colour(world: dict[str, Any]) -> None:
    from houbei.risk.services import decide_override, propose_override

    override = propose_override(
        latest(world["tree"]["a2"]), colour="orange", reason="已有人选", actor=world["p"]["town"]
    )
    assert override.status == OverrideStatus.PENDING
    decide_override(override, approve=True, note="同意", actor=world["p"]["leader"])


def _open_problem(world: dict[str, Any]) -> Problem:
    from houbei.risk.services import create_problem

    return create_problem(
        village=world["tree"]["a2"],
        election_round=world["round"],
        fields={"kind": "other", "title": "班子不全", "due_on": timezone.localdate()},
        actor=world["p"]["town"],
    )


def _close_problem(world: dict[str, Any]) -> None:
    from houbei.risk.services import close_problem

    problem = Problem.objects.get(title="已有问题")
    close_problem(problem, note="已补齐", actor=world["p"]["town"])


def _void_problem(world: dict[str, Any]) -> None:
    from houbei.risk.services import void_problem

    problem = Problem.objects.get(title="已有问题")
    void_problem(problem, reason="录错了村", actor=world["p"]["leader"])


def _focus(world: dict[str, Any]) -> None:
    from houbei.risk.services import save_facts

    save_facts(
        village=world["tree"]["a3"],
        election_round=world["round"],
        fields={"focus_village": True, "focus_reason": "宗族矛盾"},
        version=None,
        actor=world["p"]["town"],
    )


def _new_village(world: dict[str, Any]) -> None:
    from houbei.regions.services import create_region

    create_region(name="新建村", level=Level.VILLAGE, parent=world["tree"]["town_a"])


def _rename(name: str, to: str) -> Callable[[dict[str, Any]], None]:
    def rename(world: dict[str, Any]) -> None:
        region = Region.objects.get(pk=world["tree"][name].pk)
        region.name = to
        region.save()

    return rename


def _retire_village(world: dict[str, Any]) -> None:
    region = Region.objects.get(pk=world["tree"]["a3"].pk)
    region.valid_to = timezone.localdate() - dt.timedelta(days=1)
    region.save()


def _candidate_moves(world: dict[str, Any]) -> None:
    """A candidate nominated and screened in a town's village: the dashboards show nothing of
    the reserves until the next weekly run (its outlooks and reasons are taken then)."""
    world["walk"]("screened", village=world["tree"]["a2"])


WRITES: dict[str, tuple[Callable[[dict[str, Any]], Any], bool]] = {
    # name: (the write, whether the figures of a town's page must differ after it)
    "assessment run": (_run, True),
    "colour approved": (_approve_colour, True),
    "problem opened": (_open_problem, True),
    "problem closed": (_close_problem, True),
    "problem voided": (_void_problem, True),
    "focus village": (_focus, True),
    "village created": (_new_village, True),
    "village renamed": (_rename("a3", "王展新村"), True),
    "village retired": (_retire_village, True),
    "town renamed": (_rename("town_a", "改名镇"), True),
    "district renamed": (_rename("district", "第九管理区"), True),
    "candidate stage": (_candidate_moves, False),
}


@pytest.mark.parametrize("name", list(WRITES))
def test_after_each_kind_of_write_every_dashboard_shows_fresh_figures(
    name: str,
    assessed: Any,
    risk_round: Any,
    personas: Any,
    full_committee: Any,
    walk: Any,
) -> None:
    world = {
        "tree": assessed,
        "round": risk_round,
        "p": personas,
        "full_committee": full_committee,
        "walk": walk,
    }
    if name in ("problem closed", "problem voided"):
        _open_problem(world)
        Problem.objects.filter(village=assessed["a2"]).update(title="已有问题")
    pages = [
        (_client(personas["town"]), DASHBOARD),
        (_client(personas["county"]), DASHBOARD),
        (_client(personas["county"]), f"{DASHBOARD}?town={assessed['town_a'].pk}"),
    ]
    before = [figures(client, url) for client, url in pages]
    assert [figures(client, url) for client, url in pages] == before  # served from the cache
    write, visible = WRITES[name]

    write(world)

    after = [figures(client, url) for client, url in pages]
    assert after == [drawn_afresh(client, url) for client, url in pages]
    if visible:
        assert after[0] != before[0] and after[2] != before[2]


def test_the_cache_is_used_until_a_write_and_then_once_more(
    assessed: Any, personas: Any, risk_round: Any
) -> None:
    client = _client(personas["town"])
    first = figures(client)
    assert cached_keys() == 1
    # Rendered from the cache: the same object's HTML, no query of the figures (below).
    assert figures(client) == first and cached_keys() == 1
    _open_problem({"tree": assessed, "round": risk_round, "p": personas})
    assert figures(client) != first and cached_keys() == 2


def test_the_figures_follow_the_day(assessed: Any, personas: Any, monkeypatch: Any) -> None:
    """Overdue problems and this week's changes follow the calendar: the day is in the key."""
    client = _client(personas["town"])
    figures(client)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    figures(client)
    assert cached_keys() == 2


# --- Nothing of one user's in another's page ----------------------------------------------------


def test_each_scope_and_role_sees_its_own_page(assessed: Any, personas: Any) -> None:
    pages = {}
    for name in ("town", "leader", "town_b", "county", "liaison"):
        pages[name] = _client(personas[name]).get(DASHBOARD).content.decode()
    # A second round, every one from the cache where cached, each still its own.
    for name in ("town", "leader", "town_b", "county", "liaison"):
        page = _client(personas[name]).get(DASHBOARD).content.decode()
        assert f"{personas[name].username}（" in page
        for other in {"town", "leader", "town_b", "county", "liaison"} - {name}:
            assert f">{personas[other].username}（" not in page
    assert "张屯村" in pages["town"] and "蒋庄村" not in pages["town"]
    assert "蒋庄村" in pages["town_b"] and "张屯村" not in pages["town_b"]
    assert 'id="town-table"' in pages["county"] and 'id="risk-grid"' not in pages["county"]
    assert "王展村" not in pages["liaison"]
    # The weekly run's form (with its CSRF token) is the town office's, never cached.
    assert 'id="run-assessment"' in pages["town"]
    assert 'id="run-assessment"' not in pages["county"] + pages["liaison"]


def test_the_cached_fragments_hold_nothing_of_the_user(assessed: Any, personas: Any) -> None:
    for name in ("town", "county"):
        _client(personas[name]).get(DASHBOARD)
    for fragments in caches["dashboards"]._cache.values():  # type: ignore[attr-defined]
        text = str(fragments)
        assert "csrf" not in text and "退出" not in text and "mainnav" not in text
        for user in personas.values():
            assert f"{user.username}（" not in text


def test_the_pending_count_is_the_user_s_own_and_live(assessed: Any, personas: Any) -> None:
    from houbei.risk.services import propose_override

    leader = _client(personas["leader"])
    assert "颜色调整审批（" not in leader.get(DASHBOARD).content.decode()
    propose_override(
        latest(assessed["a2"]), colour="orange", reason="已有人选", actor=personas["town"]
    )
    assert ColourOverride.objects.filter(status=OverrideStatus.PENDING).count() == 1

    assert "颜色调整审批（1）" in leader.get(DASHBOARD).content.decode()


def test_a_town_outside_the_county_is_still_not_found(assessed: Any, personas: Any) -> None:
    county = _client(personas["county"])
    elsewhere = Region.objects.filter(level=Level.TOWN).exclude(county=assessed["county"]).first()
    other = elsewhere.pk if elsewhere else 0
    assert county.get(f"{DASHBOARD}?town={assessed['town_a'].pk}").status_code == 200
    assert county.get(f"{DASHBOARD}?town={other}").status_code == 404
    assert county.get(f"{DASHBOARD}?town=x").status_code == 404
    assert (
        _client(personas["town"]).get(f"{DASHBOARD}?town={assessed['town_a'].pk}").status_code
        == 200
    )


# --- Queries -------------------------------------------------------------------------------------


def _queries(client: Client, url: str = DASHBOARD) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured]


@pytest.mark.parametrize(
    ("persona", "town"), [("county", False), ("county", True), ("town", False), ("leader", False)]
)
def test_a_cached_page_costs_a_few_constant_queries(
    persona: str, town: bool, assessed: Any, personas: Any, risk_round: Any
) -> None:
    from houbei.regions.services import create_region
    from houbei.risk.services import run_assessment

    client = _client(personas[persona])
    url = f"{DASHBOARD}?town={assessed['town_a'].pk}" if town else DASHBOARD
    drawn = _queries(client, url)
    cached = _queries(client, url)
    # Session, account, the version (towns and their rows' refreshed_at), the account's
    # region (base.html), and the pending overrides for those who approve them.
    expected = 5 if persona in ("county", "leader") else 4
    assert len(cached) == expected, cached
    assert len(drawn) > len(cached)
    assert sum("risk_townrollup" in sql for sql in cached) == 1
    assert not any("risk_assessment" in sql or "risk_problem" in sql for sql in cached)
    for i in range(40):
        create_region(name=f"增村{i}", level=Level.VILLAGE, parent=assessed["town_a"])
    run_assessment(region=assessed["county"], actor=None)
    assert len(_queries(client, url)) == len(drawn)
    assert len(_queries(client, url)) == expected


@pytest.mark.parametrize("persona", ["county", "town", "leader", "town_b"])
def test_the_version_covers_the_towns_the_scope_shows(persona: str, personas: Any) -> None:
    """The version's SQL names the same towns as the scope's rule (houbei.accounts.scope)."""
    from houbei.risk import board_cache

    user = personas[persona]
    scope = board_cache.scope_of(user, None)
    assert scope is not None
    shown = Region.objects.visible_to(user).filter(level=Level.TOWN).values_list("pk", flat=True)
    assert [row[0] for row in board_cache._version(scope)] == sorted(shown)
    assert board_cache.scope_of(personas["liaison"], None) is None
    assert board_cache.scope_of(personas["auditor"], None) is None
