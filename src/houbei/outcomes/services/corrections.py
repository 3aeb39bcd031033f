"""Voiding an evaluation or a poll (decision 0028): never corrected, since the candidate's
stage was decided on them; voided, the candidate steps back and a new one is made."""

from __future__ import annotations

from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit.corrections import void
from houbei.outcomes.models import Evaluation, Poll, PollStatus
from houbei.reserves.models import Stage
from houbei.reserves.services.common import log_event
from houbei.reserves.services.corrections import step_back


@transaction.atomic
def void_evaluation(evaluation: Evaluation, *, reason: str, actor: Actor) -> Evaluation:
    found = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("candidate")
        .get(pk=evaluation.pk)
    )
    candidate = found.candidate
    if found.passed and found.voided_at is None:
        others = Evaluation.objects.valid().filter(candidate=candidate, passed=True)
        if not others.exclude(pk=found.pk).exists():
            step_back(
                candidate,
                stage=Stage.EVALUATED,
                back_to=Stage.PLACED,
                what="综合评分",
                reason=reason,
                actor=actor,
            )
    extra = {"total": str(found.total), "passed": found.passed}
    void(found, reason=reason, actor=actor, action="outcomes.evaluation.voided", extra=extra)
    log_event(candidate, action="作废综合评分", actor=actor, rule_set=found.rule_set, note=reason)
    return found


@transaction.atomic
def void_poll(poll: Poll, *, reason: str, actor: Actor) -> Poll:
    """A poll still running is voided too (opened in error): it takes no more ballots."""
    found = Poll.objects.select_for_update(of=("self",)).select_related("candidate").get(pk=poll.pk)
    candidate = found.candidate
    counted = found.status == PollStatus.CLOSED and found.passed and not found.void
    if counted and found.voided_at is None:
        others = Poll.objects.valid().filter(
            candidate=candidate, status=PollStatus.CLOSED, passed=True, void=False
        )
        if not others.exclude(pk=found.pk).exists():
            step_back(
                candidate,
                stage=Stage.POLLED,
                back_to=Stage.EVALUATED,
                what="民意测评结果",
                reason=reason,
                actor=actor,
            )
    extra = {"status": found.status, "passed": found.passed}
    void(found, reason=reason, actor=actor, action="outcomes.poll.voided", extra=extra)
    log_event(candidate, action="作废民意测评", actor=actor, rule_set=found.rule_set, note=reason)
    return found
