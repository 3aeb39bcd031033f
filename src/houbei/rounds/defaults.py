"""Default rules for a new round (docs/domain.md §6), each with its source. Seed data, not
constants: a round copies them into its first RuleSet and the county edits them there.

Each capability keeps its own section in a module beside this one.
"""

from __future__ import annotations

import copy
from typing import Any

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

DEFAULT_SOURCE = "默认规则，依据各项规则所注政策文件和公开资料整理，须经县委组织部核对后使用"


def _sections() -> dict[str, Any]:
    sections: dict[str, Any] = {
        "committee": COMMITTEE,
        "age_caps": AGE_CAPS,
        "education": EDUCATION,
        "targets": TARGETS,
    }
    try:
        from houbei.rounds.defaults_reserves import SECTIONS as reserves  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - before the reserves capability existed
        reserves = {}
    try:
        from houbei.rounds.defaults_risk import SECTIONS as risk  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - before the risk capability existed
        risk = {}
    sections.update(reserves)
    sections.update(risk)
    return sections


def default_rules() -> dict[str, Any]:
    return copy.deepcopy(_sections())
