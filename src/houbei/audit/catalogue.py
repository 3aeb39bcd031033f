"""What each audit event code means, in Chinese.

Codes read `<app>.<noun>.<past-tense verb>`. An app adding an event adds its line here; a code
missing from the catalogue is shown as it is, never hidden.
"""

from __future__ import annotations

CATALOGUE: dict[str, str] = {
    # accounts
    "accounts.user.logged_in": "登录",
    "accounts.user.logged_out": "退出登录",
    "accounts.user.login_failed": "登录失败",
    "accounts.user.second_factor_failed": "动态口令错误",
    "accounts.user.second_factor_enrolled": "绑定动态口令",
    "accounts.user.second_factor_passed": "动态口令验证通过",
    "accounts.user.second_factor_reset": "清除动态口令绑定",
    "accounts.user.second_factor_locked": "动态口令连续错误，账号锁定",
    "accounts.permission.denied": "越权访问被拒绝",
    "accounts.password.changed": "修改密码",
    "accounts.password.reset": "重置密码",
    "accounts.user.created": "新建账号",
    "accounts.user.updated": "修改账号",
    "accounts.user.disabled": "停用账号",
    "accounts.user.enabled": "启用账号",
    "accounts.user.unlocked": "解除账号锁定",
    # audit
    "audit.log.exported": "导出审计日志",
    # ops
    "ops.backup.created": "备份数据库",
    "ops.keys.rotated": "更换加密密钥",
    "accounts.admin.created": "命令行创建管理员账号",
    "accounts.admin.password_reset": "命令行重置管理员密码",
    # regions
    "regions.region.created": "新建行政区划",
    "regions.region.updated": "修改行政区划",
    # people
    "people.person.created": "新增人员",
    "people.person.updated": "修改人员信息",
    "people.person.viewed": "查看人员信息",
    "people.person.exported": "导出人员信息",
    "people.id_number.revealed": "查看完整身份号码",
    "people.import.completed": "导入人员",
    "people.import.refused": "导入人员未通过校验",
    "people.post.created": "任职",
    "people.post.updated": "修改任职",
    "people.post.ended": "离任",
    # rounds
    "rounds.round.created": "新建换届",
    "rounds.round.updated": "修改换届",
    "rounds.rules.saved": "保存换届规则",
    "rounds.leading_member.added": "新增领导小组成员",
    "rounds.leading_member.updated": "修改领导小组成员",
    "rounds.leading_member.removed": "删除领导小组成员",
    # reserves
    "reserves.candidate.nominated": "提名后备人选",
    "reserves.candidate.sent_to_review": "提交资格联审",
    "reserves.candidate.exported": "导出后备人选",
    "reserves.disqualifier.decided": "负面清单事项决定",
    "reserves.fact.recorded": "记录负面清单事实",
    "reserves.fact.withdrawn": "撤回负面清单事实",
    "reserves.interview.recorded": "记录走访座谈",
    "reserves.screening.recorded": "记录政治筛查",
    "reserves.screening.revealed": "查看筛查结果",
    "reserves.recheck.run": "回头看复查",
    "reserves.vote.recorded": "记录民主推荐",
    "reserves.review.recorded": "记录联审意见",
    "reserves.candidate.pooled": "纳入后备干部储备库",
    "reserves.candidate.removed": "调整出列",
    "reserves.roster.exported": "导出后备人选名册",
    "reserves.talk.recorded": "记录谈心谈话",
    "reserves.approval.requested": "提交审批申请",
    "reserves.approval.approved": "批准审批申请",
    "reserves.approval.rejected": "不批准审批申请",
    "reserves.review.entered_on_behalf": "代录联审意见（函复或联审会）",
    "reserves.review_scan.downloaded": "下载联审函复或会议扫描件",
    # risk
    "risk.assignment.created": "新增包村责任",
    "risk.assignment.updated": "修改包村责任",
    "risk.assignment.deleted": "删除包村责任",
    "risk.meeting.recorded": "记录研判会",
    "risk.meeting.updated": "修改研判会记录",
    "risk.action.assigned": "研判会交办事项",
    "risk.action.completed": "交办事项办结",
    "risk.colour.override_requested": "申请调整风险等级",
    "risk.colour.override_approved": "批准调整风险等级",
    "risk.colour.override_rejected": "驳回调整风险等级",
    "risk.export.downloaded": "下载研判报表",
    "risk.facts.saved": "保存研判事实",
    "risk.outlook.confirmed": "确认进退留转",
    "risk.problem.created": "新增问题",
    "risk.problem.updated": "修改问题",
    "risk.problem.progressed": "记录问题整改进展",
    "risk.problem.closed": "问题销号",
    "risk.survey.recorded": "记录摸排",
    "risk.survey.updated": "修改摸排",
    "risk.assessment.run": "运行选情研判",
    "risk.assessment.ran": "运行选情研判",
    "risk.colour.overridden": "调整风险等级（直接生效）",
    # documents
    "documents.registration.exported": "下载后备干部登记表",
    "documents.registration_batch.exported": "批量下载后备干部登记表",
    "documents.briefing.exported": "下载选情研判周报",
    "documents.lrmx.exported": "导出干部任免审批表（LRMX）",
    "documents.lrmx.imported": "导入干部任免审批表（LRMX）",
    "documents.lrmx.refused": "导入干部任免审批表未通过校验",
    # api
    "api.token.created": "创建访问令牌",
    "api.token.revoked": "撤销访问令牌",
    # reads of personal data (people.person.viewed above)
    "reserves.candidate.viewed": "查看后备人选",
    "reserves.review.viewed": "查看资格联审材料",
    "risk.village.viewed": "查看村情研判（含村干部信息）",
    "regions.village.viewed": "查看村班子成员信息",
    # corrections and voiding (docs/decisions/0028-record-corrections.md)
    "reserves.interview.corrected": "更正走访座谈记录",
    "reserves.interview.voided": "作废走访座谈记录",
    "reserves.screening.voided": "作废政治筛查记录",
    "reserves.vote.voided": "作废民主推荐记录",
    "reserves.talk.corrected": "更正谈心谈话记录",
    "reserves.talk.voided": "作废谈心谈话记录",
    "risk.survey.corrected": "更正摸排记录",
    "risk.survey.voided": "作废摸排记录",
    "risk.problem.corrected": "更正问题清单",
    "risk.problem.voided": "作废问题清单",
    "cultivation.worklog.corrected": "更正工作纪实",
    "cultivation.worklog.voided": "作废工作纪实",
    "cultivation.mentor.voided": "作废带教评价",
    "cultivation.exam.voided": "作废结业测试成绩",
    "outcomes.evaluation.voided": "作废综合评分",
    "outcomes.poll.voided": "作废民意测评",
    "cultivation.meeting.corrected": "更正观摩座谈记录",
    "cultivation.attendance.corrected": "更正培训签到",
    "risk.meeting.corrected": "更正研判会记录",
    "outcomes.commendation.corrected": "更正表彰记录",
    # jobs
    "jobs.job.started": "提交后台任务",
    "jobs.job.finished": "后台任务完成",
    "jobs.job.failed": "后台任务失败",
    "jobs.result.downloaded": "下载后台任务结果",
}

# "Whose records did account X read or export": events that disclose personal data.
DISCLOSURE_VERBS = ("viewed", "revealed", "exported", "printed", "downloaded")

KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "disclosure": ("查看或导出个人信息", tuple(f".{verb}" for verb in DISCLOSURE_VERBS)),
    "login": ("登录与退出", (".logged_in", ".logged_out", ".login_failed")),
    "denied": ("越权与失败", ()),
    "change": ("新增与修改", (".created", ".updated", ".ended", ".saved", ".decided")),
}


def label(code: str) -> str:
    """The Chinese description of an event code; the code itself when it is not catalogued."""
    return CATALOGUE.get(code, code)
