"""Appointment: leader-approved, guarded by every condition; commendation; removal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from houbei.outcomes import services


def _propose(candidate: Any, personas: Any, role: str = "member") -> Any:
    today = timezone.localdate()
    return services.propose_appointment(
        candidate=candidate,
        role=role,
        term_start=today,
        term_until=today.replace(year=today.year + 5),
        document="吴村镇党委〔2026〕12号",
        actor=personas["town"],
    )


def test_the_leader_approves_and_the_village_gets_the_post(ready: Any, personas: Any) -> None:
    from houbei.people.models import Post

    candidate = ready()
    appointment = _propose(candidate, personas)
    appointment = services.decide_appointment(
        appointment=appointment, approve=True, note="同意", actor=personas["leader"]
    )
    post = Post.objects.sitting().get(person=candidate.person, village=candidate.village)
    assert appointment.post == post and post.role == "member"
    assert "任期至" in post.note
    candidate.refresh_from_db()
    assert candidate.stage == "appointed"
    # the former reserve record stays in the person's history
    assert candidate.person.candidacies.filter(pk=candidate.pk).exists()
    assert candidate.events.filter(to_stage="polled").exists()


def test_a_rejected_appointment_creates_no_post(ready: Any, personas: Any) -> None:
    candidate = ready()
    appointment = _propose(candidate, personas)
    services.decide_appointment(
        appointment=appointment, approve=False, note="暂缓", actor=personas["leader"]
    )
    candidate.refresh_from_db()
    assert candidate.stage == "polled"
    assert not candidate.person.posts.exists()


@pytest.mark.parametrize("missing", ["review", "exam", "practice", "evaluation", "poll"])
def test_no_appointment_while_a_condition_is_missing(
    ready: Any, personas: Any, missing: str
) -> None:
    """Each condition undone after the fact: both the proposal and the approval refuse."""
    from houbei.cultivation.models import ExamResult, Placement
    from houbei.outcomes.models import Evaluation, Poll
    from houbei.reserves.models import JointReview

    candidate = ready()
    appointment = _propose(candidate, personas)
    undo = {
        "review": lambda: JointReview.objects.filter(
            pk__in=JointReview.objects.filter(candidate=candidate).values("pk")[:1]
        ).update(outcome="pending"),
        "exam": lambda: ExamResult.objects.filter(trainee__candidate=candidate).update(
            passed=False
        ),
        "practice": lambda: Placement.objects.filter(candidate=candidate).update(
            planned_end=timezone.localdate() + dt.timedelta(days=5)
        ),
        "evaluation": lambda: Evaluation.objects.filter(candidate=candidate).update(passed=False),
        "poll": lambda: Poll.objects.filter(candidate=candidate).update(void=True),
    }
    undo[missing]()
    label = {
        "review": "资格联审",
        "exam": "结业测试",
        "practice": "实岗锻炼",
        "evaluation": "综合评分",
        "poll": "民意测评",
    }
    with pytest.raises(ValidationError, match=label[missing]):
        services.decide_appointment(
            appointment=appointment, approve=True, note="", actor=personas["leader"]
        )
    appointment.refresh_from_db()
    assert appointment.status == "proposed"
    if missing == "practice":  # a proposal may be made while the practice post runs
        return
    with pytest.raises(ValidationError, match=label[missing]):
        services.propose_appointment(
            candidate=candidate,
            role="member",
            term_start=timezone.localdate(),
            term_until=timezone.localdate() + dt.timedelta(days=900),
            document="x",
            actor=personas["town"],
        )
    candidate.refresh_from_db()
    assert candidate.stage == "polled" and not candidate.person.posts.exists()


def test_a_candidate_short_of_the_poll_cannot_be_proposed(placed: Any, personas: Any) -> None:
    candidate = placed()
    services.evaluate(
        candidate=candidate, evaluated_on=timezone.localdate(), actor=personas["town"]
    )
    candidate.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        _propose(candidate, personas)
    assert "民意测评：尚无通过的测评" in error.value.messages


def test_commendation_is_recorded_with_its_document(ready: Any, personas: Any) -> None:
    candidate = ready()
    made = services.commend(
        candidate=candidate,
        title="优秀后备干部",
        document="吴村镇党委〔2026〕20号",
        awarded_on=timezone.localdate(),
        note="",
        actor=personas["town"],
    )
    assert made.document == "吴村镇党委〔2026〕20号"
    assert candidate.events.filter(action="表彰：优秀后备干部").exists()


def test_a_proposal_made_during_practice_waits_for_its_end(ready: Any, personas: Any) -> None:
    from houbei.cultivation.models import Placement

    candidate = ready()
    end = timezone.localdate() + dt.timedelta(days=5)
    Placement.objects.filter(candidate=candidate).update(planned_end=end)
    appointment = _propose(candidate, personas)
    with pytest.raises(ValidationError, match=f"实岗锻炼：尚未期满（至 {end:%Y-%m-%d}）"):
        services.decide_appointment(
            appointment=appointment, approve=True, note="", actor=personas["leader"]
        )
