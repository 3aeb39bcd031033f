"""The core sections of a round's rules (docs/domain.md §6), owned by rounds: committee size,
the sitting cadres' age caps, education, and the round's targets. Defaults with their sources
(seed data: a round copies them into its first RuleSet and the county edits them there),
validators, and the typed view `CoreRules` that services receive.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from houbei.rounds.sections import (
    Section,
    need_dict,
    need_education,
    need_int,
    need_share,
    need_source,
    parsed,
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


SECTIONS = (
    Section("committee", "两委职数", COMMITTEE, validate_committee),
    Section("age_caps", "在任干部年龄上限", AGE_CAPS, validate_age_caps),
    Section("education", "学历要求", EDUCATION, validate_education),
    Section("targets", "换届工作目标", TARGETS, validate_targets),
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
