"""The cultivation section of a round's rules (培养先行): its spec, the typed view services
receive (`cultivation_rules`) and the validator that guards edits.

Defaults live in cultivation/defaults.py (docs/domain.md §6.11); a county edits them per round.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from houbei.cultivation import defaults
from houbei.rounds.sections import (
    Field,
    Section,
    need_dict,
    need_int,
    need_source,
    parsed,
    source_field,
)

if TYPE_CHECKING:
    from houbei.rounds.models import RuleSet

KEYS = (
    "required_hours",
    "leave_limit",
    "pass_mark",
    "max_score",
    "resit_allowed",
    "practice_days",
    "duty_areas",
    "mentor_scale",
    "source",
)


@dataclass(frozen=True)
class CultivationRules:
    """The cultivation section of one rule set, read once."""

    required_hours: int
    leave_limit: Fraction  # the share of the plan's hours a trainee may miss
    pass_mark: int
    max_score: int
    resit_allowed: bool
    practice_days: int
    duty_areas: tuple[str, ...]
    mentor_scale: tuple[str, ...]  # best first
    source: str

    def over_leave_limit(self, missed_hours: Any, total_hours: Any) -> bool:
        """More than the limit's share of the plan's hours missed (leave and absence)."""
        return Fraction(str(missed_hours)) > self.leave_limit * Fraction(str(total_hours))

    def passes(self, score: Any) -> bool:
        return Fraction(str(score)) >= self.pass_mark


def parse_share(value: Any) -> Fraction:
    """ "1/7", 0.142857 or "0.25" as a fraction; ValueError when not a share."""
    if isinstance(value, bool):
        raise ValueError(value)
    share = Fraction(str(value).strip())
    if not 0 <= share <= 1:
        raise ValueError(value)
    return share


def _parse(rules: Mapping[str, Any]) -> CultivationRules:
    value = SECTION.value_in(rules)
    return CultivationRules(
        required_hours=value["required_hours"],
        leave_limit=parse_share(value["leave_limit"]),
        pass_mark=value["pass_mark"],
        max_score=value["max_score"],
        resit_allowed=value["resit_allowed"],
        practice_days=value["practice_days"],
        duty_areas=tuple(value["duty_areas"]),
        mentor_scale=tuple(value["mentor_scale"]),
        source=value["source"],
    )


def cultivation_rules(rules: RuleSet | Mapping[str, Any]) -> CultivationRules:
    """The cultivation section of a rule set (a RuleSet is parsed once per instance)."""
    return parsed(rules, "cultivation", _parse)


def _need_labels(value: Any, name: str, *, at_least: int) -> list[str]:
    if not isinstance(value, list) or len(value) < at_least:
        return [f"“{name}”应为至少 {at_least} 项的文字列表"]
    if not all(isinstance(item, str) and item.strip() for item in value):
        return [f"“{name}”的每一项都应为非空文字"]
    if len(set(value)) != len(value):
        return [f"“{name}”有重复项"]
    if any(len(item) > 20 for item in value):
        return [f"“{name}”的每一项不超过20字"]
    return []


def validate_cultivation(value: Any) -> list[str]:
    errors = need_dict(value, KEYS)
    if errors:
        return errors
    errors += need_int(value["required_hours"], "required_hours（应修学时）", 1, 500)
    try:
        parse_share(value["leave_limit"])
    except (ValueError, ZeroDivisionError, ArithmeticError):
        errors.append(
            f'“leave_limit（请假上限）”应为 0 到 1 之间的比例，如 "1/7" 或 0.2，'
            f"实际为 {value['leave_limit']!r}"
        )
    errors += need_int(value["max_score"], "max_score（满分）", 1, 1000)
    errors += need_int(value["pass_mark"], "pass_mark（及格分）", 0, 1000)
    if not errors and value["pass_mark"] > value["max_score"]:
        errors.append("及格分不应高于满分")
    if not isinstance(value["resit_allowed"], bool):
        errors.append("resit_allowed 应为 true（允许补考一次）或 false（不允许补考）")
    errors += need_int(value["practice_days"], "practice_days（实岗锻炼天数）", 1, 730)
    errors += _need_labels(value["duty_areas"], "duty_areas（岗位分工）", at_least=1)
    errors += _need_labels(value["mentor_scale"], "mentor_scale（带教评价等次）", at_least=2)
    return errors + need_source(value)


RESIT_CHOICES = ((True, "允许补考一次"), (False, "不允许补考"))


def _describe(rules: Mapping[str, Any]) -> list[Field]:
    return [
        Field("required_hours", "应修学时", unit="学时", low=1, high=500),
        Field("leave_limit", "请假上限", "ratio",
              help="请假和缺课累计不得超过计划总学时的比例，如 1/7 或 20%；超过者提请调整出列"),
        Field("pass_mark", "结业测试及格分", unit="分", low=0, high=1000),
        Field("max_score", "结业测试满分", unit="分", low=1, high=1000),
        Field("resit_allowed", "补考", "flag", choices=RESIT_CHOICES),
        Field("practice_days", "实岗锻炼天数", unit="天", low=1, high=730),
        Field("duty_areas", "实岗锻炼岗位分工", "lines", help="每行一项，每项不超过20字"),
        Field("mentor_scale", "带教评价等次", "lines", help="每行一个等次，由好到差，至少两个"),
        source_field(),
    ]  # fmt: skip


SECTION = Section(
    "cultivation", "培养先行", defaults.CULTIVATION, validate_cultivation, describe=_describe
)
SECTIONS = (SECTION,)
