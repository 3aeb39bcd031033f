"""Every move of the pipeline and its guards, through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from houbei.audit.models import AuditEntry
from houbei.reserves import services
from houbei.reserves.models import CandidateEvent, JointReview, Stage
from houbei.reserves.services import GuardError
from tests.pipeline import pass_reviews

pytestmark = pytest.mark.django_db


def _nominate(person: Any, round_: Any, actor: Any, post: str = "secretary") -> Any:
    return services.nominate(
        person=person,
        village=person.village,
        election_round=round_,
        target_post=post,
        source="self_application",
        background="returning_entrepreneur",
        actor=actor,
    )


def test_nomination_lands_in_the_timeline_and_the_audit_log(
    young: Any, election_round: Any, personas: Any
) -> None:
    candidate = _nominate(young(), election_round, personas["town"])

    event = CandidateEvent.objects.get(candidate=candidate)
    assert candidate.stage == Stage.NOMINATED
    assert event.to_stage == Stage.NOMINATED and event.rule_set.version == 1
    assert AuditEntry.objects.filter(action="reserves.candidate.nominated").count() == 1


def test_nomination_refuses_someone_over_the_age_cap_at_the_cutoff(
    make_person: Any, election_round: Any, personas: Any
) -> None:
    # 46 on 2026-12-31, though 45 on the day of nomination
    person = make_person(birth=dt.date(1980, 6, 1))

    with pytest.raises(GuardError) as refused:
        _nominate(person, election_round, personas["town"])

    assert "超过村党组织书记后备年龄上限 45 周岁" in str(refused.value.messages)


def test_nomination_refuses_too_little_education(
    young: Any, election_round: Any, personas: Any
) -> None:
    with pytest.raises(GuardError) as refused:
        _nominate(young(education="71"), election_round, personas["town"])

    assert any("学历不符" in m for m in refused.value.messages)


def test_one_active_candidacy_per_person_per_round(
    young: Any, election_round: Any, personas: Any
) -> None:
    person = young()
    _nominate(person, election_round, personas["town"])

    with pytest.raises(GuardError, match="已是本届后备人选"):
        _nominate(person, election_round, personas["town"], post="member")


def test_screening_needs_an_interview_first(walk: Any, personas: Any) -> None:
    candidate = walk("nominated")

    assert services.move_blockers(candidate, "screen") == ["尚未记录走访座谈情况"]
    with pytest.raises(GuardError):
        services.record_screening(
            candidate, result="passed", screened_on=dt.date(2026, 3, 1), findings="", actor=None
        )


def test_a_failed_screening_keeps_the_candidate_back(walk: Any, personas: Any) -> None:
    candidate = walk("nominated")
    services.record_interview(
        candidate,
        kind="visit",
        held_on=dt.date(2026, 3, 1),
        participants=3,
        summary="走访",
        actor=None,
    )

    services.record_screening(
        candidate, result="failed", screened_on=dt.date(2026, 3, 2), findings="有问题", actor=None
    )

    candidate.refresh_from_db()
    assert candidate.stage == Stage.NOMINATED
    assert candidate.screenings.get().findings == "有问题"
    assert "有问题" not in candidate.screenings.get().findings_sealed


def test_a_vote_below_the_pass_mark_does_not_recommend(walk: Any) -> None:
    candidate = walk("screened")

    vote = services.record_vote(
        candidate,
        meeting_type="joint",
        held_on=dt.date(2026, 3, 10),
        eligible=40,
        attended=36,
        votes_for=20,
        votes_against=10,
        abstentions=6,
        actor=None,
    )

    candidate.refresh_from_db()
    assert not vote.passed and candidate.stage == Stage.SCREENED
    assert "未超过应到人数 40 的半数" in vote.explanation


def test_a_vote_without_quorum_does_not_count(walk: Any) -> None:
    candidate = walk("screened")

    vote = services.record_vote(
        candidate,
        meeting_type="representatives",
        held_on=dt.date(2026, 3, 10),
        eligible=30,
        attended=18,
        votes_for=18,
        votes_against=0,
        abstentions=0,
        actor=None,
    )

    assert not vote.passed and "会议无效" in vote.explanation


def test_sending_to_review_creates_one_pending_review_per_department(walk: Any) -> None:
    candidate = walk("reviewed")

    reviews = JointReview.objects.filter(candidate=candidate)
    assert reviews.count() == 14
    assert set(reviews.values_list("outcome", flat=True)) == {"pending"}
    assert candidate.stage == Stage.REVIEWED


def test_pooling_waits_for_every_department(walk: Any, personas: Any) -> None:
    candidate = walk("reviewed")
    review = JointReview.objects.get(candidate=candidate, department="police")
    services.record_opinion(review, outcome="passed", note="", actor=None)

    blockers = services.move_blockers(candidate, "pool")

    assert len(blockers) == 1 and "尚未给出意见" in blockers[0] and "公安" not in blockers[0]
    with pytest.raises(GuardError):
        services.pool(candidate, readiness="ready_now", actor=personas["town"])


def test_one_department_saying_no_blocks_the_pool(walk: Any, personas: Any) -> None:
    candidate = walk("reviewed")
    review = JointReview.objects.get(candidate=candidate, department="court")
    services.record_opinion(review, outcome="not_passed", note="失信被执行人", actor=None)
    pass_reviews(candidate)

    assert services.move_blockers(candidate, "pool") == ["联审未通过：法院（失信被执行人）"]


def test_a_complete_review_lets_the_candidate_into_the_pool(walk: Any, personas: Any) -> None:
    candidate = walk("reviewed")
    pass_reviews(candidate)

    services.pool(candidate, readiness="ready_in_round", actor=personas["town"])

    candidate.refresh_from_db()
    assert candidate.stage == Stage.POOLED and candidate.readiness == "ready_in_round"


def test_an_answered_review_cannot_be_answered_again(walk: Any) -> None:
    candidate = walk("reviewed")
    review = JointReview.objects.filter(candidate=candidate).first()
    services.record_opinion(review, outcome="passed", note="", actor=None)

    with pytest.raises(Exception, match="已给出意见"):
        services.record_opinion(review, outcome="not_passed", note="改主意", actor=None)


def test_only_the_departments_reviewer_records_its_opinion(walk: Any, personas: Any) -> None:
    candidate = walk("reviewed")
    court = JointReview.objects.get(candidate=candidate, department="court")
    police = JointReview.objects.get(candidate=candidate, department="police")

    with pytest.raises(Exception, match="只有该部门"):
        services.record_opinion(court, outcome="passed", note="", actor=personas["reviewer"])
    with pytest.raises(Exception, match="只有该部门"):
        services.record_opinion(police, outcome="passed", note="", actor=personas["town"])
    services.record_opinion(police, outcome="passed", note="", actor=personas["reviewer"])


def test_rank_and_emergency_successor_are_unique_per_post_and_village(
    walk: Any, personas: Any
) -> None:
    first, second = walk("pooled"), walk("pooled")
    services.set_standing(
        first, readiness="ready_now", rank=1, emergency_successor=True, actor=None
    )

    with pytest.raises(Exception) as refused:
        services.set_standing(
            second, readiness="ready_now", rank=1, emergency_successor=True, actor=None
        )

    assert "已排第 1 位" in str(refused.value) and "应急接替人选" in str(refused.value)


def test_removal_works_from_any_stage_and_needs_a_reason(walk: Any, personas: Any) -> None:
    for stage in ("nominated", "recommended", "pooled"):
        candidate = walk(stage)
        with pytest.raises(Exception, match="出列说明"):
            services.remove(candidate, reason="withdrew", note=" ", actor=personas["town"])
        services.remove(candidate, reason="withdrew", note="外出经商", actor=personas["town"])
        candidate.refresh_from_db()
        assert candidate.stage == Stage.REMOVED and candidate.removal_reason == "withdrew"


def test_a_removed_candidate_can_be_nominated_again(walk: Any, election_round: Any) -> None:
    candidate = walk("nominated")
    services.remove(candidate, reason="other", note="重新提名", actor=None)

    again = _nominate(candidate.person, election_round, None, post="member")

    assert again.pk != candidate.pk


def test_the_second_of_two_edits_from_the_same_version_is_a_conflict(walk: Any) -> None:
    from houbei.reserves.models import Candidate

    candidate = walk("pooled")
    first, second = Candidate.objects.get(pk=candidate.pk), Candidate.objects.get(pk=candidate.pk)
    opened = first.version
    services.set_standing(
        first,
        readiness="developing",
        rank=None,
        emergency_successor=False,
        actor=None,
        version=opened,
    )

    with pytest.raises(services.ConflictError):
        services.set_standing(
            second,
            readiness="ready_now",
            rank=1,
            emergency_successor=True,
            actor=None,
            version=opened,
        )
    assert Candidate.objects.get(pk=candidate.pk).readiness == "developing"
