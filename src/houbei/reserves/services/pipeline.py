"""The candidate's way to the pool: one service per move, each guarded, logged and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from houbei.accounts.types import Actor, acting_user
from houbei.audit import record
from houbei.people.models import Person
from houbei.people.services import create_person
from houbei.regions.models import Region
from houbei.reserves.models import (
    Candidate,
    Interview,
    JointReview,
    PoliticalScreening,
    RecommendationVote,
    ScreeningResult,
    Stage,
)
from houbei.reserves.rules import departments, reserve_rules, vote_result
from houbei.reserves.services.common import (
    claim,
    log_event,
    move,
    refuse_if,
    rules_for,
)
from houbei.reserves.services.guards import move_blockers, nominate_blockers
from houbei.rounds.models import ElectionRound
from houbei.rounds.services import current_rules


@transaction.atomic
def nominate(
    *,
    person: Person,
    village: Region,
    election_round: ElectionRound,
    target_post: str,
    source: str,
    background: str,
    actor: Actor | None,
    note: str = "",
) -> Candidate:
    """摸排提名: age and education at the round's cut-off date, no 不能 fact, one candidacy."""
    refuse_if(
        nominate_blockers(
            person=person, village=village, election_round=election_round, target_post=target_post
        )
    )
    candidate = Candidate.objects.create(
        person=person,
        village=village,
        election_round=election_round,
        target_post=target_post,
        source=source,
        background=background,
        note=note,
    )
    rule_set = current_rules(election_round)
    log_event(
        candidate,
        action="提名",
        actor=actor,
        rule_set=rule_set,
        note=note,
        to_stage=Stage.NOMINATED,
    )
    changes = {"person": person.pk, "target_post": target_post, "version": rule_set.version}
    record(actor, "reserves.candidate.nominated", candidate, {**changes, "source": source})
    return candidate


@transaction.atomic
def nominate_new_person(
    *, person_fields: dict[str, Any], actor: Actor, **nomination: Any
) -> Candidate:
    """A person not yet on file, registered through the people services, then nominated."""
    person = create_person(fields=person_fields, actor=actor)
    return nominate(person=person, actor=actor, **nomination)


@transaction.atomic
def record_interview(
    candidate: Candidate,
    *,
    kind: str,
    held_on: dt.date,
    participants: int,
    summary: str,
    actor: Actor | None,
) -> Interview:
    refuse_if(move_blockers(candidate, "interview"))
    rule_set = rules_for(candidate)
    interview = Interview.objects.create(
        candidate=candidate,
        kind=kind,
        held_on=held_on,
        participants=participants,
        summary=summary,
        recorded_by=acting_user(actor),
        rule_set=rule_set,
    )
    log_event(
        candidate, action=f"记录{interview.get_kind_display()}", actor=actor, rule_set=rule_set
    )
    record(actor, "reserves.interview.recorded", interview, {"kind": kind, "held_on": held_on})
    return interview


@transaction.atomic
def record_screening(
    candidate: Candidate,
    *,
    result: str,
    screened_on: dt.date,
    findings: str,
    actor: Actor | None,
    version: int | None = None,
) -> PoliticalScreening:
    """政治筛查: a pass moves the candidate on; a fail is recorded and the candidate waits for
    removal."""
    refuse_if(move_blockers(candidate, "screen"))
    claim(candidate, version)
    rule_set = rules_for(candidate)
    screening = PoliticalScreening(
        candidate=candidate,
        result=result,
        screened_on=screened_on,
        recorded_by=acting_user(actor),
        rule_set=rule_set,
    )
    screening.findings = findings
    screening.save()
    if result == ScreeningResult.PASSED:
        move(
            candidate,
            to_stage=Stage.SCREENED,
            action="政治筛查合格",
            actor=actor,
            rule_set=rule_set,
        )
    else:
        log_event(candidate, action="政治筛查不合格", actor=actor, rule_set=rule_set)
    record(
        actor,
        "reserves.screening.recorded",
        screening,
        {"result": result, "version": rule_set.version},
    )
    return screening


@transaction.atomic
def record_vote(
    candidate: Candidate,
    *,
    meeting_type: str,
    held_on: dt.date,
    eligible: int,
    attended: int,
    votes_for: int,
    votes_against: int,
    abstentions: int,
    actor: Actor | None,
    version: int | None = None,
) -> RecommendationVote:
    """民主推荐: counted under the round's pass rule; a pass moves the candidate on."""
    refuse_if(move_blockers(candidate, "vote"))
    claim(candidate, version)
    rule_set = rules_for(candidate)
    counts = {"eligible": eligible, "attended": attended, "votes_for": votes_for}
    counts |= {"votes_against": votes_against, "abstentions": abstentions}
    passed, explanation = vote_result(
        reserve_rules(rule_set).recommendation, meeting_type=meeting_type, **counts
    )
    vote = RecommendationVote.objects.create(
        candidate=candidate,
        meeting_type=meeting_type,
        held_on=held_on,
        passed=passed,
        explanation=explanation,
        recorded_by=acting_user(actor),
        rule_set=rule_set,
        **counts,
    )
    _after_vote(candidate, vote, actor=actor)
    record(
        actor,
        "reserves.vote.recorded",
        vote,
        {**counts, "passed": passed, "version": rule_set.version},
    )
    return vote


def _after_vote(candidate: Candidate, vote: RecommendationVote, *, actor: Actor | None) -> None:
    """A pass moves the candidate on; a fail only lands in the timeline."""
    if vote.passed:
        move(
            candidate,
            to_stage=Stage.RECOMMENDED,
            action="民主推荐通过",
            actor=actor,
            rule_set=vote.rule_set,
            note=vote.explanation,
        )
        return
    log_event(
        candidate,
        action="民主推荐未通过",
        actor=actor,
        rule_set=vote.rule_set,
        note=vote.explanation,
    )


@transaction.atomic
def send_to_review(
    candidate: Candidate, *, actor: Actor, version: int | None = None
) -> list[JointReview]:
    """资格联审: one pending opinion for every department the round names."""
    refuse_if(move_blockers(candidate, "send"))
    claim(candidate, version)
    rule_set = rules_for(candidate)
    reviews = JointReview.objects.bulk_create(
        JointReview(
            candidate=candidate, department=d.code, department_name=d.name, rule_set=rule_set
        )
        for d in departments(rule_set)
    )
    names = "、".join(r.department_name for r in reviews)
    move(
        candidate,
        to_stage=Stage.REVIEWED,
        action="送资格联审",
        actor=actor,
        rule_set=rule_set,
        note=names,
    )
    record(
        actor,
        "reserves.candidate.sent_to_review",
        candidate,
        {"departments": [r.department for r in reviews], "version": rule_set.version},
    )
    return reviews
