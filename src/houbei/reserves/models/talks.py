"""Talks (谈心谈话) and briefings (吹风会) with candidates and sitting cadres."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from houbei.accounts.scope import region_q
from houbei.lib.voiding import Voidable, valid_q
from houbei.reserves.choices import TalkKind

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class TalkQuerySet(models.QuerySet["Talk"]):
    def visible_to(self, user: Actor) -> TalkQuerySet:
        return self.filter(region_q(user, "village"))

    def valid(self) -> TalkQuerySet:
        return self.filter(valid_q())


class Talk(Voidable):
    kind = models.CharField("形式", max_length=10, choices=TalkKind.choices, default=TalkKind.TALK)
    village = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="talks", verbose_name="村"
    )
    person = models.ForeignKey(
        "people.Person",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="talks",
        verbose_name="谈话对象",
    )
    candidate = models.ForeignKey(
        "reserves.Candidate",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="talks",
        verbose_name="后备人选",
    )
    held_on = models.DateField("日期")
    talked_by = models.CharField("谈话人", max_length=100)
    attendees = models.CharField("参加人员", max_length=300, blank=True, default="")
    topic = models.CharField("主题", max_length=200)
    summary = models.TextField("谈话内容摘要")
    follow_up = models.TextField("后续跟进", blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = TalkQuerySet.as_manager()

    class Meta:
        verbose_name = "谈心谈话"
        verbose_name_plural = "谈心谈话"
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["village", "held_on"]),
            models.Index(fields=["person", "held_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()} {self.topic}"

    def audit_region_id(self) -> int | None:
        return self.village_id
