"""Election rounds and their versioned rule sets: rules are data, with their source document."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

from houbei.accounts.scope import region_q
from houbei.regions.models import Region

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class ElectionRoundQuerySet(models.QuerySet["ElectionRound"]):
    def visible_to(self, user: Actor) -> ElectionRoundQuerySet:
        """The rounds that apply to the regions the user sees (region scope, accounts.scope):
        their counties' rounds and those of the cities and provinces above them. One query."""
        seen = Region.objects.visible_to(user).exclude(county=None).order_by()
        counties = Region.objects.filter(pk__in=seen.values("county_id")).order_by()
        return self.filter(
            models.Q(region__in=counties.values("pk"))
            | models.Q(region__in=counties.values("parent_id"))
            | models.Q(region__in=counties.values("parent__parent_id"))
        )


class ElectionRound(models.Model):
    name = models.CharField("名称", max_length=50)
    year = models.PositiveSmallIntegerField("换届年度")
    region = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="+", verbose_name="适用区划"
    )
    cutoff_date = models.DateField("年龄计算截止日期")
    starts_on = models.DateField("工作开始日期", null=True, blank=True)
    ends_on = models.DateField("工作结束日期", null=True, blank=True)
    is_current = models.BooleanField("当前换届", default=True)

    objects = ElectionRoundQuerySet.as_manager()

    class Meta:
        verbose_name = "换届"
        verbose_name_plural = "换届"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="round_unique_year_per_region")
        ]

    def __str__(self) -> str:
        return self.name

    def audit_region_id(self) -> int | None:
        return None


class RuleSet(models.Model):
    """One version of a round's rules. Never edited: each save is a new version."""

    election_round = models.ForeignKey(
        ElectionRound, models.PROTECT, related_name="rule_sets", verbose_name="换届"
    )
    version = models.PositiveIntegerField("版本")
    rules = models.JSONField("规则")
    source_document = models.CharField("依据文件", max_length=300)
    note = models.CharField("修改说明", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="修改人"
    )
    created_at = models.DateTimeField("修改时间", auto_now_add=True)

    class Meta:
        verbose_name = "规则版本"
        verbose_name_plural = "规则版本"
        ordering = ["election_round", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["election_round", "version"], name="ruleset_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.election_round} 规则 第{self.version}版"

    def section(self, name: str) -> Any:
        return self.rules[name]


class LeadingPosition(models.TextChoices):
    """A member's place in the leading group (领导小组), docs/glossary.md."""

    HEAD = "head", "组长"
    DEPUTY = "deputy", "副组长"
    MEMBER = "member", "成员"
    OFFICE_DIRECTOR = "office_director", "办公室主任"
    OFFICE_STAFF = "office_staff", "办公室成员"


class LeadingGroupMemberQuerySet(models.QuerySet["LeadingGroupMember"]):
    def visible_to(self, user: Actor) -> LeadingGroupMemberQuerySet:
        """The groups of the regions the user acts in (accounts.scope): a town's staff see
        their town's group, the county its own and its towns'."""
        return self.filter(region_q(user, "region"))


class LeadingGroupMember(models.Model):
    """One member of the leading group (领导小组) a town or county sets up for a round: an
    account when the member has one, else a name; their position and duty."""

    election_round = models.ForeignKey(
        ElectionRound, models.PROTECT, related_name="leading_members", verbose_name="换届"
    )
    region = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="+", verbose_name="所属乡镇或县"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="账号",
    )
    name = models.CharField("姓名", max_length=50)
    title = models.CharField("现任职务", max_length=100, blank=True)
    position = models.CharField("小组职务", max_length=20, choices=LeadingPosition.choices)
    duty = models.TextField("分工职责", blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)

    objects = LeadingGroupMemberQuerySet.as_manager()

    class Meta:
        verbose_name = "领导小组成员"
        verbose_name_plural = "领导小组成员"
        ordering = ["election_round", "region", "order", "id"]
        indexes = [models.Index(fields=["election_round", "region", "order"])]

    def __str__(self) -> str:
        return f"{self.get_position_display()} {self.name}"

    def audit_region_id(self) -> int | None:
        return self.region_id
