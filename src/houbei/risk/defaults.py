"""Default rules of the weekly election-risk assessment (选情研判), copied into a round's RuleSet.

The closest published precedent is Jinhua's 100-point election-situation index (docs/domain.md §3.3:
≥80 green, 61–79 yellow, ≤60 red, over team building, work, the dual-role candidate, petitions
and past elections). No published four-colour scheme was found, so the bands below are the
project's own defaults: a county must check and edit them for its round.

Shape of the `risk` section (every number is data the county may change):

- `factors`: each scores one *measure* of the village (see houbei.risk.engine.measures.MEASURES)
  with `weight` points at most. Its `bands` are tried in order; a band matches when the value is
  within its optional inclusive `min`/`max`; the last band has neither (the catch-all). A village
  without the measure (no secretary, no survey) scores `if_missing` points.
- `colours`: the colour of a total score: the first band whose `min` the score reaches.
- `levels`: the risk level of each colour (docs/glossary.md: red high, orange medium, others low).
- `hard_rules`: when all `all` conditions hold, the colour is at least as bad as `colour`.
- `outlook`: the suggested fate (进退留转) of each sitting cadre: the first rule whose
  conditions hold, else `otherwise`.
- `responsibility`: who answers for a village of each colour (duties of LeadershipAssignment).
- `override`: roles whose colour override takes effect at once; others wait for one of them.
- `not_ready_colours`: a village of such a colour with open problems is not ready to elect.
"""

from __future__ import annotations

from typing import Any

SOURCE = (
    "项目默认值：参照浙江金华“选情指数三色图”（2020年）100分制，四色分档为本项目自定，"
    "须经县委组织部核对后使用"
)


def _band(points: int, label: str, *, low: float | None = None, high: float | None = None) -> Any:
    band: dict[str, Any] = {"points": points, "label": label}
    if low is not None:
        band["min"] = low
    if high is not None:
        band["max"] = high
    return band


FACTORS = [
    {
        "key": "committee",
        "label": "班子完整",
        "measure": "members_short",
        "weight": 15,
        "if_missing": 0,
        "bands": [
            _band(15, "两委班子配齐", high=0),
            _band(8, "缺额1人", high=1),
            _band(3, "缺额2人", high=2),
            _band(0, "缺额3人及以上"),
        ],
    },
    {
        "key": "secretary_age",
        "label": "书记年龄",
        "measure": "secretary_age_margin",
        "weight": 10,
        "if_missing": 0,
        "bands": [
            _band(10, "距年龄上限10岁及以上", low=10),
            _band(7, "距年龄上限5至9岁", low=5),
            _band(3, "临近年龄上限", low=0),
            _band(0, "截止日超过年龄上限"),
        ],
    },
    {
        "key": "secretary_capability",
        "label": "书记能力",
        "measure": "secretary_rating",
        "weight": 15,
        "if_missing": 0,
        "bands": [
            _band(15, "履职作风评价优秀", low=4.5),
            _band(11, "履职作风评价良好", low=3.5),
            _band(6, "履职作风评价一般", low=2.5),
            _band(0, "履职作风评价较差"),
        ],
    },
    {
        "key": "team",
        "label": "班子战斗力",
        "measure": "team_rating",
        "weight": 10,
        "if_missing": 3,
        "bands": [
            _band(10, "班子成员评价良好", low=4),
            _band(6, "班子成员评价一般", low=3),
            _band(3, "班子成员评价偏弱", low=2),
            _band(0, "班子成员评价较差"),
        ],
    },
    {
        "key": "conflicts",
        "label": "矛盾信访",
        "measure": "conflicts",
        "weight": 15,
        "if_missing": 15,
        "bands": [
            _band(15, "无矛盾纠纷和信访积案", high=0),
            _band(10, "有1件", high=1),
            _band(5, "有2至3件", high=3),
            _band(0, "有4件及以上"),
        ],
    },
    {
        "key": "reserves",
        "label": "后备力量",
        "measure": "reserve_bench",
        "weight": 15,
        "if_missing": 0,
        "bands": [
            _band(15, "书记后备达到储备目标", low=4),
            _band(11, "有成熟的书记后备", low=3),
            _band(6, "有书记后备但尚不成熟", low=2),
            _band(3, "仅有两委后备", low=1),
            _band(0, "无后备力量"),
        ],
    },
    {
        "key": "dual_role",
        "label": "一肩挑人选",
        "measure": "dual_role",
        "weight": 5,
        "if_missing": 0,
        "bands": [_band(5, "有一肩挑人选", low=1), _band(0, "无一肩挑人选")],
    },
    {
        "key": "past_elections",
        "label": "往届选情",
        "measure": "past_trouble",
        "weight": 10,
        "if_missing": 10,
        "bands": [
            _band(10, "往届选举平稳", high=0),
            _band(4, "往届选举出现过1次问题", high=1),
            _band(0, "往届选举多次出现问题"),
        ],
    },
    {
        "key": "age_structure",
        "label": "班子年龄结构",
        "measure": "average_age",
        "weight": 5,
        "if_missing": 0,
        "bands": [
            _band(5, "平均年龄45岁及以下", high=45),
            _band(3, "平均年龄45至50岁", high=50),
            _band(1, "平均年龄50至55岁", high=55),
            _band(0, "平均年龄55岁以上"),
        ],
    },
]

