"""The reserve pipeline's vocabulary (docs/glossary.md, docs/design.md §4)."""

from __future__ import annotations

from django.db import models


class Stage(models.TextChoices):
    NOMINATED = "nominated", "摸排提名"
    SCREENED = "screened", "政治筛查"
    RECOMMENDED = "recommended", "民主推荐"
    REVIEWED = "reviewed", "资格联审"
    POOLED = "pooled", "入库"
    TRAINED = "trained", "培训合格"
    PLACED = "placed", "实岗锻炼"
    EVALUATED = "evaluated", "综合评分"
    POLLED = "polled", "民意测评"
    APPOINTED = "appointed", "吸纳"
    REMOVED = "removed", "调整出列"


# The order of the way through; removal is off to the side.
PIPELINE = [
    Stage.NOMINATED,
    Stage.SCREENED,
    Stage.RECOMMENDED,
    Stage.REVIEWED,
    Stage.POOLED,
    Stage.TRAINED,
    Stage.PLACED,
    Stage.EVALUATED,
    Stage.POLLED,
    Stage.APPOINTED,
]
# Stages a candidate may hold only after a completed joint review (未经联审不得入库/任职).
REVIEWED_STAGES = [str(s) for s in PIPELINE[PIPELINE.index(Stage.POOLED) :]]
# Stages that count as "in the pool" for bench strength (appointed people have left it).
POOL_STAGES = [str(s) for s in PIPELINE[PIPELINE.index(Stage.POOLED) : -1]]


class TargetPost(models.TextChoices):
    SECRETARY = "secretary", "村党组织书记"
    CHAIR = "chair", "村委会主任"
    MEMBER = "member", "两委委员"


class Source(models.TextChoices):
    FIELD_SURVEY = "field_survey", "走访摸排"
    PARTY_RECOMMENDATION = "party_recommendation", "党员推荐"
    VILLAGER_RECOMMENDATION = "villager_recommendation", "群众推荐"
    SELF_APPLICATION = "self_application", "个人自荐"
    ORGANISATION_NOMINATION = "organisation_nomination", "组织推荐"


class Readiness(models.TextChoices):
    READY_NOW = "ready_now", "成熟可用"
    READY_IN_ROUND = "ready_in_round", "本届内可用"
    DEVELOPING = "developing", "培养中"


class RemovalReason(models.TextChoices):
    DISQUALIFIED = "disqualified", "触及负面清单"
    FAILED_REVIEW = "failed_review", "联审未通过"
    FAILED_RECOMMENDATION = "failed_recommendation", "民主推荐未通过"
    WITHDREW = "withdrew", "本人退出"
    MOVED_AWAY = "moved_away", "外出或迁离"
    POOR_PERFORMANCE = "poor_performance", "表现不佳"
    MISCONDUCT = "misconduct", "作风问题"
    COMPLAINTS = "complaints", "群众反映强烈"
    HEALTH = "health", "身体原因"
    OTHER = "other", "其他"


class ScreeningResult(models.TextChoices):
    PASSED = "passed", "合格"
    FAILED = "failed", "不合格"


class InterviewKind(models.TextChoices):
    VISIT = "visit", "入户走访"
    GROUP_TALK = "group_talk", "座谈"


class MeetingType(models.TextChoices):
    PARTY_MEMBERS = "party_members", "党员大会"
    REPRESENTATIVES = "representatives", "村民代表会议"
    JOINT = "joint", "党员和村民代表联席会议"
    VILLAGERS = "villagers", "村民会议"


class ReviewOutcome(models.TextChoices):
    PENDING = "pending", "待审"
    PASSED = "passed", "通过"
    NOT_PASSED = "not_passed", "不通过"


class DisqualifierClass(models.TextChoices):
    MUST_NOT = "不能", "不能"
    SHOULD_NOT = "不宜", "不宜"


class Decision(models.TextChoices):
    ALLOW = "allow", "同意继续"
    STOP = "stop", "不予继续"


class FactKind(models.TextChoices):
    """What a recorded fact about a person is; disqualifier items name the kinds they cover."""

    CRIMINAL_PENALTY = "criminal_penalty", "受过刑事处罚"
    GANG_OR_BULLY = "gang_or_bully", "村霸或涉黑涉恶"
    CULT_OR_RELIGION = "cult_or_religion", "邪教、非法宗教或封建迷信活动"
    CLAN_INTERFERENCE = "clan_interference", "利用宗族宗派势力干扰基层组织"
    UNDER_INVESTIGATION = "under_investigation", "正被立案调查"
    DETENTION = "detention", "赌博嫖娼等被治安拘留及以上处罚"
    DRUGS = "drugs", "涉毒"
    POOR_MORALS = "poor_morals", "道德品行低劣"
    VOTE_BUYING = "vote_buying", "拉票贿选、干扰破坏选举"
    DISLOYALTY = "disloyalty", "对党不忠诚、政治上的两面人"
    ABNORMAL_PETITION = "abnormal_petition", "无理上访或组织煽动上访"
    PUBLIC_DISORDER = "public_disorder", "聚众闹事、扰乱公共秩序"
    NO_PLEDGE = "no_pledge", "未作竞职、创业、辞职承诺"
    DISHONEST_DEBTOR = "dishonest_debtor", "失信被执行人"
    BRIBER_LIST = "briber_list", "列入行贿人名单"
    LONG_ABSENCE = "long_absence", "长期外出不能正常履职"
    UNFIT = "unfit", "因身体、年龄原因不能胜任"
    SANCTION = "sanction", "党纪政务处分或组织处理影响期未满"
    DUTY_NEGLECT = "duty_neglect", "应急处置中玩忽职守"
    INCOMPETENT = "incompetent", "考核不称职或被罢免"
    UNQUALIFIED_MEMBER = "unqualified_member", "被评为不合格党员"
    MISAPPROPRIATION = "misappropriation", "截留挪用资金、侵占集体财产未整改"
    ILLEGAL_LAND_USE = "illegal_land_use", "违法用地、违章建房建墓未整改"
    ENVIRONMENT = "environment", "严重损害生态环境"
    OTHER = "other", "其他"


class AnswerKind(models.TextChoices):
    """How a department answered when the town enters its opinion on its behalf."""

    LETTER = "letter", "函复"
    MEETING = "meeting", "联审会"


class TalkKind(models.TextChoices):
    TALK = "talk", "谈心谈话"
    BRIEFING = "briefing", "吹风会"


class ApprovalKind(models.TextChoices):
    """Decisions the round's rules may reserve for a town leader (docs/domain.md §6.13)."""

    REMOVAL = "removal", "调整出列"
    OUTLOOK = "outlook", "进退留转确认"


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "不批准"
