"""Helpers for the risk tests: a round for 辉县市, committees seated to order, surveys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import CUTOFF


@pytest.fixture
def risk_round(election_round: Any) -> Any:
    """The 2026 round for 辉县市 (`election_round`, tests/conftest.py)."""
    return election_round


@pytest.fixture
def seat(make_person: Any) -> Callable[..., Any]:
    """seat(village, "secretary", age=50[, also="chair"]) → the person, sitting since 2021."""
    from houbei.people.models import Role
    from houbei.people.services import appoint_to_post

    def make(village: Any, role: str, *, age: int = 50, also: str | None = None) -> Any:
        birth = dt.date(CUTOFF.year - age, 6, 1)
        person = make_person(village=village, birth=birth, name=f"{role}{age}")
        for one in (role, also) if also else (role,):
            appoint_to_post(
                person=person,
                village=village,
                role=Role(one),
                term_start=dt.date(2021, 3, 20),
                actor=None,
            )
        return person

    return make


@pytest.fixture
def survey(risk_round: Any) -> Callable[..., Any]:
    from houbei.risk.services import record_survey

    def make(village: Any, person: Any, *, rating: int = 4, **fields: Any) -> Any:
        data = {
            "source": "talk",
            "attitude": "stay",
            "performance": rating,
            "conduct": rating,
            "intention": "run_again",
            **fields,
        }
        return record_survey(
            village=village, person=person, election_round=risk_round, fields=data, actor=None
        )

    return make


@pytest.fixture
def full_committee(seat: Any) -> Callable[..., list[Any]]:
    """A committee of five: secretary (also chair when dual), chair, three members."""

    def make(
        village: Any, *, secretary_age: int = 45, member_age: int = 40, dual: bool = True
    ) -> list[Any]:
        people = [seat(village, "secretary", age=secretary_age, also="chair" if dual else None)]
        if not dual:
            people.append(seat(village, "chair", age=member_age))
        while len(people) < 5:
            people.append(seat(village, "member", age=member_age + len(people)))
        return people

    return make


@pytest.fixture
def assessed(tree: dict[str, Any], risk_round: Any, full_committee: Any, survey: Any) -> Any:
    """A strong a1 (green), an empty a2 (red), a3 and b1 with one old secretary; assessed."""
    from houbei.risk.services import run_assessment

    for person in full_committee(tree["a1"]):
        survey(tree["a1"], person, rating=5)
    run_assessment(region=tree["county"], actor=None)
    return tree


def latest(village: Any) -> Any:
    from houbei.risk.models import Assessment

    return Assessment.objects.select_related("rule_set").get(village=village, is_latest=True)


@pytest.fixture
def login(client: Any, personas: dict[str, Any]) -> Callable[[str], Any]:
    def as_(name: str) -> Any:
        client.force_login(personas[name])
        return client

    return as_
