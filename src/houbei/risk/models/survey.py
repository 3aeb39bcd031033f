"""What staff learn in the field (摸排): surveys of sitting cadres, village facts, outlooks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from houbei.accounts.scope import region_q
from houbei.lib.voiding import Voidable
from houbei.risk.models.choices import Attitude, Intention, Outlook, Rating, SurveySource

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


def village_scope(user: Actor) -> Q:
    """Rows reached through their `village`: scoped like everything else (accounts.scope)."""
    return region_q(user, "village")


class SurveyQuerySet(models.QuerySet["Survey"]):
    def visible_to(self, user: Actor) -> SurveyQuerySet:
        return self.filter(village_scope(user))

    def current(self) -> SurveyQuerySet:
        return self.filter(is_latest=True)


class VillageFactsQuerySet(models.QuerySet["VillageFacts"]):
    def visible_to(self, user: Actor) -> VillageFactsQuerySet:
        return self.filter(village_scope(user))


class CadreOutlookQuerySet(models.QuerySet["CadreOutlook"]):
    def visible_to(self, user: Actor) -> CadreOutlookQuerySet:
        return self.filter(village_scope(user))


class Survey(Voidable):
    """One survey of a sitting cadre; the newest per person and village counts (is_latest)."""

    election_round = models.ForeignKey(
        "rounds.ElectionRound", models.PROTECT, related_name="+", verbose_name="换届"
    )
    village = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="surveys", verbose_name="村"
    )
    person = models.ForeignKey(
        "people.Person", models.PROTECT, related_name="surveys", verbose_name="摸排对象"
    )
    source = models.CharField("摸排方式", max_length=10, choices=SurveySource.choices)
    attitude = models.CharField("思想动态", max_length=10, choices=Attitude.choices)
    performance = models.PositiveSmallIntegerField("履职成效", choices=Rating.choices)
    conduct = models.PositiveSmallIntegerField("作风表现", choices=Rating.choices)
    intention = models.CharField("换届意向", max_length=12, choices=Intention.choices)
    negative = models.BooleanField("发现负面清单情形", default=False)
    notes = models.TextField("情况记录", blank=True)
    surveyed_on = models.DateField("摸排日期", default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    is_latest = models.BooleanField("最新一次", default=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = "摸排记录"
        verbose_name_plural = "摸排记录"
        ordering = ["-surveyed_on", "-id"]
        indexes = [
            models.Index(fields=["election_round", "village", "is_latest"]),
            models.Index(fields=["person", "-surveyed_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["election_round", "village", "person"],
                condition=Q(is_latest=True),
                name="survey_one_latest_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.surveyed_on:%Y-%m-%d} 摸排"

    def audit_region_id(self) -> int | None:
        return self.village_id

    @property
    def rating(self) -> float:
        return (self.performance + self.conduct) / 2


class VillageFacts(models.Model):
    """Facts the risk rules need that no other record holds, one row per village and round."""

    election_round = models.ForeignKey(
        "rounds.ElectionRound", models.PROTECT, related_name="+", verbose_name="换届"
    )
    village = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="risk_facts", verbose_name="村"
    )
    open_conflicts = models.PositiveSmallIntegerField("未化解矛盾纠纷（件）", default=0)
    petition_backlog = models.PositiveSmallIntegerField("信访积案（件）", default=0)
    clan_disputes = models.PositiveSmallIntegerField("宗族派性矛盾（件）", default=0)
    past_trouble = models.PositiveSmallIntegerField("往届选举出现问题（次）", default=0)
    focus_village = models.BooleanField("列为重点难点村", default=False)
    focus_reason = models.CharField("重点难点原因", max_length=200, blank=True)
    notes = models.TextField("情况说明", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="填报人"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = VillageFactsQuerySet.as_manager()

    class Meta:
        verbose_name = "村情"
        verbose_name_plural = "村情"
        constraints = [
            models.UniqueConstraint(
                fields=["election_round", "village"], name="village_facts_one_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.village} 村情"

    def audit_region_id(self) -> int | None:
        return self.village_id

    @property
    def conflicts(self) -> int:
        return self.open_conflicts + self.petition_backlog + self.clan_disputes


class CadreOutlook(models.Model):
    """Staff's confirmed (or changed) outlook for one person of a village, with the reason."""

    election_round = models.ForeignKey(
        "rounds.ElectionRound", models.PROTECT, related_name="+", verbose_name="换届"
    )
    village = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="outlooks", verbose_name="村"
    )
    person = models.ForeignKey(
        "people.Person", models.PROTECT, related_name="outlooks", verbose_name="人员"
    )
    outlook = models.CharField("进退留转", max_length=10, choices=Outlook.choices)
    suggested = models.CharField(
        "系统建议", max_length=10, choices=Outlook.choices, blank=True, default=""
    )
    reason = models.TextField("理由")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="确认人"
    )
    decided_at = models.DateTimeField("确认时间", auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = CadreOutlookQuerySet.as_manager()

    class Meta:
        verbose_name = "进退留转研判"
        verbose_name_plural = "进退留转研判"
        constraints = [
            models.UniqueConstraint(
                fields=["election_round", "village", "person"], name="outlook_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_outlook_display()}"

    def audit_region_id(self) -> int | None:
        return self.village_id
