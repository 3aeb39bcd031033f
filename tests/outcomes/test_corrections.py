"""Voiding evaluations and polls (decision 0028, issue 13 §6): kept, marked, left out of the
guards; the candidate steps back and a new one is made."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.outcomes import services
from houbei.outcomes.models import Evaluation, Poll
from houbei.outcomes.services import corrections
from houbei.outcomes.services.guards import poll_blockers, readiness_blockers

pytestmark = pytest.mark.django_db


def test_voiding_the_evaluation_moves_the_candidate_back_and_a_new_one_is_made(
    client: Any, placed: Any, personas: Any
) -> None:
    candidate = placed()
    evaluation = services.evaluate(
        candidate=candidate, evaluated_on=timezone.localdate(), actor=personas["town"]
    )
    client.force_login(personas["leader"])

    response = client.post(
        f"/outcomes/evaluations/{evaluation.pk}/void/", {"void-reason": "测试成绩录错后重算"}
    )

    assert response.status_code == 302
    candidate.refresh_from_db()
    evaluation.refresh_from_db()
    assert candidate.stage == "placed" and evaluation.is_void
    assert "综合评分：尚无合格的评分" in readiness_blockers(candidate)
    page = client.get(f"/outcomes/candidates/{candidate.pk}/").content.decode()
    assert "已作废：测试成绩录错后重算" in page
    history = client.get(f"/outcomes/evaluations/{evaluation.pk}/record/").content.decode()
    assert "作废综合评分" in history and "测试成绩录错后重算" in history

    services.evaluate(
        candidate=candidate, evaluated_on=timezone.localdate(), actor=personas["town"]
    )
    candidate.refresh_from_db()
    assert candidate.stage == "evaluated"
    assert Evaluation.objects.valid().filter(candidate=candidate).count() == 1


def test_voiding_the_poll_moves_the_candidate_back_and_a_new_poll_can_be_opened(
    client: Any, ready: Any, personas: Any, paper_poll: Any
) -> None:
    candidate = ready()
    poll = Poll.objects.get(candidate=candidate)
    client.force_login(personas["leader"])

    client.post(f"/outcomes/polls/{poll.pk}/void/", {"void-reason": "计票单位搞错重新测评"})

    candidate.refresh_from_db()
    assert candidate.stage == "evaluated"
    assert "民意测评：尚无通过的测评" in readiness_blockers(candidate)
    assert (
        AuditEntry.objects.get(action="outcomes.poll.voided").changes["reason"]
        == "计票单位搞错重新测评"
    )
    paper_poll(candidate)
    candidate.refresh_from_db()
    assert candidate.stage == "polled"


def test_an_evaluation_a_poll_was_made_on_cannot_be_voided(ready: Any, personas: Any) -> None:
    candidate = ready()
    evaluation = Evaluation.objects.get(candidate=candidate)

    with pytest.raises(Exception, match="不能作废"):
        corrections.void_evaluation(evaluation, reason="测试成绩录错", actor=personas["leader"])
    evaluation.refresh_from_db()
    assert evaluation.voided_at is None


def test_a_voided_running_poll_takes_no_tally(placed: Any, personas: Any) -> None:
    candidate = placed()
    services.evaluate(
        candidate=candidate, evaluated_on=timezone.localdate(), actor=personas["town"]
    )
    candidate.refresh_from_db()
    poll = services.open_poll(
        candidate=candidate,
        electorate="party_members",
        scale="satisfaction",
        way="paper",
        held_on=timezone.localdate(),
        eligible=40,
        actor=personas["town"],
    )
    corrections.void_poll(poll, reason="参加范围选错了", actor=personas["leader"])

    with pytest.raises(Exception, match="已作废"):
        services.enter_tally(
            poll=poll,
            issued=38,
            returned=38,
            valid=38,
            invalid=0,
            counts=[30, 5, 3],
            actor=personas["town"],
        )
    candidate.refresh_from_db()
    assert poll_blockers(candidate) == []  # a new poll can be opened


@pytest.mark.parametrize(
    ("role", "status"), [("town", 403), ("liaison", 403), ("county", 403), ("town_b", 404)]
)
def test_only_the_town_leader_in_scope_voids_an_evaluation(
    client: Any, placed: Any, personas: Any, role: str, status: int
) -> None:
    candidate = placed()
    evaluation = services.evaluate(
        candidate=candidate, evaluated_on=timezone.localdate(), actor=personas["town"]
    )
    from houbei.accounts.models import User

    leader_b = User.objects.create_user(
        username="leader_b", password="Test-Passw0rd-2026", role="town_leader",
        region=personas["town_b"].region, full_name="外镇领导",
    )  # fmt: skip
    client.force_login(leader_b if role == "town_b" else personas[role])

    response = client.post(
        f"/outcomes/evaluations/{evaluation.pk}/void/", {"void-reason": "测试成绩录错后重算"}
    )

    assert response.status_code == status
    evaluation.refresh_from_db()
    assert evaluation.voided_at is None


def test_without_a_reason_nothing_is_voided(client: Any, ready: Any, personas: Any) -> None:
    candidate = ready()
    poll = Poll.objects.get(candidate=candidate)
    client.force_login(personas["leader"])

    response = client.post(f"/outcomes/polls/{poll.pk}/void/", {"void-reason": ""})

    assert "请填写理由" in response.content.decode()
    poll.refresh_from_db()
    candidate.refresh_from_db()
    assert poll.voided_at is None and candidate.stage == "polled"


@pytest.mark.parametrize("size", [1, 4])
def test_the_candidate_page_takes_constant_queries(
    client: Any, placed: Any, personas: Any, size: int, django_assert_max_num_queries: Any
) -> None:
    candidate = placed()
    for n in range(size):
        made = services.evaluate(
            candidate=candidate, evaluated_on=timezone.localdate(), actor=personas["town"]
        )
        corrections.void_evaluation(made, reason=f"第{n}次重算评分", actor=personas["leader"])
        candidate.refresh_from_db()
    client.force_login(personas["leader"])

    with django_assert_max_num_queries(23):  # 22 measured at 1 and at 4
        assert client.get(f"/outcomes/candidates/{candidate.pk}/").status_code == 200
