"""Appointment (吸纳), commendation (表彰) and the election's result (换届结果)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from houbei.accounts.scope import region_q
from houbei.outcomes.models.choices import AppointmentStatus
from houbei.people.models import Role

if TYPE_CHECKING:
    from houbei.accounts.types import Actor

_USER = settings.AUTH_USER_MODEL


class AppointmentQuerySet(models.QuerySet["Appointment"]):
    def visible_to(self, user: Actor) -> AppointmentQuerySet:
        return self.filter(region_q(user, "candidate__village"))


class Appointment(models.Model):
    """吸纳: proposed by the town office, approved by a leader; approval creates the post."""

    candidate = models.ForeignKey(
        "reserves.Candidate", models.PROTECT, related_name="appointments", verbose_name="后备人选"
    )
    role = models.CharField("职务", max_length=20, choices=Role.choices)
    term_start = models.DateField("任职时间")
    term_until = models.DateField("任期届满")
    document = models.CharField("决定文件", max_length=200)
    status = models.CharField(
        "状态",
        max_length=10,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PROPOSED,
    )
    proposed_by = models.ForeignKey(
        _USER, models.PROTECT, null=True, related_name="+", verbose_name="提请人"
    )
    proposed_at = models.DateTimeField("提请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        _USER, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="审批人"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.CharField("审批意见", max_length=300, blank=True, default="")
    post = models.ForeignKey(
        "people.Post", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="职务"
    )
    rule_set = models.ForeignKey(
        "rounds.RuleSet", models.PROTECT, related_name="+", verbose_name="所用规则版本"
    )

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = "吸纳"
        verbose_name_plural = "吸纳"
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate"],
                condition=Q(status="proposed"),
                name="appointment_one_open_per_candidate",
            ),
            models.CheckConstraint(
                condition=Q(term_until__gt=F("term_start")), name="appointment_term_not_empty"
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(post__isnull=False),
                name="appointment_approved_has_post",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} 吸纳 {self.get_role_display()}"

    def audit_region_id(self) -> int | None:
        return self.candidate.village_id


class CommendationQuerySet(models.QuerySet["Commendation"]):
    def visible_to(self, user: Actor) -> CommendationQuerySet:
        return self.filter(region_q(user, "candidate__village"))


class Commendation(models.Model):
    """表彰: a record with its document."""

    candidate = models.ForeignKey(
        "reserves.Candidate", models.PROTECT, related_name="commendations", verbose_name="后备人选"
    )
    title = models.CharField("表彰名称", max_length=100)
    document = models.CharField("表彰文件", max_length=200)
    awarded_on = models.DateField("表彰日期")
    note = models.CharField("说明", max_length=300, blank=True, default="")
    recorded_by = models.ForeignKey(
        _USER, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = CommendationQuerySet.as_manager()

    class Meta:
        verbose_name = "表彰"
        verbose_name_plural = "表彰"
        ordering = ["-awarded_on", "-id"]

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.title}"

    def audit_region_id(self) -> int | None:
        return self.candidate.village_id


class ElectionResultQuerySet(models.QuerySet["ElectionResult"]):
    def visible_to(self, user: Actor) -> ElectionResultQuerySet:
        return self.filter(region_q(user, "village"))


class ElectionResult(models.Model):
    """换届结果: who a village elected to each post on the election date."""

    village = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="+", verbose_name="村"
    )
    election_round = models.ForeignKey(
        "rounds.ElectionRound", models.PROTECT, related_name="+", verbose_name="换届"
    )
    elected_on = models.DateField("选举日期")
    dual_role = models.BooleanField("一肩挑", default=False)
    entered_by = models.ForeignKey(
        _USER, models.PROTECT, null=True, related_name="+", verbose_name="录入人"
    )
    entered_at = models.DateTimeField("录入时间", auto_now_add=True)

    objects = ElectionResultQuerySet.as_manager()

    class Meta:
        verbose_name = "换届结果"
        verbose_name_plural = "换届结果"
        ordering = ["village", "-elected_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "election_round"], name="election_result_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.village_id} 换届结果 {self.elected_on:%Y-%m-%d}"

    def audit_region_id(self) -> int | None:
        return self.village_id


class ElectedMember(models.Model):
    """One person elected to one post; `from_reserve` when they were in the round's pool."""

    result = models.ForeignKey(
        ElectionResult, models.CASCADE, related_name="members", verbose_name="换届结果"
    )
    person = models.ForeignKey(
        "people.Person", models.PROTECT, related_name="+", verbose_name="人员"
    )
    role = models.CharField("职务", max_length=20, choices=Role.choices)
    from_reserve = models.BooleanField("后备干部", default=False)
    post = models.ForeignKey(
        "people.Post", models.PROTECT, related_name="+", verbose_name="职务记录"
    )

    class Meta:
        verbose_name = "当选人"
        verbose_name_plural = "当选人"
        ordering = ["result", "role", "id"]

    def __str__(self) -> str:
        return f"{self.result_id} {self.get_role_display()} {self.person_id}"
