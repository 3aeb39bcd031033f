"""The vocabulary of cultivation (docs/glossary.md)."""

from __future__ import annotations

from django.db import models


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "出勤"
    LATE = "late", "迟到"
    LEAVE = "leave", "请假"
    ABSENT = "absent", "缺勤"


# Statuses that earn the class's hours (学时); the others count against the leave limit.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class SignInWay(models.TextChoices):
    STAFF = "staff", "工作人员点名"
    SLIP = "slip", "签到码自助签到"
    SHEET = "sheet", "纸质签到表导入"


class PlacementRole(models.TextChoices):
    SECRETARY_ASSISTANT = "secretary_assistant", "村党组织书记助理"
    CHAIR_ASSISTANT = "chair_assistant", "村委会主任助理"
    WORK_TEAM = "work_team", "工作队员"


class ProposalGround(models.TextChoices):
    FAILED_EXAM = "failed_exam", "结业测试不合格"
    OVER_LEAVE = "over_leave", "请假缺课超过规定学时"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "待领导决定"
    APPROVED = "approved", "同意出列"
    REJECTED = "rejected", "不同意出列"
