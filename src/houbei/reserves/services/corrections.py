"""Correcting and voiding the candidate's records and talks (decision 0028).

docs/decisions/0028-record-corrections.md says which records are corrected and which voided.

Interviews and talks are corrected through their own form; a screening and a recommendation vote
are never corrected (their result is what the candidate's stage was decided on): they are voided,
and a new one is entered. Voiding a result the candidate moved on with moves the candidate back
in the same transaction, or is refused when the candidate has gone further.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit.corrections import correct, void
from houbei.people.models import Person
from houbei.reserves.models import (
    Interview,
    PoliticalScreening,
    RecommendationVote,
    ScreeningResult,
    Stage,
    Talk,
)
from houbei.reserves.services.common import claim, log_event, move, rules_for
from houbei.reserves.services.talks import _check

INTERVIEW_FIELDS = ("kind", "held_on", "participants", "summary")
TALK_FIELDS = ("kind", "held_on", "talked_by", "attendees", "topic", "summary", "follow_up")


def _locked(model: type, pk: int) -> object:
    rows = model._default_manager.select_for_update(of=("self",))  # type: ignore[attr-defined]
    return rows.select_related("candidate").get(pk=pk)


@transaction.atomic
def correct_interview(
    interview: Interview,
    *,
    kind: str,
    held_on: dt.date,
    participants: int,
    summary: str,
    reason: str,
    actor: Actor,
) -> Interview:
    found: Interview = _locked(Interview, interview.pk)  # type: ignore[assignment]
    fields = {"kind": kind, "held_on": held_on, "participants": participants, "summary": summary}
    correct(found, fields=fields, reason=reason, actor=actor, action="reserves.interview.corrected")
    log_event(
        found.candidate,
        action="更正走访座谈记录",
        actor=actor,
        rule_set=found.rule_set,
        note=reason,
    )
    return found


@transaction.atomic
def void_interview(interview: Interview, *, reason: str, actor: Actor) -> Interview:
    """A screening needs an interview: the last one of a candidate screened since stays."""
    found: Interview = _locked(Interview, interview.pk)  # type: ignore[assignment]
    candidate = found.candidate
    others = Interview.objects.valid().filter(candidate=candidate).exclude(pk=found.pk)
    if candidate.stage not in (Stage.NOMINATED, Stage.REMOVED) and not others.exists():
        raise ValidationError(
            f"该人选已据此进入“{candidate.get_stage_display()}”阶段，不能作废唯一的走访座谈记录；"
            "请先补录走访座谈，再作废此条"
        )
    void(found, reason=reason, actor=actor, action="reserves.interview.voided")
    log_event(
        candidate, action="作废走访座谈记录", actor=actor, rule_set=found.rule_set, note=reason
    )
    return found


def step_back(
    candidate: object, *, stage: str, back_to: str, what: str, reason: str, actor: Actor
) -> None:
    """The candidate reached `stage` on the voided result: back to `back_to`; refused when the
    candidate has gone further (a later step was decided on it)."""
    from houbei.reserves.models import PIPELINE, Candidate

    assert isinstance(candidate, Candidate)
    current = Stage(candidate.stage)
    if current == Stage.REMOVED or PIPELINE.index(current) < PIPELINE.index(Stage(stage)):
        return
    if current != stage:
        raise ValidationError(
            f"该人选已据此进入“{current.label}”阶段，{what}不能作废；"
            "如结论确有错误，请按程序调整出列"
        )
    claim(candidate, None)
    move(
        candidate,
        to_stage=back_to,
        action=f"{what}作废，退回“{Stage(back_to).label}”",
        actor=actor,
        rule_set=rules_for(candidate),
        note=reason,
    )


@transaction.atomic
def void_screening(screening: PoliticalScreening, *, reason: str, actor: Actor) -> None:
    found: PoliticalScreening = _locked(PoliticalScreening, screening.pk)  # type: ignore[assignment]
    candidate = found.candidate
    if found.result == ScreeningResult.PASSED and found.voided_at is None:
        others = PoliticalScreening.objects.valid().filter(
            candidate=candidate, result=ScreeningResult.PASSED
        )
        if not others.exclude(pk=found.pk).exists():
            step_back(
                candidate,
                stage=Stage.SCREENED,
                back_to=Stage.NOMINATED,
                what="政治筛查结论",
                reason=reason,
                actor=actor,
            )
    # The result is recorded (every viewer of the record sees it); the findings never are.
    extra = {"result": found.result, "screened_on": found.screened_on}
    void(found, reason=reason, actor=actor, action="reserves.screening.voided", extra=extra)
    log_event(
        candidate, action="作废政治筛查记录", actor=actor, rule_set=found.rule_set, note=reason
    )


@transaction.atomic
def void_vote(vote: RecommendationVote, *, reason: str, actor: Actor) -> None:
    found: RecommendationVote = _locked(RecommendationVote, vote.pk)  # type: ignore[assignment]
    candidate = found.candidate
    if found.passed and found.voided_at is None:
        others = RecommendationVote.objects.valid().filter(candidate=candidate, passed=True)
        if not others.exclude(pk=found.pk).exists():
            step_back(
                candidate,
                stage=Stage.RECOMMENDED,
                back_to=Stage.SCREENED,
                what="民主推荐结果",
                reason=reason,
                actor=actor,
            )
    counts = {"eligible": found.eligible, "attended": found.attended, "votes_for": found.votes_for}
    extra = {**counts, "passed": found.passed, "held_on": found.held_on}
    void(found, reason=reason, actor=actor, action="reserves.vote.voided", extra=extra)
    log_event(
        candidate, action="作废民主推荐记录", actor=actor, rule_set=found.rule_set, note=reason
    )


@transaction.atomic
def correct_talk(
    talk: Talk,
    *,
    kind: str,
    held_on: dt.date,
    talked_by: str,
    topic: str,
    summary: str,
    reason: str,
    actor: Actor,
    person: Person | None = None,
    attendees: str = "",
    follow_up: str = "",
) -> Talk:
    """The talk's village and candidate stay (a talk about somebody else is a new talk)."""
    found: Talk = _locked(Talk, talk.pk)  # type: ignore[assignment]
    person = person or (found.candidate.person if found.candidate else None)
    _check(kind=kind, person=person, candidate=found.candidate, attendees=attendees)
    fields = {
        "kind": kind,
        "person": person,
        "held_on": held_on,
        "talked_by": talked_by,
        "attendees": attendees,
        "topic": topic,
        "summary": summary,
        "follow_up": follow_up,
    }
    correct(found, fields=fields, reason=reason, actor=actor, action="reserves.talk.corrected")
    return found


@transaction.atomic
def void_talk(talk: Talk, *, reason: str, actor: Actor) -> Talk:
    found: Talk = _locked(Talk, talk.pk)  # type: ignore[assignment]
    void(found, reason=reason, actor=actor, action="reserves.talk.voided")
    return found
