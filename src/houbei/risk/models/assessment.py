"""Weekly assessment snapshots (研判): inputs, points and reasons; and colour overrides."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from houbei.accounts.scope import region_q
from houbei.risk.models.choices import Colour, OverrideStatus, RiskLevel, RunSource
from houbei.risk.models.survey import village_scope
from houbei.risk.rules import risk_rules

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class AssessmentRunQuerySet(models.QuerySet["AssessmentRun"]):
    def visible_to(self, user: Actor) -> AssessmentRunQuerySet:
        return self.filter(region_q(user, "region"))


class AssessmentRun(models.Model):
    """One press of the button (or one `houbei assess`): every village of a region at once."""

    region = models.ForeignKey(
        "regions.Region",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="研判范围",
        help_text="为空表示全部区划（命令行不带 --region 运行）",
    )
    week = models.DateField("研判周（周一）")
    source = models.CharField("发起方式", max_length=10, choices=RunSource.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="发起人"
    )
    started_at = models.DateTimeField("开始时间")
    seconds = models.FloatField("用时（秒）", default=0)
    villages = models.PositiveIntegerField("村数", default=0)
    counts = models.JSONField("各色村数", default=dict)
    rule_versions = models.JSONField("所用规则版本", default=list)

    objects = AssessmentRunQuerySet.as_manager()

    class Meta:
        verbose_name = "研判批次"
        verbose_name_plural = "研判批次"
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.region} {self.started_at:%Y-%m-%d %H:%M} 研判"

    def audit_region_id(self) -> int | None:
        return self.region_id


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def visible_to(self, user: Actor) -> AssessmentQuerySet:
        return self.filter(village_scope(user))

    def current(self) -> AssessmentQuerySet:
        return self.filter(is_latest=True)


class Assessment(models.Model):
    """A village's risk at one assessment. Never recomputed: the rules' version and every reason
    stay as they were; only an approved override sets `colour` apart from `computed_colour`."""

    # Few indexes and foreign-key checks on purpose: a run inserts a row per village (46,000 in a
    # province) and the check of each deferred constraint at commit costs a lookup per row. The
    # engine is the only writer and takes these ids from rows it has just read.
    village = models.ForeignKey(
        "regions.Region",
        models.PROTECT,
        related_name="assessments",
        verbose_name="村",
        db_index=False,  # the (village, -assessed_at) index serves
    )
    election_round = models.ForeignKey(
        "rounds.ElectionRound",
        models.PROTECT,
        related_name="+",
        verbose_name="换届",
        db_index=False,
        db_constraint=False,
    )
    rule_set = models.ForeignKey(
        "rounds.RuleSet",
        models.PROTECT,
        related_name="+",
        verbose_name="规则版本",
        db_index=False,
        db_constraint=False,
    )
    run = models.ForeignKey(
        AssessmentRun,
        models.PROTECT,
        related_name="assessments",
        verbose_name="研判批次",
        db_index=False,
        db_constraint=False,
    )
    previous = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="上次研判",
        db_index=False,
        db_constraint=False,
    )
    week = models.DateField("研判周（周一）")
    assessed_at = models.DateTimeField("研判时间")
    inputs = models.JSONField("研判依据", default=dict)
    points = models.JSONField(
        "各因素得分",
        default=list,
        help_text="[[得分, 档次序号], …]，与所用规则版本的评分因素一一对应",
    )
    fired = models.JSONField(
        "触发的硬性规则", default=list, help_text="所用规则版本中硬性规则的序号"
    )
    score = models.SmallIntegerField("得分")
    computed_colour = models.CharField("计算颜色", max_length=10, choices=Colour.choices)
    colour = models.CharField("颜色", max_length=10, choices=Colour.choices)
    level = models.CharField("风险等级", max_length=10, choices=RiskLevel.choices)
    baseline_colour = models.CharField(
        "上周颜色", max_length=10, choices=Colour.choices, blank=True, default=""
    )
    override = models.ForeignKey(
        "risk.ColourOverride",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="人工调整",
        db_index=False,
        db_constraint=False,
    )
    cadres_leave = models.PositiveSmallIntegerField("拟退", default=0)
    cadres_stay = models.PositiveSmallIntegerField("拟留", default=0)
    cadres_move = models.PositiveSmallIntegerField("拟转", default=0)
    cadres_enter = models.PositiveSmallIntegerField("拟进", default=0)
    is_latest = models.BooleanField("最新研判", default=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = "研判结果"
        verbose_name_plural = "研判结果"
        ordering = ["-assessed_at", "-id"]
        indexes = [
            models.Index(fields=["village", "-assessed_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["village"], condition=Q(is_latest=True), name="assessment_one_latest"
            )
        ]

    def __str__(self) -> str:
        return f"{self.village} {self.assessed_at:%Y-%m-%d} {self.get_colour_display()}"

    def audit_region_id(self) -> int | None:
        return self.village_id

    @property
    def is_overridden(self) -> bool:
        return self.colour != self.computed_colour or self.override_id is not None

    @property
    def changed_this_week(self) -> bool:
        return bool(self.baseline_colour) and self.baseline_colour != self.colour

    def _risk(self) -> dict[str, Any]:
        return dict(risk_rules(self.rule_set).section)

    @cached_property
    def lines(self) -> list[dict[str, Any]]:
        """Each factor's line, in the words of the rule version the snapshot used."""
        found = []
        for factor, (points, band) in zip(self._risk()["factors"], self.points, strict=False):
            value = self.inputs.get(factor["measure"])
            found.append(
                {
                    "key": factor["key"],
                    "label": factor["label"],
                    "weight": factor["weight"],
                    "points": points,
                    "band": factor["bands"][band].get("label", "") if band >= 0 else "无数据",
                    "value": round(value, 2) if isinstance(value, float) else value,
                }
            )
        return found

    @cached_property
    def hard_rules(self) -> list[dict[str, Any]]:
        rules = self._risk()["hard_rules"]
        return [
            {"key": rules[i]["key"], "label": rules[i]["label"], "colour": rules[i]["colour"]}
            for i in self.fired
        ]


class ColourOverrideQuerySet(models.QuerySet["ColourOverride"]):
    def visible_to(self, user: Actor) -> ColourOverrideQuerySet:
        return self.filter(village_scope(user))

    def pending(self) -> ColourOverrideQuerySet:
        return self.filter(status=OverrideStatus.PENDING)


class ColourOverride(models.Model):
    """A person's judgement that a village's colour should differ from the computed one."""

    assessment = models.ForeignKey(
        Assessment, models.PROTECT, related_name="overrides", verbose_name="研判结果"
    )
    village = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="+", verbose_name="村"
    )
    from_colour = models.CharField("原颜色", max_length=10, choices=Colour.choices)
    colour = models.CharField("调整为", max_length=10, choices=Colour.choices)
    reason = models.TextField("调整理由")
    status = models.CharField("状态", max_length=10, choices=OverrideStatus.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="提出人"
    )
    requested_at = models.DateTimeField("提出时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="审批人"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True)

    objects = ColourOverrideQuerySet.as_manager()

    class Meta:
        verbose_name = "颜色调整"
        verbose_name_plural = "颜色调整"
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.village} {self.get_from_colour_display()}→{self.get_colour_display()}"

    def audit_region_id(self) -> int | None:
        return self.village_id
