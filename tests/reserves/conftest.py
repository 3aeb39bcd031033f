"""A 2026 round for the test county and helpers that walk a candidate through the pipeline."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

CUTOFF = dt.date(2026, 12, 31)


@pytest.fixture
def election_round(tree: dict[str, Any]) -> Any:
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
        steps = ["nominated", "screened", "recommended", "reviewed", "pooled"]
        for step in steps[1 : steps.index(stage) + 1]:
            STEPS[step](candidate, town)
            candidate.refresh_from_db()
        return candidate

    return to


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


STEPS = {"screened": _screen, "recommended": _recommend, "reviewed": _review, "pooled": _pool}
