"""The outcome sections of a round's rules: the scored evaluation, the opinion poll and the
round's targets (docs/domain.md §6.12). Typed views (`evaluation_rules`, `poll_rules`,
`target_rules`), validators and forms. Defaults are in outcomes/defaults.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from houbei.cultivation.rules import parse_share
from houbei.outcomes import defaults
from houbei.rounds.rules import core_rules
from houbei.rounds.sections import (
    Field,
    Section,
    need_dict,
    need_int,
    need_share,
    need_source,
    parsed,
    source_field,
)

if TYPE_CHECKING:
    from houbei.rounds.models import RuleSet

# The components of the evaluation, in the order the formula reads.
COMPONENTS = {
    "attendance": "出勤学时",
    "exam": "结业测试",
    "mentor": "带教评价",
    "meeting": "观摩座谈评价",
}
# The poll's scales: the favourable options first, the unfavourable one last.
SCALES = {
    "satisfaction": ("满意", "基本满意", "不满意"),
    "competence": ("称职", "基本称职", "不称职"),
}
SCALE_CHOICES = (
    ("satisfaction", "满意 / 基本满意 / 不满意"),
    ("competence", "称职 / 基本称职 / 不称职"),
)
ELECTORATES = {
    "party_members": "党员大会",
    "representatives": "村民代表会议",
    "cadre_villager": "干群大会",
}
HUNDRED = Decimal(100)


def _percent(share: Fraction) -> str:
    value = share * 100
    return f"{float(value):g}%" if value.denominator == 1 else f"{float(value):.1f}%"


@dataclass(frozen=True)
class EvaluationRules:
    weights: Mapping[str, int]
    pass_line: int
    source: str

    def formula(self) -> str:
        """The formula in Chinese, as the page shows it and each score keeps it."""
        parts = [f"{COMPONENTS[key]}×{w}%" for key, w in self.weights.items() if w]
        return f"综合得分 = {' + '.join(parts)}（各项折合百分制）；{self.pass_line} 分及以上为合格"

    def total(self, values: Mapping[str, Decimal]) -> Decimal:
        found = sum((values[key] * weight for key, weight in self.weights.items()), Decimal(0))
        return (found / HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def passes(self, total: Decimal) -> bool:
        return total >= self.pass_line


@dataclass(frozen=True)
class PollRules:
    scale: str
    quorum: Mapping[str, Fraction]
    pass_share: Fraction
    source: str

    def describe(self, electorate: str) -> str:
        needed = self.quorum[electorate]
        return (
            f"到会（收回选票）须超过应到人数的{_percent(needed)}；"
            f"{'、'.join(SCALES[self.scale][:-1])}票占有效票不低于{_percent(self.pass_share)}为通过"
        )


@dataclass(frozen=True)
class TargetRules:
    secretary_age_drop: int
    secretary_college_rise: float
    young_per_village: int
    young_member_age: int
    women_per_village: int
    dual_role_share: float
    secretary_reserves_per_village: int
    source: str


def _parse_evaluation(rules: Mapping[str, Any]) -> EvaluationRules:
    value = EVALUATION.value_in(rules)
    weights = {key: int(value["weights"].get(key, 0)) for key in COMPONENTS}
    return EvaluationRules(weights=weights, pass_line=value["pass_line"], source=value["source"])


def _parse_poll(rules: Mapping[str, Any]) -> PollRules:
    value = POLL.value_in(rules)
    return PollRules(
        scale=value["scale"],
        quorum={key: parse_share(value["quorum"][key]) for key in ELECTORATES},
        pass_share=parse_share(value["pass_share"]),
        source=value["source"],
    )


def _parse_targets(rules: Mapping[str, Any]) -> TargetRules:
    value = TARGETS.value_in(rules)
    core = core_rules(rules).targets
    return TargetRules(
        secretary_age_drop=value["secretary_age_drop"],
        secretary_college_rise=float(value["secretary_college_rise"]),
        young_per_village=value["young_per_village"],
        young_member_age=int(core.get("young_member_age", 35)),
        women_per_village=value["women_per_village"],
        dual_role_share=float(core.get("dual_role_share", 0.5)),
        secretary_reserves_per_village=int(core.get("secretary_reserves_per_village", 2)),
        source=value["source"],
    )


def evaluation_rules(rules: RuleSet | Mapping[str, Any]) -> EvaluationRules:
    return parsed(rules, "evaluation", _parse_evaluation)


def poll_rules(rules: RuleSet | Mapping[str, Any]) -> PollRules:
    return parsed(rules, "poll", _parse_poll)


def target_rules(rules: RuleSet | Mapping[str, Any]) -> TargetRules:
    return parsed(rules, "outcome_targets", _parse_targets)


# Validators ---------------------------------------------------------------------------------


def validate_evaluation(value: Any) -> list[str]:
    errors = need_dict(value, ("weights", "pass_line", "source"))
    if errors:
        return errors
    errors += need_dict(value["weights"], COMPONENTS, "weights（各项权重）")
    if errors:
        return errors
    for key, label in COMPONENTS.items():
        errors += need_int(value["weights"][key], f"{label}权重", 0, 100)
    if not errors and sum(value["weights"][key] for key in COMPONENTS) != 100:
        total = sum(value["weights"][key] for key in COMPONENTS)
        errors.append(f"各项权重之和应为 100，现为 {total}")
    errors += need_int(value["pass_line"], "pass_line（及格线）", 0, 100)
    return errors + need_source(value)


def _share_errors(value: Any, name: str) -> list[str]:
    try:
        parse_share(value)
    except (ValueError, ZeroDivisionError, ArithmeticError):
        return [f'“{name}”应为 0 到 1 之间的比例，如 "1/2" 或 0.7，实际为 {value!r}']
    return []


def validate_poll(value: Any) -> list[str]:
    errors = need_dict(value, ("scale", "quorum", "pass_share", "source"))
    if errors:
        return errors
    if value["scale"] not in SCALES:
        errors.append("scale（测评等次）应为 satisfaction（满意度）或 competence（称职度）")
    errors += need_dict(value["quorum"], ELECTORATES, "quorum（到会比例）")
    if not errors:
        for key, label in ELECTORATES.items():
            errors += _share_errors(value["quorum"][key], f"{label}到会比例")
    errors += _share_errors(value["pass_share"], "pass_share（通过比例）")
    return errors + need_source(value)


def validate_targets(value: Any) -> list[str]:
    errors = need_dict(
        value,
        ("secretary_age_drop", "secretary_college_rise", "young_per_village", "women_per_village"),
    )
    if errors:
        return errors
    errors += need_int(value["secretary_age_drop"], "书记平均年龄下降", 0, 30)
    errors += need_share(value["secretary_college_rise"], "大专及以上比例上升")
    errors += need_int(value["young_per_village"], "每村年轻成员", 0, 15)
    errors += need_int(value["women_per_village"], "每村女性成员", 0, 15)
    return errors + need_source(value)


# Forms ----------------------------------------------------------------------------------------


def _evaluation_form(rules: Mapping[str, Any]) -> list[Field]:
    weights = [
        Field(f"weights.{key}", f"{label}权重", unit="%", low=0, high=100, help="各项权重之和为100")
        for key, label in COMPONENTS.items()
    ]
    return [*weights, Field("pass_line", "及格线", unit="分", low=0, high=100), source_field()]


def _poll_form(rules: Mapping[str, Any]) -> list[Field]:
    quorum = [
        Field(f"quorum.{key}", f"{label}到会比例", "ratio", help="收回选票须超过应到人数的比例")
        for key, label in ELECTORATES.items()
    ]
    return [
        Field("scale", "默认测评等次", "choice", choices=SCALE_CHOICES),
        *quorum,
        Field(
            "pass_share",
            "通过比例",
            "ratio",
            help="满意（称职）和基本满意（基本称职）票占有效票的最低比例",
        ),
        source_field(),
    ]


def _targets_form(rules: Mapping[str, Any]) -> list[Field]:
    return [
        Field("secretary_age_drop", "书记平均年龄至少下降", unit="岁", low=0, high=30),
        Field("secretary_college_rise", "书记大专及以上比例至少上升", "share"),
        Field("young_per_village", "每村两委至少有年轻成员", unit="人", low=0, high=15),
        Field("women_per_village", "每村两委至少有女性成员", unit="人", low=0, high=15),
        source_field(),
    ]


EVALUATION = Section(
    "evaluation", "综合评分", defaults.EVALUATION, validate_evaluation, describe=_evaluation_form
)
POLL = Section("poll", "民意测评", defaults.POLL, validate_poll, describe=_poll_form)
TARGETS = Section(
    "outcome_targets",
    "一降一升目标",
    defaults.OUTCOME_TARGETS,
    validate_targets,
    describe=_targets_form,
)
SECTIONS = (EVALUATION, POLL, TARGETS)
