"""A trainee of town A walked through cultivation to its practice post: `placed` makes one
(classes held and attended, the test passed, a practice post started 70 days ago with a
mentor's rating and a panel's rating), `ready` walks it on through a passed evaluation and a
confirmed paper poll."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

DAYS_AGO = 70


@pytest.fixture
def plan(election_round: Any, tree: dict[str, Any], personas: dict[str, Any]) -> Any:
    from houbei.cultivation import services

    return services.create_plan(
        election_round=election_round, town=tree["town_a"], title="培养计划", actor=personas["town"]
    )


def _classes(plan: Any, actor: Any) -> list[Any]:
    from houbei.cultivation import services

    start = timezone.localdate() - dt.timedelta(days=150)
    return [
        services.add_session(
            plan=plan,
            held_on=start + dt.timedelta(days=7 * n),
            starts_at=dt.time(9, 0),
            ends_at=dt.time(12, 0),
            hours=Decimal(3),
            topic=f"第{n + 1}课",
            teacher="李老师",
            venue="镇党校",
            actor=actor,
        )
        for n in range(10)
    ]


@pytest.fixture
def placed(plan: Any, walk: Any, tree: dict[str, Any], personas: dict[str, Any]) -> Any:
    """`placed(village, exam=80, mentor="优秀", meeting="良好")` → the candidate (placed)."""
    from houbei.cultivation import services
    from houbei.cultivation.models import Trainee

    town = personas["town"]
    sessions = _classes(plan, town)

    def make(
        village: Any = None,
        exam: int = 80,
        mentor: str = "优秀",
        meeting: str = "良好",
        **person: Any,
    ) -> Any:
        candidate = walk("pooled", village=village or tree["a1"], **person)
        services.enroll_pooled(plan=plan, actor=town)
        trainee = Trainee.objects.get(candidate=candidate)
        for session in sessions:
            services.mark_roster(
                session=session, marks=[services.Mark(trainee, "present")], actor=town
            )
        services.record_exam(
            trainee=trainee, score=Decimal(exam), taken_on=sessions[-1].held_on, actor=town
        )
        starts = timezone.localdate() - dt.timedelta(days=DAYS_AGO)
        placement = services.place(
            trainee=trainee,
            village=trainee.village,
            role="secretary_assistant",
            duty_areas=["党建"],
            mentor=None,
            starts_on=starts,
            actor=town,
        )
        services.rate_month(placement=placement, month=starts, rating=mentor, note="", actor=town)
        meeting_ = services.hold_meeting(
            plan=plan,
            held_on=starts + dt.timedelta(days=30),
            place="镇会议室",
            attendees="镇党委",
            actor=town,
        )
        services.rate_at_meeting(
            meeting=meeting_, placement=placement, rating=meeting, comments="", actor=town
        )
        candidate.refresh_from_db()
        return candidate

    return make


@pytest.fixture
def paper_poll(personas: dict[str, Any]) -> Any:
    """`paper_poll(candidate, counts=(30, 5, 3))`: opened, entered by `town`, confirmed by
    `leader` (40 eligible, 38 issued and returned, all valid)."""
    from houbei.outcomes import services

    def run(candidate: Any, counts: tuple[int, int, int] = (30, 5, 3), returned: int = 38) -> Any:
        poll = services.open_poll(
            candidate=candidate,
            electorate="party_members",
            scale="satisfaction",
            way="paper",
            held_on=timezone.localdate(),
            eligible=40,
            actor=personas["town"],
        )
        services.enter_tally(
            poll=poll,
            issued=38,
            returned=returned,
            valid=sum(counts),
            invalid=returned - sum(counts),
            counts=list(counts),
            actor=personas["town"],
        )
        return services.confirm_tally(poll=poll, actor=personas["leader"])

    return run


@pytest.fixture
def ready(placed: Any, paper_poll: Any, personas: dict[str, Any]) -> Any:
    """A candidate evaluated and polled (every condition of appointment met)."""
    from houbei.outcomes import services

    def make(village: Any = None, **person: Any) -> Any:
        candidate = placed(village, **person)
        services.evaluate(
            candidate=candidate, evaluated_on=timezone.localdate(), actor=personas["town"]
        )
        candidate.refresh_from_db()
        paper_poll(candidate)
        candidate.refresh_from_db()
        return candidate

    return make