COLOURS = [
    {"colour": "green", "min": 80, "label": "平稳：班子稳定、后备充足、有一肩挑人选"},
    {"colour": "yellow", "min": 65, "label": "一般：书记能干但班子老化"},
    {"colour": "orange", "min": 50, "label": "较复杂：班子平庸、书记老化、后备难定"},
    {"colour": "red", "min": 0, "label": "复杂：班子不全、书记老化、矛盾突出、无人可选"},
]

LEVELS = {"red": "high", "orange": "medium", "yellow": "low", "green": "low"}


def _when(measure: str, op: str, value: float | str) -> dict[str, Any]:
    return {"measure": measure, "op": op, "value": value}


HARD_RULES = [
    {
        "key": "incomplete_without_reserve",
        "label": "两委缺额2人及以上且无成熟的书记后备",
        "all": [_when("members_short", ">=", 2), _when("ready_secretary_reserves", "=", 0)],
        "colour": "red",
    },
    {
        "key": "secretary_vacant_without_reserve",
        "label": "书记空缺且无成熟的书记后备",
        "all": [_when("secretary_vacant", "=", 1), _when("ready_secretary_reserves", "=", 0)],
        "colour": "red",
    },
    {
        "key": "over_age_without_reserve",
        "label": "书记到截止日超龄且无成熟的书记后备",
        "all": [_when("secretary_age_margin", "<", 0), _when("ready_secretary_reserves", "=", 0)],
        "colour": "red",
    },
    {
        "key": "serious_conflicts",
        "label": "矛盾纠纷和信访积案5件及以上",
        "all": [_when("conflicts", ">=", 5)],
        "colour": "orange",
    },
    {
        "key": "past_trouble_with_clan",
        "label": "往届选举出过问题且存在宗族派性矛盾",
        "all": [_when("past_trouble", ">=", 1), _when("clan_disputes", ">=", 1)],
        "colour": "orange",
    },
]

OUTLOOK = {
    "rules": [
        {
            "outlook": "leave",
            "label": "截止日超过本职务年龄上限",
            "all": [_when("age_margin", "<", 0)],
        },
        {"outlook": "leave", "label": "摸排发现负面清单情形", "all": [_when("negative", "=", 1)]},
        {"outlook": "leave", "label": "履职或作风评价较差", "all": [_when("rating", "<", 2.5)]},
        {"outlook": "leave", "label": "本人不再参选", "all": [_when("intention", "=", "retire")]},
        {
            "outlook": "move",
            "label": "拟转任其他职务",
            "all": [_when("intention", "=", "other_post")],
        },
    ],
    "otherwise": "stay",
    "otherwise_label": "无退出情形，拟留任",
}

RESPONSIBILITY = {
    "red": [
        {"duty": "county_leader", "position": "lead"},
        {"duty": "party_secretary", "position": "drive"},
    ],
    "orange": [
        {"duty": "deputy_secretary", "position": "lead"},
        {"duty": "party_building_office", "position": "assist"},
        {"duty": "discipline_office", "position": "assist"},
        {"duty": "petition_office", "position": "assist"},
    ],
    "yellow": [{"duty": "covering_leader", "position": "guide"}],
    "green": [
        {"duty": "district_director", "position": "follow"},
        {"duty": "liaison", "position": "follow"},
        {"duty": "resident_team", "position": "follow"},
    ],
}

RISK = {
    "factors": FACTORS,
    "colours": COLOURS,
    "levels": LEVELS,
    "hard_rules": HARD_RULES,
    "outlook": OUTLOOK,
    "responsibility": RESPONSIBILITY,
    "override": {"approver_roles": ["town_leader", "county_officer"]},
    "not_ready_colours": ["red"],
    "problem_due_days": 30,
    "source": SOURCE,
}

# 转 (transfer to another post): a capable sitting cadre over the age cap of the post held but
# within the cap of another is suggested for that post instead of leaving (docs/domain.md §6.14).
TRANSFER = {
    "enabled": True,
    "min_rating": 4,
    "to_posts": ["chair", "member"],
    "source": (
        "项目默认值：超过书记、主任年龄上限但未超过其他两委成员上限、评价良好以上且无负面情形的"
        "在任干部，建议转任其他职务而非退出（参照各地“进退留转”通行做法，须经县委组织部核对后使用）"
    ),
}
