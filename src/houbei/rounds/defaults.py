"""Default rules for a new round, from DOMAIN.md with their sources. Seed data, not constants:
a round copies them into its first RuleSet and the county edits them there.

Each capability keeps its own section in a module beside this one.
"""

from __future__ import annotations

import copy
from typing import Any

COMMITTEE = {
    "size": 5,
    "min_size": 3,
    "max_size": 7,
    "source": "村民委员会组织法：3至7人（山西省问答，2011）；DOMAIN.md §1.2",
}

AGE_CAPS = {
    "secretary": 60,
    "chair": 60,
    "member": 65,
    "new_secretary": 55,
    "reserve": 45,
    "source": (
        "书记、主任原则上不超过60周岁，其他成员一般不超过65周岁"
        "（DOMAIN.md §2，二手资料，须以县级文件为准）"
    ),
}

EDUCATION = {
    "secretary_min": "61",
    "reserve_min": "61",
    "source": "新任村党组织书记一般应具有高中（中专）以上学历（DOMAIN.md §1.3）",
}

TARGETS = {
    "secretary_reserves_per_village": 2,
    "dual_role_share": 0.5,
    "young_member_age": 35,
    "source": "每个村至少储备2名村党组织书记后备力量；一肩挑比例50%（DOMAIN.md §2）",
}

DEFAULT_SOURCE = "默认规则，依据 DOMAIN.md 所列公开资料整理，须经县委组织部核对后使用"


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
