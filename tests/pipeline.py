"""The steps that walk a reserve candidate through the pipeline (the `walk` fixture in
tests/conftest.py), and `pass_reviews`, which answers every pending joint review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any


def _screen(candidate: Any, actor: Any) -> None:
    from houbei.reserves import services

    services.record_interview(
        candidate,
        kind="visit",
        held_on=dt.date(2026, 3, 1),
        participants=5,
        summary="走访",
        actor=actor,
    )
    services.record_screening(
        candidate, result="passed", screened_on=dt.date(2026, 3, 2), findings="", actor=actor
    )


def _recommend(candidate: Any, actor: Any) -> None:
    from houbei.reserves import services

    services.record_vote(
        candidate,
        meeting_type="joint",
        held_on=dt.date(2026, 3, 10),
        eligible=40,
        attended=36,
        votes_for=30,
        votes_against=4,
        abstentions=2,
        actor=actor,
    )


def _review(candidate: Any, actor: Any) -> None:
    from houbei.reserves import services

    services.send_to_review(candidate, actor=actor)


def pass_reviews(candidate: Any) -> None:
    from houbei.reserves import services
    from houbei.reserves.models import JointReview

    for review in JointReview.objects.filter(candidate=candidate, outcome="pending"):
        services.record_opinion(review, outcome="passed", note="", actor=None)


def _pool(candidate: Any, actor: Any) -> None:
    from houbei.reserves import services

    pass_reviews(candidate)
    services.pool(candidate, readiness="ready_now", actor=actor)


STEPS: dict[str, Callable[[Any, Any], None]] = {
    "screened": _screen,
    "recommended": _recommend,
    "reviewed": _review,
    "pooled": _pool,
}
ORDER = ["nominated", "screened", "recommended", "reviewed", "pooled"]
