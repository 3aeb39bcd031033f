"""Default rules for the end of the candidate's way and the round's targets: docs/domain.md
§6.12. Seed data a round copies into its first RuleSet; the county edits it there. Validators,
titles and forms are in outcomes/rules.py.
"""

from __future__ import annotations

# The scored evaluation (综合评分): each component normalised to 100, weights summing to 100.
EVALUATION = {
    "weights": {"attendance": 20, "exam": 30, "mentor": 30, "meeting": 20},
    "pass_line": 60,
    "source": (
        "综合评分由出勤学时、结业测试、带教人月度评价和观摩座谈评价加权组成，"
        "权重和及格线为项目默认（示范乡镇培养做法），须经县委组织部核对"
    ),
}

# The opinion poll (民意测评): no national pass mark exists (docs/domain.md §3.2).
POLL = {
    "scale": "satisfaction",
    "quorum": {"party_members": "1/2", "representatives": "2/3", "cadre_villager": "1/2"},
    "pass_share": "7/10",
    "source": (
        "到会人数须超过应到人数的一半（村民代表会议三分之二）：参照村民委员会组织法有关会议"
        "的规定；满意和基本满意票占有效票的比例不低于70%：参照泰州“直评村官”满意率70%以上的"
        "做法（项目默认，未见全国统一的合格线），须经县委组织部核对"
    ),
}

# The round's targets (一降一升 and the rest) beside the core ones (rounds/rules.py TARGETS).
OUTCOME_TARGETS = {
    "secretary_age_drop": 2,
    "secretary_college_rise": 0.05,
    "young_per_village": 1,
    "women_per_village": 1,
    "source": (
        "书记平均年龄下降、大专及以上学历比例上升，每村两委至少有1名35岁及以下成员"
        "（乡镇换届工作方案，2025）；下降2岁、上升5个百分点、每村至少1名女性成员为项目默认"
        "（2021年换届全国书记平均年龄下降4.62岁，女性占两委成员28.1%），须经县委组织部核对"
    ),
}
