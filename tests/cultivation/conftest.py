"""A plan for town A in the 2026 round, with pooled candidates enrolled as trainees."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest


@pytest.fixture
def plan(election_round: Any, tree: dict[str, Any], personas: dict[str, Any]) -> Any:  # noqa: F811
    from houbei.cultivation import services

    return services.create_plan(
        election_round=election_round,
        town=tree["town_a"],
        title="2026年后备力量培养计划",
        actor=personas["town"],
    )


@pytest.fixture
def add_class(plan: Any, personas: dict[str, Any]) -> Any:
    from houbei.cultivation import services

    def add(day: dt.date = dt.date(2026, 10, 15), hours: str = "3", topic: str = "党的政策") -> Any:
        return services.add_session(
            plan=plan,
            held_on=day,
            starts_at=dt.time(9, 0),
            ends_at=dt.time(12, 0),
            hours=Decimal(hours),
            topic=topic,
            teacher="李老师",
            venue="镇党校",
            actor=personas["town"],
        )

    return add


@pytest.fixture
def trainees(plan: Any, walk: Any, tree: dict[str, Any], personas: dict[str, Any]) -> Any:  # noqa: F811
    """Pooled candidates in a1, a2 and a3, enrolled."""
    from houbei.cultivation import services

    for village in ("a1", "a2", "a3"):
        walk("pooled", village=tree[village])
    added = services.enroll_pooled(plan=plan, actor=personas["town"])
    return sorted(added, key=lambda t: t.village.code)
