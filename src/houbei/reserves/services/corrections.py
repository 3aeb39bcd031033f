"""Correcting and voiding the candidate's records and talks (decision 0028).

docs/decisions/0028-record-corrections.md says which records are corrected and which voided.

Interviews and talks are corrected through their own form; a screening and a recommendation vote
are never corrected (their result is what the candidate's stage was decided on): they are voided,
and a new one is entered. Voiding a result the candidate moved on with moves the candidate back
in the same transaction, or is refused when the candidate has gone further.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from houbei.accounts.types import Actor
from houbei.audit.corrections import Hook, correct, void_record
from houbei.people.models import Person
from houbei.reserves.models import (
    PIPELINE,
    Candidate,
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


def _only_interview(found: Interview) -> str | None:
    """A screening needs an interview: the last one of a candidate screened since stays."""
    candidate = found.candidate
    others = Interview.objects.valid().filter(candidate=candidate).exclude(pk=found.pk)
    if candidate.stage in (Stage.NOMINATED, Stage.REMOVED) or others.exists():
        return None
    return (
        f"该人选已据此进入“{candidate.get_stage_display()}”阶段，不能作废唯一的走访座谈记录；"
        "请先补录走访座谈，再作废此条"
    )


def timeline(action: str | Callable[[Any], str]) -> Hook:
    """The `after` hook of a record of the candidate's: an event in the candidate's timeline
    (`candidate` reached through `record.candidate`, or `placement`/`trainee`)."""

    def hook(found: Any, reason: str, actor: Actor | None) -> None:
        candidate = candidate_of(found)
        if candidate is not None:
            text = action(found) if callable(action) else action
            log_event(candidate, action=text, actor=actor, rule_set=found.rule_set, note=reason)

    return hook


def candidate_of(found: Any) -> Candidate | None:
    if hasattr(found, "placement_id"):
        return found.placement.candidate  # type: ignore[no-any-return]
    if hasattr(found, "trainee_id"):
        return found.trainee.candidate  # type: ignore[no-any-return]
    return found.candidate  # type: ignore[no-any-return]


@dataclass(frozen=True)
class StepBack:
    """The hooks of a result the candidate moved on with (a pass): voiding the only counted one
    moves a candidate at `stage` back to `back_to`, and is refused once the candidate went
    further (a later step was decided on it; the way back is 调整出列)."""

    stage: str
    back_to: str
    what: str  # the result, as the messages and the timeline name it
    counted: Callable[[Any], bool]  # the record is a counted pass
    others: Callable[[Any], QuerySet[Any]]  # the other valid counted passes of its candidate

    def _moved_on(self, found: Any) -> Candidate | None:
        candidate = candidate_of(found)
        if candidate is None or not self.counted(found):
            return None
        if self.others(found).exclude(pk=found.pk).exists():
            return None
        current = Stage(candidate.stage)
        if current == Stage.REMOVED or PIPELINE.index(current) < PIPELINE.index(Stage(self.stage)):
            return None
        return candidate

    def later_decided(self, found: Any) -> str | None:
        candidate = self._moved_on(found)
        if candidate is None or candidate.stage == self.stage:
            return None
        return (
            f"该人选已据此进入“{Stage(candidate.stage).label}”阶段，{self.what}不能作废；"
            "如结论确有错误，请按程序调整出列"
        )

    def step_back(self, found: Any, reason: str, actor: Actor | None) -> None:
        candidate = self._moved_on(found)
        if candidate is None:
            return
        claim(candidate, None)
        move(
            candidate,
            to_stage=self.back_to,
            action=f"{self.what}作废，退回“{Stage(self.back_to).label}”",
            actor=actor,
            rule_set=rules_for(candidate),
            note=reason,
        )

    def hooks(self) -> dict[str, Any]:
        return {"later_decided": self.later_decided, "step_back": self.step_back}


SCREENING_BACK = StepBack(
    stage=Stage.SCREENED,
    back_to=Stage.NOMINATED,
    what="政治筛查结论",
    counted=lambda found: found.result == ScreeningResult.PASSED,
    others=lambda found: PoliticalScreening.objects.valid().filter(
        candidate=found.candidate_id, result=ScreeningResult.PASSED
    ),
)
VOTE_BACK = StepBack(
    stage=Stage.RECOMMENDED,
    back_to=Stage.SCREENED,
    what="民主推荐结果",
    counted=lambda found: found.passed,
    others=lambda found: RecommendationVote.objects.valid().filter(
        candidate=found.candidate_id, passed=True
    ),
)


def void_interview(interview: Interview, *, reason: str, actor: Actor) -> Interview:
    return void_record(
        interview,
        reason,
        actor=actor,
        action="reserves.interview.voided",
        related=("candidate",),
        later_decided=_only_interview,
        after=timeline("作废走访座谈记录"),
    )


def void_screening(screening: PoliticalScreening, *, reason: str, actor: Actor) -> None:
    # The result is recorded (every viewer of the record sees it); the findings never are.
    void_record(
        screening,
        reason,
        actor=actor,
        action="reserves.screening.voided",
        related=("candidate",),
        **SCREENING_BACK.hooks(),
        extra=lambda found: {"result": found.result, "screened_on": found.screened_on},
        after=timeline("作废政治筛查记录"),
    )


def void_vote(vote: RecommendationVote, *, reason: str, actor: Actor) -> None:
    void_record(
        vote,
        reason,
        actor=actor,
        action="reserves.vote.voided",
        related=("candidate",),
        **VOTE_BACK.hooks(),
        extra=lambda found: {
            "eligible": found.eligible,
            "attended": found.attended,
            "votes_for": found.votes_for,
            "passed": found.passed,
            "held_on": found.held_on,
        },
        after=timeline("作废民主推荐记录"),
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


def void_talk(talk: Talk, *, reason: str, actor: Actor) -> Talk:
    return void_record(talk, reason, actor=actor, action="reserves.talk.voided")
