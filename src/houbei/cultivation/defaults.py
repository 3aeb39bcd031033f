"""Default rules for cultivating pooled reserves (培养先行): docs/domain.md §6.11.

Seed data a round copies into its first RuleSet; the county edits it there. The validator, title
and help text are in cultivation/rules.py.
"""

from __future__ import annotations

CULTIVATION = {
    "required_hours": 30,
    "leave_limit": "1/7",
    "pass_mark": 60,
    "max_score": 100,
    "resit_allowed": True,
    "practice_days": 60,
    "duty_areas": ["党建", "信访", "医保", "治安", "矛盾调解", "人居环境"],
    "mentor_scale": ["优秀", "良好", "一般", "较差"],
    "source": (
        "请假或缺课累计超过总学时七分之一的予以退学：中共中央《干部教育培训工作条例》"
        "（2023年修订）学员管理有关规定；学时、及格线、补考、实岗锻炼两个月和岗位分工："
        "示范乡镇后备力量培养做法（项目默认），须经县委组织部核对"
    ),
}
