"""Disqualifier facts and decisions, and the departments' joint review (资格联审)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q

from houbei.accounts.capabilities import Capability, Role, has_capability
from houbei.accounts.scope import region_q
from houbei.lib.sealed import SealedModel, plain
from houbei.reserves.choices import AnswerKind, Decision, FactKind, ReviewOutcome
from houbei.reserves.models.candidate import Candidate

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


def county_of(user: Actor) -> int | None:
    region = getattr(user, "region", None)
    if region is None:
        return None
    return int(region.county_id or region.pk)


class PersonFactQuerySet(models.QuerySet["PersonFact"]):
    def visible_to(self, user: Actor) -> PersonFactQuerySet:
        if not has_capability(user, Capability.VIEW_SCREENING):
            return self.none()
        return self.filter(region_q(user, "person__village"))

    def in_effect(self) -> PersonFactQuerySet:
        return self.filter(withdrawn=False)


class PersonFact(SealedModel):
    """A fact about a person that a disqualifier item may cover (a penalty, a sanction, ...).

    `period_end` is the day the fact stops counting on its own (a sanction's period, a lifted
    listing); empty means it counts until the item's waiting period, or for good. Its kind and
    note are sealed (houbei.lib.sealed): a kind names a criminal penalty, drugs, a gang.
    """

    SEALED = ("kind", "note")

    person = models.ForeignKey(
        "people.Person", models.PROTECT, related_name="facts", verbose_name="人员"
    )
    kind_sealed = models.TextField("情形（密文）", editable=False, default="")
    occurred_on = models.DateField("发生或处理日期")
    period_end = models.DateField("影响期截止", null=True, blank=True)
    note_sealed = models.TextField(editable=False, default="")
    source = models.CharField("信息来源", max_length=100, blank=True, default="")
    withdrawn = models.BooleanField("已撤销", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = PersonFactQuerySet.as_manager()

    class Meta:
        verbose_name = "负面情形记录"
        verbose_name_plural = "负面情形记录"
        ordering = ["person", "-occurred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_end__gte=models.F("occurred_on")),
                name="fact_period_end_after_occurrence",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.get_kind_display()}"

    kind = plain("kind")
    note = plain("note")

    def audit_region_id(self) -> int | None:
        return self.person.village_id

    def get_kind_display(self) -> str:
        kind = self.kind
        return str(FactKind(kind).label) if kind in FactKind.values else kind


class DisqualifierDecisionQuerySet(models.QuerySet["DisqualifierDecision"]):
    def visible_to(self, user: Actor) -> DisqualifierDecisionQuerySet:
        return self.filter(region_q(user, "candidate__village"))


class DisqualifierDecision(SealedModel):
    """A town leader's recorded decision on a 不宜 hit: go on, or stop. The reason is sealed."""

    SEALED = ("reason",)

    candidate = models.ForeignKey(
        Candidate, models.PROTECT, related_name="decisions", verbose_name="后备人选"
    )
    fact = models.ForeignKey(PersonFact, models.PROTECT, related_name="+", verbose_name="情形")
    item_code = models.CharField("负面清单条目", max_length=40)
    item_text = models.CharField("条目内容", max_length=300)
    decision = models.CharField("决定", max_length=10, choices=Decision.choices)
    reason_sealed = models.TextField("理由（密文）", editable=False, default="")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="决定人"
    )
    decided_at = models.DateTimeField("决定时间", auto_now_add=True)
    rule_set = models.ForeignKey(
        "rounds.RuleSet", models.PROTECT, null=True, related_name="+", verbose_name="所用规则版本"
    )

    objects = DisqualifierDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "不宜情形决定"
        verbose_name_plural = "不宜情形决定"
        ordering = ["candidate", "-decided_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "fact", "item_code"], name="decision_one_per_hit"
            )
        ]

    reason = plain("reason")

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.item_code} {self.get_decision_display()}"

    def audit_region_id(self) -> int | None:
        return self.candidate.village_id


class ReviewAnswerQuerySet(models.QuerySet["ReviewAnswer"]):
    def visible_to(self, user: Actor) -> ReviewAnswerQuerySet:
        """Office staff by region (the scan is shown to those who see screening facts)."""
        if not has_capability(user, Capability.VIEW_SCREENING):
            return self.none()
        return self.filter(region_q(user, "candidate__village"))


