"""Code slips (签到码): printed one-time codes redeemed on a public page, and the attempts that
rate-limit it. Only a keyed hash of each code is kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from houbei.cultivation.models.scope import town_q

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class SlipQuerySet(models.QuerySet["CodeSlip"]):
    def visible_to(self, user: Actor) -> SlipQuerySet:
        return self.filter(town_q(user, "region"))


class CodeSlip(models.Model):
    """One printed code: good once, for its purpose (`scope`), inside its window."""

    scope = models.CharField("用途", max_length=40)  # e.g. "session:12"
    holder = models.CharField("持有人", max_length=40, blank=True, default="")  # blank: anonymous
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    region = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="+", verbose_name="所属区划"
    )
    valid_from = models.DateTimeField("生效时间")
    valid_until = models.DateTimeField("失效时间")
    used_at = models.DateTimeField("使用时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SlipQuerySet.as_manager()

    class Meta:
        verbose_name = "签到码"
        verbose_name_plural = "签到码"
        ordering = ["scope", "id"]
        indexes = [models.Index(fields=["scope", "holder"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("valid_from")), name="slip_window_not_empty"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} #{self.pk}"

    def audit_region_id(self) -> int | None:
        return self.region_id


class SlipAttempt(models.Model):
    """One try on the public page, by a hashed client address; counted for the rate limit."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    ok = models.BooleanField(default=False)

    class Meta:
        verbose_name = "签到尝试"
        verbose_name_plural = "签到尝试"
        indexes = [models.Index(fields=["client", "at"])]

    def __str__(self) -> str:
        return f"{self.client[:8]} {self.at:%Y-%m-%d %H:%M:%S}"
