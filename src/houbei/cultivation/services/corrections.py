"""Correcting and voiding the records of a practice post (decision 0028).

A work log (工作纪实) is corrected through its own form, with a reason, or voided. A mentor's
monthly rating counts in the scored evaluation: it is never corrected, only voided (then the
month can be rated again), and not once the candidate's evaluation has been made on it. A test
result (结业测试) is voided too: a voided pass takes a 培训合格 candidate back to 入库 and the
attempt can be entered again.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit.corrections import correct, void
from houbei.cultivation.models import (
    ExamResult,
    MentorRating,
    ProposalGround,
    ProposalStatus,
    WorkLog,
)
from houbei.reserves.models import PIPELINE, Stage
from houbei.reserves.services.common import log_event
from houbei.reserves.services.corrections import step_back

_RELATED = ("placement", "placement__candidate")


@transaction.atomic
def correct_work_log(
    log: WorkLog, *, logged_on: dt.date, text: str, reason: str, actor: Actor
) -> WorkLog:
    found = WorkLog.objects.select_for_update(of=("self",)).select_related(*_RELATED).get(pk=log.pk)
    if not text.strip():
        raise ValidationError({"text": "请填写工作内容"})
    if logged_on < found.placement.starts_on:
        raise ValidationError({"logged_on": "日期不应早于实岗锻炼开始日期"})
    fields = {"logged_on": logged_on, "text": text.strip()}
    correct(
        found, fields=fields, reason=reason, actor=actor, action="cultivation.worklog.corrected"
    )
    return found


@transaction.atomic
def void_work_log(log: WorkLog, *, reason: str, actor: Actor) -> WorkLog:
    found = WorkLog.objects.select_for_update(of=("self",)).get(pk=log.pk)
    void(found, reason=reason, actor=actor, action="cultivation.worklog.voided")
    return found


@transaction.atomic
def void_mentor_rating(rating: MentorRating, *, reason: str, actor: Actor) -> MentorRating:
    found = (
        MentorRating.objects.select_for_update(of=("self",))
        .select_related(*_RELATED)
        .get(pk=rating.pk)
    )
    candidate = found.placement.candidate
    stage = Stage(candidate.stage)
    if stage != Stage.REMOVED and PIPELINE.index(stage) >= PIPELINE.index(Stage.EVALUATED):
        raise ValidationError(
            f"该人选的综合评分已据此作出（当前阶段：{stage.label}），带教评价不能作废"
        )
    extra = {"month": found.month, "rating": found.rating}
    void(found, reason=reason, actor=actor, action="cultivation.mentor.voided", extra=extra)
    log_event(
        candidate,
        action=f"作废带教评价 {found.month:%Y年%m月}",
        actor=actor,
        rule_set=found.rule_set,
        note=reason,
    )
    return found


@transaction.atomic
def void_exam(result: ExamResult, *, reason: str, actor: Actor) -> ExamResult:
    """A failed result that already proposed the trainee's removal stays (the proposal is
    decided on it: the leader rejects the proposal first)."""
    found = (
        ExamResult.objects.select_for_update(of=("self",))
        .select_related("trainee", "trainee__candidate")
        .get(pk=result.pk)
    )
    trainee = found.trainee
    if not found.passed:
        proposed = trainee.proposals.filter(ground=ProposalGround.FAILED_EXAM)
        if proposed.exclude(status=ProposalStatus.REJECTED).exists():
            raise ValidationError("已据此成绩提请调整出列，须先处理该提请，成绩不能作废")
    candidate = trainee.candidate
    if found.passed and found.voided_at is None and candidate is not None:
        others = ExamResult.objects.valid().filter(trainee=trainee, passed=True)
        if not others.exclude(pk=found.pk).exists():
            step_back(
                candidate,
                stage=Stage.TRAINED,
                back_to=Stage.POOLED,
                what="结业测试成绩",
                reason=reason,
                actor=actor,
            )
    extra = {"attempt": found.attempt, "score": str(found.score), "passed": found.passed}
    void(found, reason=reason, actor=actor, action="cultivation.exam.voided", extra=extra)
    if candidate is not None:
        log_event(
            candidate,
            action=f"作废第{found.attempt}次测试成绩",
            actor=actor,
            rule_set=found.rule_set,
            note=reason,
        )
    return found
