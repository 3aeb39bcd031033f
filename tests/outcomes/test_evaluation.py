"""The scored evaluation: the formula, the pass line, and old scores keeping their rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from houbei.outcomes import services


def _evaluate(candidate: Any, personas: Any) -> Any:
    return services.evaluate(
        candidate=candidate, evaluated_on=timezone.localdate(), actor=personas["town"]
    )


def test_a_placed_trainee_is_scored_by_the_weighted_formula(placed: Any, personas: Any) -> None:
    candidate = placed(exam=80, mentor="优秀", meeting="良好")
    evaluation = _evaluate(candidate, personas)
    # attendance 30/30 = 100, exam 80/100 = 80, mentor 优秀 = 100, meeting 良好 = 66.7 (of 4 steps)
    assert evaluation.components == {
        "attendance": "100.0",
        "exam": "80.0",
        "mentor": "100.0",
        "meeting": "66.7",
    }
    # 100×20% + 80×30% + 100×30% + 66.7×20% = 20 + 24 + 30 + 13.34 = 87.3
    assert evaluation.total == Decimal("87.3")
    assert evaluation.passed
    assert "出勤学时×20%" in evaluation.formula and "60 分及以上为合格" in evaluation.formula
    candidate.refresh_from_db()
    assert candidate.stage == "evaluated"


def test_a_score_below_the_pass_line_leaves_the_candidate_placed(
    placed: Any, personas: Any
) -> None:
    candidate = placed(exam=60, mentor="较差", meeting="较差")
    evaluation = _evaluate(candidate, personas)
    # 100×20% + 60×30% + 0 + 0 = 38
    assert evaluation.total == Decimal("38.0")
    assert not evaluation.passed
    candidate.refresh_from_db()
    assert candidate.stage == "placed"
    assert candidate.events.filter(action="综合评分不合格").exists()


def test_a_candidate_not_placed_cannot_be_scored(walk: Any, personas: Any) -> None:
    from django.core.exceptions import ValidationError

    candidate = walk("pooled")
    with pytest.raises(ValidationError, match="只适用于实岗锻炼阶段"):
        _evaluate(candidate, personas)


def test_changing_a_weight_affects_new_scores_only(
    placed: Any, personas: Any, election_round: Any
) -> None:
    from houbei.rounds.services import current_rules
    from houbei.rulebook.services import save_section

    first = placed(exam=80, mentor="优秀", meeting="良好")
    old = _evaluate(first, personas)
    rules = current_rules(election_round).rules
    section = {**rules["evaluation"], "pass_line": 90}
    section["weights"] = {"attendance": 10, "exam": 60, "mentor": 20, "meeting": 10}
    save_section(
        election_round,
        name="evaluation",
        value=section,
        base_version=1,
        source_document="县委组织部通知",
        note="",
        actor=personas["county"],
    )
    second = placed(exam=80, mentor="优秀", meeting="良好", name="李四")
    new = _evaluate(second, personas)
    old.refresh_from_db()
    assert old.total == Decimal("87.3") and old.passed and old.rule_set.version == 1
    assert "出勤学时×20%" in old.formula
    # 100×10% + 80×60% + 100×20% + 66.7×10% = 10 + 48 + 20 + 6.67 = 84.7, under 90
    assert new.total == Decimal("84.7") and not new.passed
    assert new.rule_set.version == 2 and "结业测试×60%" in new.formula


def test_weights_must_sum_to_a_hundred() -> None:
    from houbei.outcomes.defaults import EVALUATION
    from houbei.outcomes.rules import validate_evaluation

    bad = {**EVALUATION, "weights": {"attendance": 20, "exam": 30, "mentor": 30, "meeting": 30}}
    assert validate_evaluation(bad) == ["各项权重之和应为 100，现为 110"]
    assert validate_evaluation(EVALUATION) == []
