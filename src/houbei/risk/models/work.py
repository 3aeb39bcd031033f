"""Who answers for which villages (分片包干) and the problem lists closed one by one (问题清单)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

from houbei.accounts.scope import region_q
from houbei.lib.voiding import Voidable
from houbei.risk.models.choices import Duty, ProblemKind, ProblemStatus
from houbei.risk.models.survey import village_scope

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class LeadershipAssignmentQuerySet(models.QuerySet["LeadershipAssignment"]):
    def visible_to(self, user: Actor) -> LeadershipAssignmentQuerySet:
        return self.filter(region_q(user, "region"))


class LeadershipAssignment(models.Model):
    """One leader (an account, or just a name and title) covering a town, district or village."""

    region = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="+", verbose_name="包联范围"
    )
    duty = models.CharField("职责", max_length=30, choices=Duty.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="账号",
    )
    name = models.CharField("姓名", max_length=50)
    title = models.CharField("职务", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = LeadershipAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "分片包干"
        verbose_name_plural = "分片包干"
        ordering = ["region", "duty", "name"]
        indexes = [models.Index(fields=["region", "duty"])]

    def __str__(self) -> str:
        return f"{self.get_duty_display()} {self.name}"

    def audit_region_id(self) -> int | None:
        return self.region_id


class ProblemQuerySet(models.QuerySet["Problem"]):
    def visible_to(self, user: Actor) -> ProblemQuerySet:
        return self.filter(village_scope(user))

    def open(self) -> ProblemQuerySet:
        return self.filter(status=ProblemStatus.OPEN)

    def overdue(self, today: dt.date | None = None) -> ProblemQuerySet:
        return self.open().filter(due_on__lt=today or timezone.localdate())


class Problem(Voidable):
    election_round = models.ForeignKey(
        "rounds.ElectionRound", models.PROTECT, related_name="+", verbose_name="换届"
    )
    village = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="problems", verbose_name="村"
    )
    kind = models.CharField("问题类型", max_length=30, choices=ProblemKind.choices)
    title = models.CharField("问题", max_length=200)
    description = models.TextField("具体情况", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="责任人账号",
    )
    owner_name = models.CharField("责任人", max_length=100)
    due_on = models.DateField("整改时限")
    status = models.CharField(
        "状态", max_length=10, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="销号人"
    )
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    closing_note = models.TextField("销号说明", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ProblemQuerySet.as_manager()

    class Meta:
        verbose_name = "问题清单"
        verbose_name_plural = "问题清单"
        ordering = ["status", "due_on", "id"]
        indexes = [
            models.Index(fields=["village", "status"]),
            models.Index(fields=["status", "due_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.village} {self.title}"

    def audit_region_id(self) -> int | None:
        return self.village_id

    @property
    def is_open(self) -> bool:
        return self.status == ProblemStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()


class ProblemNote(models.Model):
    """A line of progress on a problem (整改进展)."""

    problem = models.ForeignKey(Problem, models.CASCADE, related_name="notes", verbose_name="问题")
    note = models.TextField("整改进展")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "整改进展"
        verbose_name_plural = "整改进展"
        ordering = ["-recorded_at", "-id"]

    def __str__(self) -> str:
        return self.note[:30]

    def audit_region_id(self) -> int | None:
        return self.problem.village_id
