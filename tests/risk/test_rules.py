"""The default risk rules and their validator (the rules editor checks each edit with it)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from houbei.risk.defaults import RISK
from houbei.risk.rules import DUTIES, MEASURES, POSITIONS, SECTION, validate_risk_section


def _risk() -> dict[str, Any]:
    return copy.deepcopy(RISK)


def test_the_defaults_are_valid_and_weigh_100_points() -> None:
    assert SECTION.validate(SECTION.default) == []
    assert sum(f["weight"] for f in RISK["factors"]) == 100


def test_the_defaults_cover_every_factor_the_design_names() -> None:
    measures = {f["measure"] for f in RISK["factors"]}

    assert measures == {
        "members_short", "secretary_age_margin", "secretary_rating", "team_rating", "conflicts",
        "reserve_bench", "dual_role", "past_trouble", "average_age",
    }  # fmt: skip
    assert measures <= set(MEASURES)


def test_a_round_gets_the_risk_rules_by_default(risk_round: Any) -> None:
    from houbei.rounds.services import current_rules
    from houbei.rulebook.registry import validate_rules

    rules = current_rules(risk_round).rules

    assert rules["risk"] == RISK
    assert "risk" not in validate_rules(rules)


def test_weights_must_add_up_to_100() -> None:
    risk = _risk()
    risk["factors"][0]["weight"] = 20
    risk["factors"][0]["bands"][0]["points"] = 20

    assert validate_risk_section(risk) == ["各评分因素分值合计须为100分，现为105分"]


def test_a_band_cannot_give_more_than_its_weight() -> None:
    risk = _risk()
    risk["factors"][6]["bands"][0]["points"] = 9

    assert validate_risk_section(risk) == ["评分因素“一肩挑人选”第1档：得分须为0至5之间的整数"]


def test_the_last_band_catches_everything_else() -> None:
    risk = _risk()
    risk["factors"][0]["bands"][-1]["min"] = 3

    assert "评分因素“班子完整”：最后一档须为不设上下限的“其他情况”" in validate_risk_section(risk)


RULE = "硬性规则“两委缺额2人及以上且无成熟的书记后备”"
MISTAKES = [
    (lambda r: r["colours"].reverse(), "颜色分档须依次为绿、黄、橙、红四档"),
    (lambda r: r["colours"][1].update(min=90), "且绿＞黄＞橙＞红逐档降低"),
    (lambda r: r["colours"][3].update(min=10), "红色档的最低分须为0"),
    (
        lambda r: r["hard_rules"][0]["all"][0].update(measure="mood"),
        f"{RULE}：条件的指标“mood”不存在",
    ),
    (lambda r: r["hard_rules"][0].update(colour="purple"), f"{RULE}：颜色须为"),
    (lambda r: r["outlook"]["rules"][0].update(outlook="fly"), "去向须为 enter/leave/stay/move"),
    (lambda r: r["responsibility"].pop("red"), "责任矩阵须为红、橙、黄、绿每种颜色指定责任人"),
    (lambda r: r["override"].update(approver_roles=["auditor"]), "颜色调整的审批角色须从"),
]


@pytest.mark.parametrize(("change", "message"), MISTAKES)
def test_mistakes_are_refused_in_chinese(change: Any, message: str) -> None:
    risk = _risk()
    change(risk)

    assert any(message in error for error in validate_risk_section(risk))


def test_the_code_tables_match_the_rules_vocabulary() -> None:
    from houbei.risk.models import Duty, Position

    assert dict(Duty.choices) == DUTIES
    assert dict(Position.choices) == POSITIONS


def test_the_engine_refuses_rules_it_cannot_read() -> None:
    from houbei.risk.engine.scoring import Rules

    risk = _risk()
    risk["hard_rules"][0]["all"][0]["measure"] = "__import__('os')"

    with pytest.raises(ValueError, match="不存在的指标"):
        Rules(risk)
