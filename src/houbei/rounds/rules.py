"""The core sections of a round's rules (docs/domain.md §6), owned by rounds: committee size,
the sitting cadres' age caps, education, and the round's targets. Defaults with their sources
(seed data: a round copies them into its first RuleSet and the county edits them there),
validators, and the typed view `CoreRules` that services receive.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from houbei.lib import codes
from houbei.rounds.sections import (
    Field,
    Section,
    need_dict,
    need_education,
    need_int,
    need_share,
    need_source,
    parsed,
    source_field,
)

if TYPE_CHECKING:
    from houbei.rounds.models import RuleSet

COMMITTEE = {
    "size": 5,
    "min_size": 3,
    "max_size": 7,
    "source": "《中华人民共和国村民委员会组织法》：村民委员会由3至7人组成（山西省问答，2011）",
}

AGE_CAPS = {
    "secretary": 60,
    "chair": 60,
    "member": 65,
    "new_secretary": 55,
    "reserve": 45,
    "source": (
        "书记、主任原则上不超过60周岁，其他成员一般不超过65周岁"
        "（各地换届工作的通行做法，未见全国统一规定；"
        "据公开网页转述，二手资料，须以县级文件为准）"
    ),
}

EDUCATION = {
    "secretary_min": "61",
    "reserve_min": "61",
    "source": (
        "新任村党组织书记一般应具有高中（中专）以上学历"
        "（省级村级组织换届工作通知，据网络转载，二手资料）"
    ),
}

TARGETS = {
    "secretary_reserves_per_village": 2,
    "dual_role_share": 0.5,
    "young_member_age": 35,
    "source": (
        "每个村至少储备2名村党组织书记后备力量（乡镇“强基工程”2024—2026年实施方案）；"
        "一肩挑比例50%（《乡村振兴战略规划（2018—2022年）》）"
    ),
}


# Validators ---------------------------------------------------------------------------------


def validate_committee(value: Any) -> list[str]:
    errors = need_dict(value, ("size", "min_size", "max_size", "source"))
    if errors:
        return errors
    for key in ("size", "min_size", "max_size"):
        errors += need_int(value[key], key, 1, 15)
    if errors:
        return errors
    if not value["min_size"] <= value["size"] <= value["max_size"]:
        errors.append("职数应满足 min_size ≤ size ≤ max_size")
    if value["size"] % 2 == 0:
        errors.append("两委职数应为奇数（村民委员会组织法：3至7人）")
    return errors + need_source(value)


def validate_age_caps(value: Any) -> list[str]:
    errors = need_dict(value, ("secretary", "chair", "member", "source"))
    if errors:
        return errors
    for key, cap in value.items():
        if key != "source":
            errors += need_int(cap, key, 18, 100)
    return errors + need_source(value)


def validate_education(value: Any) -> list[str]:
    errors = need_dict(value, ("secretary_min", "source"))
    if errors:
        return errors
    for key, code in value.items():
        if key != "source":
            errors += need_education(code, key)
    return errors + need_source(value)


def validate_targets(value: Any) -> list[str]:
    errors = need_dict(value, ("source",))
    if errors:
        return errors
    for key, target in value.items():
        if key == "source":
            continue
        if key.endswith("_share"):
            errors += need_share(target, key)
        else:
            errors += need_int(target, key, 0, 1000)
    return errors + need_source(value)


# The forms (rounds.sections.Field) ------------------------------------------------------------

EDUCATION_CHOICES = tuple(codes.EDUCATION.choices)


def _committee(rules: Mapping[str, Any]) -> list[Field]:
    def size(key: str, label: str) -> Field:
        return Field(key, label, unit="人", low=1, high=15)

    return [
        size("size", "两委职数"),
        size("min_size", "最少职数"),
        size("max_size", "最多职数"),
        source_field(),
    ]


def _age_caps(rules: Mapping[str, Any]) -> list[Field]:
    def cap(key: str, label: str, help: str = "") -> Field:
        return Field(key, label, unit="岁", low=18, high=100, help=help)

    return [
        cap("secretary", "村党组织书记", "在任书记到换届截止日的年龄上限"),
        cap("chair", "村委会主任"),
        cap("member", "其他两委成员"),
        cap("new_secretary", "新任书记", "新提名书记人选的年龄上限"),
        cap("reserve", "后备力量", "进入后备队伍的年龄上限"),
        source_field(),
    ]


def _education(rules: Mapping[str, Any]) -> list[Field]:
    def need(key: str, label: str) -> Field:
        return Field(key, label, "choice", choices=EDUCATION_CHOICES, help="最低学历")

    return [
        need("secretary_min", "村党组织书记最低学历"),
        need("reserve_min", "后备力量最低学历"),
        source_field(),
    ]


def _targets(rules: Mapping[str, Any]) -> list[Field]:
    return [
        Field("secretary_reserves_per_village", "每村书记后备", unit="人", low=0, high=1000),
        Field("dual_role_share", "一肩挑比例", "share", help="书记、主任一人兼任的村所占比例"),
        Field(
            "young_member_age",
            "年轻成员年龄",
            unit="岁",
            low=0,
            high=1000,
            help="不超过此年龄的两委成员计为年轻成员",
        ),  # fmt: skip
        source_field(),
    ]


SECTIONS = (
    Section("committee", "两委职数", COMMITTEE, validate_committee, describe=_committee),
    Section("age_caps", "在任干部年龄上限", AGE_CAPS, validate_age_caps, describe=_age_caps),
    Section("education", "学历要求", EDUCATION, validate_education, describe=_education),
    Section("targets", "换届工作目标", TARGETS, validate_targets, describe=_targets),
)
_BY_NAME = {section.name: section for section in SECTIONS}


# The typed view -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CoreRules:
    committee_size: int
    committee_min: int
    committee_max: int
    age_caps: Mapping[str, int]
    education: Mapping[str, str]
    targets: Mapping[str, Any]

    def age_cap(self, post: str) -> int:
        """The age cap of a sitting post (secretary, chair, member)."""
        return int(self.age_caps[post])

    @property
    def young_member_age(self) -> int:
        return int(self.targets.get("young_member_age", 35))


def _parse(rules: Mapping[str, Any]) -> CoreRules:
    committee = _BY_NAME["committee"].value_in(rules)
    caps = _BY_NAME["age_caps"].value_in(rules)
    return CoreRules(
        committee_size=int(committee["size"]),
        committee_min=int(committee["min_size"]),
        committee_max=int(committee["max_size"]),
        age_caps={k: int(v) for k, v in caps.items() if k != "source"},
        education={k: str(v) for k, v in _BY_NAME["education"].value_in(rules).items()},
        targets=dict(_BY_NAME["targets"].value_in(rules)),
    )


def core_rules(rules: RuleSet | Mapping[str, Any]) -> CoreRules:
    """The core sections of a rule set (a RuleSet is parsed once per instance)."""
    return parsed(rules, "core", _parse)
