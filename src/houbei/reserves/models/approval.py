"""A staff action that the round's rules reserve for a leader, waiting for the decision."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q

from houbei.accounts.scope import region_q
from houbei.reserves.choices import ApprovalKind, ApprovalStatus
from houbei.reserves.models.candidate import Candidate

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class ApprovalRequestQuerySet(models.QuerySet["ApprovalRequest"]):
    def visible_to(self, user: Actor) -> ApprovalRequestQuerySet:
        return self.filter(region_q(user, "village"))

    def pending(self) -> ApprovalRequestQuerySet:
        return self.filter(status=ApprovalStatus.PENDING)


class ApprovalRequest(models.Model):
    """What was asked (`kind`, on a candidate or a sitting cadre of `village`), with the
    arguments the action takes once approved (`payload`), and the leader's decision."""

    Kind = ApprovalKind

    kind = models.CharField("审批事项", max_length=20, choices=ApprovalKind.choices)
    village = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="+", verbose_name="村"
    )
    election_round = models.ForeignKey(
        "rounds.ElectionRound", models.PROTECT, related_name="+", verbose_name="换届"
    )
    candidate = models.ForeignKey(
        Candidate,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="approvals",
        verbose_name="后备人选",
    )
    person = models.ForeignKey(
        "people.Person", models.PROTECT, related_name="+", verbose_name="人员"
    )
    summary = models.CharField("申请内容", max_length=300)
    reason = models.TextField("申请理由")
    payload = models.JSONField("申请事项的内容", default=dict)
    status = models.CharField(
        "状态", max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="申请人"
    )
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审批人",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True, default="")
    rule_set = models.ForeignKey(
        "rounds.RuleSet", models.PROTECT, null=True, related_name="+", verbose_name="所用规则版本"
    )

    objects = ApprovalRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "审批申请"
        verbose_name_plural = "审批申请"
        ordering = ["requested_at", "id"]
        indexes = [models.Index(fields=["village", "status", "kind"])]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "election_round", "village", "person"],
                condition=Q(status="pending"),
                name="approval_one_pending_per_matter",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False),
                name="approval_decided_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.summary}"

    def audit_region_id(self) -> int | None:
        return self.village_id

    @property
    def is_pending(self) -> bool:
        return self.status == ApprovalStatus.PENDING
