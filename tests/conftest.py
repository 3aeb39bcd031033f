"""Named personas that cover the permission matrix, on a small real region tree."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

PASSWORD = "Test-Passw0rd-2026"  # noqa: S105


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """Tests marked `postgresql` are left out of a run on another database (deselected, so a
    CI run reports no skip); the PostgreSQL pass runs them."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    kept = [item for item in items if item.get_closest_marker("postgresql") is None]
    deselected = [item for item in items if item.get_closest_marker("postgresql") is not None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tree(db: Any) -> dict[str, Any]:
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


@pytest.fixture
def personas(tree: dict[str, Any]) -> dict[str, Any]:
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
    }


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
