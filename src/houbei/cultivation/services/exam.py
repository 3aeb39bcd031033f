"""The test (结业测试): one result or many; a pass moves the candidate to `trained`, a final fail
proposes removal with the reason filled in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.cultivation.models import ExamResult, ProposalGround, Trainee
from houbei.cultivation.rules import CultivationRules
from houbei.cultivation.services.common import fresh_candidate, plan_rules, user_of
from houbei.cultivation.services.proposals import propose_removal
from houbei.reserves.models import Stage
from houbei.reserves.services.common import claim, move


def _attempt(trainee: Trainee, rules: CultivationRules) -> int:
    earlier = list(ExamResult.objects.valid().filter(trainee=trainee).order_by("attempt"))
    name = str(trainee.person)
    if any(result.passed for result in earlier):
        raise ValidationError(f"{name}已通过测试")
    if earlier and not rules.resit_allowed:
        raise ValidationError(f"{name}已参加测试，本届规则不允许补考")
    if len(earlier) >= 2:
        raise ValidationError(f"{name}已补考一次，不能再次测试")
    return len(earlier) + 1


@transaction.atomic
def record_exam(*, trainee: Trainee, score: Decimal, taken_on: dt.date, actor: Actor) -> ExamResult:
    """One result, judged by the pass mark of the rule version in force (kept on the result)."""
    rule_set, rules = plan_rules(trainee.plan)
    if not 0 <= score <= rules.max_score:
        raise ValidationError(f"{trainee.person}：成绩应在 0 到 {rules.max_score} 分之间")
    attempt = _attempt(trainee, rules)
    passed = rules.passes(score)
    result = ExamResult.objects.create(
        trainee=trainee,
        attempt=attempt,
        taken_on=taken_on,
        score=score,
        passed=passed,
        rule_set=rule_set,
        recorded_by=user_of(actor),
    )
    changes = {"attempt": attempt, "score": str(score), "passed": passed}
    record(actor, "cultivation.exam.recorded", result, {**changes, "version": rule_set.version})
    _after_exam(result, rules, actor=actor)
    return result


def _after_exam(result: ExamResult, rules: CultivationRules, *, actor: Actor) -> None:
    candidate = fresh_candidate(result.trainee.candidate_id)
    if candidate is None:
        return
    label = "补考" if result.attempt > 1 else "结业测试"
    version = result.rule_set.version
    text = f"{label} {result.score} 分，及格分 {rules.pass_mark} 分（规则第{version}版）"
    if result.passed and candidate.stage == Stage.POOLED:
        claim(candidate, None)
        move(
            candidate,
            to_stage=Stage.TRAINED,
            action="培训合格",
            actor=actor,
            rule_set=result.rule_set,
            note=text,
        )
        record(actor, "cultivation.candidate.trained", candidate, {"exam": result.pk})
    elif not result.passed and (result.attempt > 1 or not rules.resit_allowed):
        propose_removal(
            trainee=result.trainee,
            ground=ProposalGround.FAILED_EXAM,
            note=f"{text}，未及格",
            rule_set=result.rule_set,
            actor=actor,
        )


@transaction.atomic
def record_exams(
    *, results: Iterable[tuple[Trainee, Decimal]], taken_on: dt.date, actor: Actor
) -> list[ExamResult]:
    """Many results at once (a sheet); all or nothing."""
    return [
        record_exam(trainee=trainee, score=score, taken_on=taken_on, actor=actor)
        for trainee, score in results
    ]
