"""The outcome area's vocabulary (docs/glossary.md)."""

from __future__ import annotations

from django.db import models


class Electorate(models.TextChoices):
    PARTY_MEMBERS = "party_members", "党员大会"
    REPRESENTATIVES = "representatives", "村民代表会议"
    CADRE_VILLAGER = "cadre_villager", "干群大会"


class Scale(models.TextChoices):
    SATISFACTION = "satisfaction", "满意度（满意 / 基本满意 / 不满意）"
    COMPETENCE = "competence", "称职度（称职 / 基本称职 / 不称职）"


class PollWay(models.TextChoices):
    PAPER = "paper", "纸质票"
    ELECTRONIC = "electronic", "电子票（测评码）"


class PollStatus(models.TextChoices):
    OPEN = "open", "投票中"
    ENTERED = "entered", "待复核"
    CLOSED = "closed", "已完成"


class AppointmentStatus(models.TextChoices):
    PROPOSED = "proposed", "待领导审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"