class ReviewScan(SealedModel):
    """The scan of a letter or of a meeting's minutes, sealed in the database (so it is written
    with its answer or not at all, and travels with the backup). It is read only by the scoped
    download view; pages never load it."""

    SEALED = ("content",)
    ROTATE_BATCH = 10  # up to 5 MB each: key rotation (houbei.ops.keys) holds few at a time

    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=40)
    size = models.PositiveIntegerField("大小（字节）")
    content_sealed = models.TextField("内容（密文）", editable=False, default="")

    class Meta:
        verbose_name = "联审答复扫描件"
        verbose_name_plural = "联审答复扫描件"

    content = plain("content")  # the file's bytes in base64

    def __str__(self) -> str:
        return self.name


class ReviewAnswer(models.Model):
    """A department's letter (函复) or a joint review meeting (联审会) whose opinions the town
    entered on the departments' behalf, for one candidate; the reviews it answered point to it.
    A letter or meeting answering for several candidates makes one row per candidate, sharing
    the reference, the date and the scan."""

    candidate = models.ForeignKey(
        Candidate, models.PROTECT, related_name="review_answers", verbose_name="后备人选"
    )
    kind = models.CharField("答复方式", max_length=10, choices=AnswerKind.choices)
    reference = models.CharField("文号或会议名称", max_length=100)
    answered_on = models.DateField("函复或会议日期")
    # One scan may back the answers of several candidates (a letter or a meeting answering for
    # many at once): it is stored once and each candidate's answer points to it.
    scan = models.ForeignKey(
        ReviewScan,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name="扫描件",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="代录人"
    )
    entered_at = models.DateTimeField("代录时间", auto_now_add=True)

    objects = ReviewAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = "代录联审答复"
        verbose_name_plural = "代录联审答复"
        ordering = ["candidate", "-entered_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference} {self.answered_on:%Y-%m-%d}"

    def audit_region_id(self) -> int | None:
        return self.candidate.village_id

    @property
    def has_scan(self) -> bool:
        return self.scan_id is not None


class JointReviewQuerySet(models.QuerySet["JointReview"]):
    def visible_to(self, user: Actor) -> JointReviewQuerySet:
        """Office staff by region; a reviewer: their department's reviews in their county."""
        if getattr(user, "role", "") == Role.REVIEWER:
            return self.for_department(user)
        return self.filter(region_q(user, "candidate__village"))

    def for_department(self, user: Actor) -> JointReviewQuerySet:
        """User.department holds the department's code (e.g. "police") or, as older accounts
        do, its name ("公安"); both match the round's review_departments."""
        department = getattr(user, "department", "")
        county = county_of(user)
        if not department or county is None:
            return self.none()
        mine = Q(department=department) | Q(department_name=department)
        return self.filter(mine, candidate__village__county_id=county)

    def pending(self) -> JointReviewQuerySet:
        return self.filter(outcome=ReviewOutcome.PENDING)


class JointReview(SealedModel):
    """One department's opinion on one candidate. The note is sealed."""

    SEALED = ("note",)

    candidate = models.ForeignKey(
        Candidate, models.PROTECT, related_name="reviews", verbose_name="后备人选"
    )
    department = models.CharField("联审部门", max_length=30)
    department_name = models.CharField("部门名称", max_length=50)
    outcome = models.CharField(
        "意见", max_length=12, choices=ReviewOutcome.choices, default=ReviewOutcome.PENDING
    )
    note_sealed = models.TextField("说明（密文）", editable=False, default="")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )
    requested_at = models.DateTimeField("送审时间", auto_now_add=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    rule_set = models.ForeignKey(
        "rounds.RuleSet", models.PROTECT, null=True, related_name="+", verbose_name="所用规则版本"
    )
    answer = models.ForeignKey(
        ReviewAnswer,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name="代录依据",
    )

    objects = JointReviewQuerySet.as_manager()

    class Meta:
        verbose_name = "资格联审意见"
        verbose_name_plural = "资格联审意见"
        ordering = ["candidate", "department"]
        indexes = [models.Index(fields=["department", "outcome", "requested_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "department"], name="review_one_per_department"
            ),
            models.CheckConstraint(
                condition=Q(outcome="pending") | Q(reviewed_at__isnull=False),
                name="review_answered_has_time",
            ),
            models.CheckConstraint(
                condition=Q(answer__isnull=True) | ~Q(outcome="pending"),
                name="review_on_behalf_is_answered",
            ),
        ]

    note = plain("note")

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.department_name} {self.get_outcome_display()}"

    def audit_region_id(self) -> int | None:
        return self.candidate.village_id
