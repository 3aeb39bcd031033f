"""The cultivation rule section: its default, its validator and its typed view."""

from __future__ import annotations

import copy
from fractions import Fraction
from typing import Any

from houbei.cultivation import defaults
from houbei.cultivation.rules import cultivation_rules, validate_cultivation
from houbei.rulebook.registry import BY_NAME, default_rules, validate_rules


def _value(**changes: Any) -> dict[str, Any]:
    value = copy.deepcopy(defaults.CULTIVATION)
    value.update(changes)
    return value


def test_the_default_is_valid_and_joined_in_the_rulebook() -> None:
    assert validate_cultivation(_value()) == []
    assert "cultivation" in BY_NAME
    assert "cultivation" not in validate_rules(default_rules())


def test_the_default_leave_limit_is_one_seventh_of_the_hours() -> None:
    rules = cultivation_rules({"cultivation": _value()})
    assert rules.leave_limit == Fraction(1, 7)
    assert rules.over_leave_limit(5, 30)  # 5 > 30/7 = 4.28
    assert not rules.over_leave_limit(4, 30)
    assert rules.practice_days == 60
    assert "信访" in rules.duty_areas


def test_a_rule_set_predating_the_section_reads_the_default() -> None:
    assert cultivation_rules({}).pass_mark == defaults.CULTIVATION["pass_mark"]


def test_the_validator_answers_in_chinese_at_the_field() -> None:
    assert any("请假上限" in m for m in validate_cultivation(_value(leave_limit="2")))
    assert any("请假上限" in m for m in validate_cultivation(_value(leave_limit="七分之一")))
    assert validate_cultivation(_value(leave_limit=0.2)) == []
    assert validate_cultivation(_value(pass_mark=120)) == ["及格分不应高于满分"]
    assert any("resit_allowed" in m for m in validate_cultivation(_value(resit_allowed="是")))
    assert any("带教评价等次" in m for m in validate_cultivation(_value(mentor_scale=["好"])))
    assert any("重复" in m for m in validate_cultivation(_value(duty_areas=["党建", "党建"])))
    assert any("缺少“practice_days”" in m for m in validate_cultivation({"source": "x"}))
    assert any("依据" in m for m in validate_cultivation(_value(source="")))
