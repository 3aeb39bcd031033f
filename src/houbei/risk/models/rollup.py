"""Precomputed dashboard figures (docs/performance.md G3): one row per town, and one per town and
week for the trend. The county's dashboard sums a few town rows instead of reading every
village; the services that change what a row counts refresh it in their own transaction
(houbei.risk.rollups)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

COUNTED = (
    "villages",
    "red",
    "orange",
    "yellow",
    "green",
    "unassessed",
    "not_ready",
    "focus",
    "cadres_leave",
    "cadres_stay",
    "cadres_move",
    "cadres_enter",
    "open_red",
    "open_orange",
    "open_yellow",
    "open_green",
    "open_problems",
)


def _count(label: str) -> models.PositiveIntegerField[int, int]:
    return models.PositiveIntegerField(label, default=0)


class TownRollup(models.Model):
    """A town's figures now: its current villages by the colour of their latest assessment, the
    not-ready and focus villages, the cadres' outlooks and the open problems by colour."""

    town = models.OneToOneField(
        "regions.Region", models.CASCADE, related_name="+", verbose_name="乡镇"
    )
    villages = _count("村数")
    red = _count("红色村")
    orange = _count("橙色村")
    yellow = _count("黄色村")
    green = _count("绿色村")
    unassessed = _count("未研判村")
    not_ready = _count("不具备换届条件村")
    focus = _count("重点难点村")
    cadres_leave = _count("退")
    cadres_stay = _count("留")
    cadres_move = _count("转")
    cadres_enter = _count("进")
    open_red = _count("红色村未销号问题")
    open_orange = _count("橙色村未销号问题")
    open_yellow = _count("黄色村未销号问题")
    open_green = _count("绿色村未销号问题")
    open_problems = _count("未销号问题（含未研判村）")
    assessed_at = models.DateTimeField("最近研判", null=True)
    refreshed_at = models.DateTimeField("更新时间", default=timezone.now)

    class Meta:
        verbose_name = "乡镇研判汇总"
        verbose_name_plural = "乡镇研判汇总"

    def __str__(self) -> str:
        return f"{self.town_id} 研判汇总"


class TownWeekRollup(models.Model):
    """A town's villages by colour at the end of one week (each village's last snapshot of the
    week): the dashboard's trend."""

    town = models.ForeignKey("regions.Region", models.CASCADE, related_name="+")
    week = models.DateField("研判周（周一）")
    red = _count("红色村")
    orange = _count("橙色村")
    yellow = _count("黄色村")
    green = _count("绿色村")

    class Meta:
        verbose_name = "乡镇每周研判汇总"
        verbose_name_plural = "乡镇每周研判汇总"
        constraints = [
            models.UniqueConstraint(fields=["town", "week"], name="town_week_rollup_unique")
        ]
        indexes = [models.Index(fields=["week", "town"])]

    def __str__(self) -> str:
        return f"{self.town_id} {self.week} 研判汇总"
