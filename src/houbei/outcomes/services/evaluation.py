"""The scored evaluation (综合评分): a pass moves the candidate to `evaluated`."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from houbei.accounts.types import Actor, acting_user
from houbei.audit import record
from houbei.cultivation.rules import cultivation_rules
from houbei.outcomes import scoring
from houbei.outcomes.models import Evaluation
from houbei.outcomes.rules import evaluation_rules
from houbei.outcomes.services.guards import evaluate_blockers
from houbei.reserves.models import Candidate, Stage
from houbei.reserves.services.common import claim, log_event, move, refuse_if, rules_for


def locked(candidate: Candidate) -> Candidate:
    """The candidate as the database holds it now, locked for the move."""
    return Candidate.objects.select_for_update().select_related("village").get(pk=candidate.pk)


@transaction.atomic
def evaluate(
    *, candidate: Candidate, evaluated_on: dt.date, actor: Actor, note: str = ""
) -> Evaluation:
    """Scores the candidate under the rules in force; the score keeps that version's weights,
    pass line and formula text."""
    candidate = locked(candidate)
    refuse_if(evaluate_blockers(candidate))
    rule_set = rules_for(candidate)
    rules = evaluation_rules(rule_set)
    values = scoring.components(candidate, cultivation_rules(rule_set))
    total = rules.total(values)
    evaluation = Evaluation.objects.create(
        candidate=candidate,
        evaluated_on=evaluated_on,
        components={key: str(value) for key, value in values.items()},
        weights=dict(rules.weights),
        total=total,
        pass_line=rules.pass_line,
        passed=rules.passes(total),
        formula=rules.formula(),
        note=note.strip(),
        rule_set=rule_set,
        recorded_by=acting_user(actor),
    )
    text = f"综合得分 {total} 分，及格线 {rules.pass_line} 分（规则第{rule_set.version}版）"
    if evaluation.passed:
        claim(candidate, None)
        move(
            candidate,
            to_stage=Stage.EVALUATED,
            action="综合评分合格",
            actor=actor,
            rule_set=rule_set,
            note=text,
        )
    else:
        log_event(candidate, action="综合评分不合格", actor=actor, rule_set=rule_set, note=text)
    changes = {"total": str(total), "passed": evaluation.passed, "version": rule_set.version}
    record(actor, "outcomes.evaluation.recorded", evaluation, changes)
    return evaluation
