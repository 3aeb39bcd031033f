"""Voiding an evaluation or a poll (decision 0028): never corrected, since the candidate's
stage was decided on them; voided, the candidate steps back and a new one is made. A
commendation (表彰) is corrected: its name, document, date and note, with a reason."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit.corrections import correct, void_record
from houbei.outcomes.models import Commendation, Evaluation, Poll, PollStatus
from houbei.people.forms.fields import refuse_future
from houbei.reserves.models import Stage
from houbei.reserves.services.common import log_event
from houbei.reserves.services.corrections import StepBack, timeline

EVALUATION_BACK = StepBack(
    stage=Stage.EVALUATED,
    back_to=Stage.PLACED,
    what="综合评分",
    counted=lambda found: found.passed,
    others=lambda found: Evaluation.objects.valid().filter(
        candidate=found.candidate_id, passed=True
    ),
)
POLL_BACK = StepBack(
    stage=Stage.POLLED,
    back_to=Stage.EVALUATED,
    what="民意测评结果",
    counted=lambda found: found.status == PollStatus.CLOSED and found.passed and not found.void,
    others=lambda found: Poll.objects.valid().filter(
        candidate=found.candidate_id, status=PollStatus.CLOSED, passed=True, void=False
    ),
)


def void_evaluation(evaluation: Evaluation, *, reason: str, actor: Actor) -> Evaluation:
    return void_record(
        evaluation,
        reason,
        actor=actor,
        action="outcomes.evaluation.voided",
        related=("candidate",),
        **EVALUATION_BACK.hooks(),
        extra=lambda found: {"total": str(found.total), "passed": found.passed},
        after=timeline("作废综合评分"),
    )


def void_poll(poll: Poll, *, reason: str, actor: Actor) -> Poll:
    """A poll still running is voided too (opened in error): it takes no more ballots."""
    return void_record(
        poll,
        reason,
        actor=actor,
        action="outcomes.poll.voided",
        related=("candidate",),
        **POLL_BACK.hooks(),
        extra=lambda found: {"status": found.status, "passed": found.passed},
        after=timeline("作废民意测评"),
    )


@transaction.atomic
def correct_commendation(
    commendation: Commendation,
    *,
    title: str,
    document: str,
    awarded_on: dt.date,
    note: str,
    reason: str,
    actor: Actor,
) -> Commendation:
    """The candidate stays (a commendation of somebody else is a new one)."""
    found = (
        Commendation.objects.select_for_update(of=("self",))
        .select_related("candidate")
        .get(pk=commendation.pk)
    )
    if not title.strip() or not document.strip():
        raise ValidationError({"document": "请填写表彰名称和表彰文件"})
    try:
        refuse_future(awarded_on)
    except ValidationError as error:
        raise ValidationError({"awarded_on": error.messages}) from error
    fields = {
        "title": title.strip(),
        "document": document.strip(),
        "awarded_on": awarded_on,
        "note": note.strip(),
    }
    correct(
        found, fields=fields, reason=reason, actor=actor, action="outcomes.commendation.corrected"
    )
    log_event(
        found.candidate, action=f"更正表彰：{found.title}", actor=actor, rule_set=None, note=reason
    )
    return found
