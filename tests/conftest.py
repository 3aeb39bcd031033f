"""Named personas that cover the permission matrix, on a small real region tree; the demo town;
a 2026 round and a candidate walked through the reserve pipeline.

`tree`, `personas` and `demo` are built once and shared through tests/worlds.py: each test gets
them fresh (its writes are rolled back) without paying for building them again.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import worlds
from tests.pipeline import ORDER, STEPS

PASSWORD = "Test-Passw0rd-2026"  # noqa: S105
CUTOFF = dt.date(2026, 12, 31)
HERE = Path(__file__).resolve().parent


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """`pytest -m browser` (make test-browser) can select only tests in tests/browser, whose
    conftest gives every test there the marker (and no test elsewhere carries it): the other
    test folders and files are not even imported."""
    if (config.option.markexpr or "").strip() != "browser" or collection_path.parent != HERE:
        return None
    if collection_path.name == "browser":
        return None
    return collection_path.is_dir() or collection_path.name.startswith("test_") or None


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """Tests marked `postgresql` are left out of a run on another database (deselected, so a
    CI run reports no skip); the PostgreSQL pass runs them. The demo's tests run last."""
    from django.conf import settings

    worlds.check(items)
    worlds.order(items)
    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    kept = [item for item in items if item.get_closest_marker("postgresql") is None]
    deselected = [item for item in items if item.get_closest_marker("postgresql") is not None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    worlds.refuse_foreign(item)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None]:
    try:
        return (yield)
    finally:
        worlds.close_unused(item, nextitem)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Every test run has a second database, alias `replica`, standing in for a read replica
    (docs/scaling.md §3). It is created only for a test that names it
    (`django_db(databases=["default", "replica"])`) and is read only when READ_REPLICA names it."""
    from django.conf import settings

    default = settings.DATABASES["default"]
    replica = copy.deepcopy(default)
    test = dict(replica.get("TEST") or {})
    if "sqlite" not in default["ENGINE"]:
        test["NAME"] = f"test_{default['NAME']}_replica"
    replica["TEST"] = test
    settings.DATABASES.setdefault("replica", replica)


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = worlds.FAST_HASHERS


@pytest.fixture(autouse=True)
def _no_cached_dashboards() -> None:
    """Each test starts without cached dashboards (houbei.risk.board_cache): the worlds are
    shared between tests, so a key made in one could be met again in the next."""
    from django.core.cache import caches

    caches["dashboards"].clear()


def build_tree() -> dict[str, Any]:
    """County 辉县市 (reference data) with two towns, two districts and four villages."""
    from houbei.regions.models import Level, Region
    from houbei.regions.reference import load_huixian
    from houbei.regions.services import create_region

    county = load_huixian()
    town_a = Region.objects.get(code="410782106000")
    town_b = Region.objects.get(code="410782102000")
    district = create_region(name="第一管理区", level=Level.DISTRICT, parent=town_a)
    villages = {
        "a1": create_region(
            name="张屯村", level=Level.VILLAGE, parent=district, code="410782106201"
        ),
        "a2": create_region(name="潘村", level=Level.VILLAGE, parent=district, code="410782106202"),
        "a3": create_region(name="王展村", level=Level.VILLAGE, parent=town_a, code="410782106203"),
        "b1": create_region(name="蒋庄村", level=Level.VILLAGE, parent=town_b, code="410782102221"),
    }
    return {"county": county, "town_a": town_a, "town_b": town_b, "district": district, **villages}


def _user(username: str, role: str, region: Any = None, **extra: Any) -> Any:
    from houbei.accounts.models import User

    user = User.objects.create_user(
        username=username, password=PASSWORD, role=role, region=region, full_name=username, **extra
    )
    return user


def build_personas(tree: dict[str, Any]) -> dict[str, Any]:
    liaison = _user("liaison", "liaison", tree["town_a"])
    liaison.villages.set([tree["a1"], tree["a2"]])
    return {
        "county": _user("county", "county_officer", tree["county"]),
        "leader": _user("leader", "town_leader", tree["town_a"]),
        "town": _user("town", "town_staff", tree["town_a"]),
        "town_b": _user("town_b", "town_staff", tree["town_b"]),
        "liaison": liaison,
        "reviewer": _user("reviewer", "reviewer", tree["county"], department="公安"),
        "auditor": _user("auditor", "auditor", tree["county"]),
        "sysadmin": _user("sysadmin", "sysadmin"),
        "secadmin": _user("secadmin", "security_admin"),
    }


@pytest.fixture(scope="session")
def _tree_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    yield from worlds.hold(worlds.TREE, django_db_blocker, build_tree)


@pytest.fixture(scope="session")
def _personas_world(_tree_world: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    yield from worlds.hold(worlds.PERSONAS, django_db_blocker, lambda: build_personas(_tree_world))


@pytest.fixture(scope="session")
def _demo_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    from houbei.demo import build_demo

    yield from worlds.hold(worlds.DEMO, django_db_blocker, build_demo)


@pytest.fixture
def tree(_tree_world: dict[str, Any], db: Any) -> dict[str, Any]:
    """County 辉县市 (reference data) with two towns, two districts and four villages."""
    return copy.deepcopy(_tree_world)


@pytest.fixture
def personas(_personas_world: dict[str, Any], tree: dict[str, Any]) -> dict[str, Any]:
    """One account per role: county, leader, town, town_b, liaison, reviewer, auditor,
    sysadmin, secadmin (the liaison looks after 张屯村 and 潘村)."""
    return copy.deepcopy(_personas_world)


@pytest.fixture
def demo(_demo_world: Any, db: Any) -> Any:
    """The demo town (`houbei demo`, a DemoContext), built once per session."""
    return copy.deepcopy(_demo_world)


@pytest.fixture
def make_person(tree: dict[str, Any]) -> Any:
    from houbei.lib.idnumber import make_id_number
    from houbei.people.services import create_person

    counter = iter(range(1, 999))

    def make(
        village: Any = None, name: str = "张三", birth: dt.date = dt.date(1975, 3, 8), **fields: Any
    ) -> Any:
        seq = next(counter) * 2 + 1
        data = {
            "name": name,
            "id_number": make_id_number("410782", birth, seq),
            "education": "61",
            "village": village or tree["a1"],
            **fields,
        }
        return create_person(fields=data, actor=None)

    return make


@pytest.fixture
def election_round(tree: dict[str, Any]) -> Any:
    """The 2026 round for 辉县市 (cut-off 2026-12-31)."""
    from houbei.rulebook.services import create_round

    return create_round(
        name="2026年换届", year=2026, region=tree["county"], cutoff_date=CUTOFF, actor=None
    )


@pytest.fixture
def young(make_person: Any, tree: dict[str, Any]) -> Any:
    """A person who meets the default criteria (35 at the cut-off, senior high school)."""

    def make(village: Any = None, **fields: Any) -> Any:
        fields.setdefault("birth", dt.date(1991, 5, 1))
        return make_person(village=village or tree["a1"], **fields)

    return make


@pytest.fixture
def walk(election_round: Any, personas: dict[str, Any], young: Any, tree: dict[str, Any]) -> Any:
    """A candidate walked up to `stage` through the services (town officer as actor)."""
    from houbei.reserves import services

    town = personas["town"]

    def to(stage: str, village: Any = None, post: str = "secretary", **person: Any) -> Any:
        village = village or tree["a1"]
        candidate = services.nominate(
            person=young(village=village, **person),
            village=village,
            election_round=election_round,
            target_post=post,
            source="field_survey",
            background="returning_entrepreneur",
            actor=town,
        )
        for step in ORDER[1 : ORDER.index(stage) + 1]:
            STEPS[step](candidate, town)
            candidate.refresh_from_db()
        return candidate

    return to
