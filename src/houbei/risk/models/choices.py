"""The risk area's code tables (docs/glossary.md, "Risk assessment").

Keys match houbei.risk.rules.
"""

from __future__ import annotations

from django.db import models


class Colour(models.TextChoices):
    RED = "red", "红"
    ORANGE = "orange", "橙"
    YELLOW = "yellow", "黄"
    GREEN = "green", "绿"


# Worst first: a hard rule makes a colour "at least as bad as" another.
SEVERITY = {Colour.RED: 3, Colour.ORANGE: 2, Colour.YELLOW: 1, Colour.GREEN: 0}
COLOURS = [str(c) for c in Colour]


class RiskLevel(models.TextChoices):
    HIGH = "high", "高"
    MEDIUM = "medium", "中"
    LOW = "low", "低"


class Outlook(models.TextChoices):
    ENTER = "enter", "进"
    LEAVE = "leave", "退"
    STAY = "stay", "留"
    MOVE = "move", "转"


class SurveySource(models.TextChoices):
    TALK = "talk", "谈心谈话"
    VISIT = "visit", "走访"
    MEETING = "meeting", "座谈会"


class Attitude(models.TextChoices):
    STAY = "stay", "愿意继续任职"
    UNDECIDED = "undecided", "思想有波动、态度不明"
    LEAVE = "leave", "有意退出"


class Intention(models.TextChoices):
    RUN_AGAIN = "run_again", "参选原职务"
    DUAL_ROLE = "dual_role", "参选书记、主任一肩挑"
    OTHER_POST = "other_post", "拟转任其他职务"
    RETIRE = "retire", "不再参选"
    UNDECIDED = "undecided", "尚未表态"


class Rating(models.IntegerChoices):
    EXCELLENT = 5, "优秀"
    GOOD = 4, "良好"
    FAIR = 3, "一般"
    POOR = 2, "较差"
    BAD = 1, "差"


class Duty(models.TextChoices):
    COUNTY_LEADER = "county_leader", "包乡县级领导"
    PARTY_SECRETARY = "party_secretary", "乡镇党委书记"
    DEPUTY_SECRETARY = "deputy_secretary", "乡镇党委副书记"
    PARTY_BUILDING_OFFICE = "party_building_office", "党建办"
    DISCIPLINE_OFFICE = "discipline_office", "纪委"
    PETITION_OFFICE = "petition_office", "信访办"
    COVERING_LEADER = "covering_leader", "包片（包村）领导"
    DISTRICT_DIRECTOR = "district_director", "管理区主任"
    LIAISON = "liaison", "包村干部"
    RESIDENT_TEAM = "resident_team", "驻村工作队"


class Position(models.TextChoices):
    LEAD = "lead", "挂帅"
    DRIVE = "drive", "主抓"
    GUIDE = "guide", "挂点指导"
    ASSIST = "assist", "协同"
    FOLLOW = "follow", "跟踪负责"


class OverrideStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已生效"
    REJECTED = "rejected", "未批准"


class ProblemKind(models.TextChoices):
    INCOMPLETE_COMMITTEE = "incomplete_committee", "班子不健全"
    PETITION_BACKLOG = "petition_backlog", "信访积案"
    CLAN_DISPUTE = "clan_dispute", "宗族派性矛盾"
    DUAL_ROLE_CANDIDATE = "dual_role_candidate", "一肩挑人选问题"
    PAST_ELECTION_TROUBLE = "past_election_trouble", "往届选举遗留问题"
    OTHER = "other", "其他"


class ProblemStatus(models.TextChoices):
    OPEN = "open", "整改中"
    CLOSED = "closed", "已销号"
    VOIDED = "voided", "已作废"  # registered in error (decision 0028): counted nowhere


class RunSource(models.TextChoices):
    WEB = "web", "页面"
    COMMAND = "command", "命令"
    DEMO = "demo", "演示数据"
