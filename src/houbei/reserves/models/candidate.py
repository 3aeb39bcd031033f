"""A person's candidacy for a village post in a round, and its timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q

from houbei.accounts.scope import region_q
from houbei.people.models import Background
from houbei.reserves.choices import (
    Readiness,
    RemovalReason,
    Source,
    Stage,
    TargetPost,
)

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class CandidateQuerySet(models.QuerySet["Candidate"]):
    def visible_to(self, user: Actor) -> CandidateQuerySet:
        """Office staff by region, liaisons by their villages; reviewers only through the queue."""
        return self.filter(region_q(user, "village"))

    def in_stage(self, *stages: str) -> CandidateQuerySet:
        return self.filter(stage__in=stages)

    def active(self) -> CandidateQuerySet:
        return self.exclude(stage=Stage.REMOVED)


class Candidate(models.Model):
    person = models.ForeignKey(
        "people.Person", models.PROTECT, related_name="candidacies", verbose_name="人员"
    )
    village = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="candidates", verbose_name="村"
    )
    election_round = models.ForeignKey(
        "rounds.ElectionRound", models.PROTECT, related_name="candidates", verbose_name="换届"
    )
    target_post = models.CharField("培养方向", max_length=10, choices=TargetPost.choices)
    source = models.CharField("来源", max_length=30, choices=Source.choices)
    background = models.CharField("构成类别", max_length=30, choices=Background.choices)
    stage = models.CharField("阶段", max_length=12, choices=Stage.choices, default=Stage.NOMINATED)
    readiness = models.CharField(
        "成熟度", max_length=20, choices=Readiness.choices, blank=True, default=""
    )
    rank = models.PositiveSmallIntegerField("排序", null=True, blank=True)
    emergency_successor = models.BooleanField("应急接替人选", default=False)
    removal_reason = models.CharField(
        "出列原因", max_length=30, choices=RemovalReason.choices, blank=True, default=""
    )
    removal_note = models.TextField("出列说明", blank=True, default="")
    note = models.TextField("备注", blank=True, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("提名时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = "后备人选"
        verbose_name_plural = "后备人选"
        ordering = ["village", "target_post", "rank", "id"]
        indexes = [
            models.Index(fields=["election_round", "village", "stage"]),
            models.Index(fields=["village", "stage", "target_post"]),
            models.Index(fields=["stage", "id"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "election_round"],
                condition=~Q(stage="removed"),
                name="candidate_one_active_per_round",
            ),
            models.CheckConstraint(
                condition=~Q(stage="removed") | ~Q(removal_reason=""),
                name="candidate_removed_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank__gte=1), name="candidate_rank_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.village} {self.get_target_post_display()}后备"

    def audit_region_id(self) -> int | None:
        return self.village_id

    @property
    def is_removed(self) -> bool:
        return self.stage == Stage.REMOVED


class CandidateEventQuerySet(models.QuerySet["CandidateEvent"]):
    def visible_to(self, user: Actor) -> CandidateEventQuerySet:
        return self.filter(region_q(user, "candidate__village"))


class CandidateEvent(models.Model):
    """One line of the timeline: every move and every record, with the rules it used."""

    candidate = models.ForeignKey(
        Candidate, models.CASCADE, related_name="events", verbose_name="后备人选"
    )
    action = models.CharField("事项", max_length=40)
    from_stage = models.CharField("原阶段", max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField("新阶段", max_length=12, choices=Stage.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="操作人",
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    note = models.TextField("说明", blank=True, default="")
    rule_set = models.ForeignKey(
        "rounds.RuleSet",
        models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="所用规则版本",
    )

    objects = CandidateEventQuerySet.as_manager()

    class Meta:
        verbose_name = "后备人选记录"
        verbose_name_plural = "后备人选记录"
        ordering = ["candidate", "at", "id"]
        indexes = [models.Index(fields=["candidate", "at"])]

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.action}"

    def audit_region_id(self) -> int | None:
        return self.candidate.village_id
