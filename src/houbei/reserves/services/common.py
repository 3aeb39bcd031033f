"""What every reserve service shares: the rules in force, the timeline, the stage move."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from houbei.accounts.types import Actor, acting_user
from houbei.lib.locking import claim_version
from houbei.reserves.models import Candidate, CandidateEvent
from houbei.rounds.models import RuleSet
from houbei.rounds.services import current_rules


class GuardError(ValidationError):
    """A move refused by its guards; the messages are the blockers the page showed."""


def rules_for(candidate: Candidate) -> RuleSet:
    return current_rules(candidate.election_round)


def refuse_if(blockers: list[str]) -> None:
    if blockers:
        raise GuardError(blockers)


def claim(candidate: Candidate, version: int | None) -> None:
    """Optimistic lock: the candidate must still be at `version`; bumps it."""
    claim_version(candidate, version, "该后备人选已被他人修改，请刷新页面后重试。")


def log_event(
    candidate: Candidate,
    *,
    action: str,
    actor: Actor | None,
    rule_set: RuleSet | None,
    note: str = "",
    to_stage: str = "",
    from_stage: str = "",
) -> CandidateEvent:
    return CandidateEvent.objects.create(
        candidate=candidate,
        action=action,
        from_stage=from_stage,
        to_stage=to_stage,
        actor=acting_user(actor),
        rule_set=rule_set,
        note=note,
    )


def move(
    candidate: Candidate,
    *,
    to_stage: str,
    action: str,
    actor: Actor | None,
    rule_set: RuleSet | None,
    note: str = "",
    fields: dict[str, Any] | None = None,
) -> CandidateEvent:
    """Sets the stage (and any other fields), saving only what changed, and logs the move."""
    from_stage = candidate.stage
    candidate.stage = to_stage
    for name, value in (fields or {}).items():
        setattr(candidate, name, value)
    candidate.save(update_fields=["stage", "updated_at", *(fields or {})])
    return log_event(
        candidate,
        action=action,
        actor=actor,
        rule_set=rule_set,
        note=note,
        from_stage=from_stage,
        to_stage=to_stage,
    )
