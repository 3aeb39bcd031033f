"""The cultivation plan of a town in a round: its classes, trainees, sign-ins and test results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from houbei.accounts.scope import region_q
from houbei.cultivation.models.choices import AttendanceStatus, SignInWay
from houbei.cultivation.models.scope import town_q
from houbei.lib.voiding import Voidable, valid_q

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class PlanQuerySet(models.QuerySet["CultivationPlan"]):
    def visible_to(self, user: Actor) -> PlanQuerySet:
        return self.filter(town_q(user, "town"))


class CultivationPlan(models.Model):
    """培养计划: one per round and town."""

    election_round = models.ForeignKey(
        "rounds.ElectionRound", models.PROTECT, related_name="+", verbose_name="换届"
    )
    town = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="+", verbose_name="乡镇"
    )
    title = models.CharField("名称", max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = "培养计划"
        verbose_name_plural = "培养计划"
        ordering = ["election_round", "town"]
        constraints = [
            models.UniqueConstraint(fields=["election_round", "town"], name="plan_one_per_town")
        ]

    def __str__(self) -> str:
        return self.title

    def audit_region_id(self) -> int | None:
        return self.town_id


class SessionQuerySet(models.QuerySet["TrainingSession"]):
    def visible_to(self, user: Actor) -> SessionQuerySet:
        return self.filter(town_q(user, "plan__town"))


class TrainingSession(models.Model):
    """培训班: one class of the plan."""

    plan = models.ForeignKey(
        CultivationPlan, models.PROTECT, related_name="sessions", verbose_name="培养计划"
    )
    held_on = models.DateField("日期")
    starts_at = models.TimeField("开始时间")
    ends_at = models.TimeField("结束时间")
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1)
    topic = models.CharField("主题", max_length=100)
    teacher = models.CharField("授课人", max_length=50)
    venue = models.CharField("地点", max_length=100)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = "培训班"
        verbose_name_plural = "培训班"
        ordering = ["plan", "held_on", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="session_hours_positive"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"

    def audit_region_id(self) -> int | None:
        return self.plan.town_id


class TraineeQuerySet(models.QuerySet["Trainee"]):
    def visible_to(self, user: Actor) -> TraineeQuerySet:
        """By the trainee's village: a liaison sees only their villages' trainees."""
        return self.filter(region_q(user, "village"))


class Trainee(models.Model):
    """A person attending the plan: a pooled candidate, or a sitting cadre added by hand."""

    plan = models.ForeignKey(
        CultivationPlan, models.PROTECT, related_name="trainees", verbose_name="培养计划"
    )
    person = models.ForeignKey(
        "people.Person", models.PROTECT, related_name="+", verbose_name="人员"
    )
    candidate = models.ForeignKey(
        "reserves.Candidate",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="trainees",
        verbose_name="后备人选",
    )
    village = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="+", verbose_name="所在村"
    )
    added_at = models.DateTimeField("加入时间", auto_now_add=True)

    objects = TraineeQuerySet.as_manager()

    class Meta:
        verbose_name = "学员"
        verbose_name_plural = "学员"
        ordering = ["plan", "village", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "person"], name="trainee_once_per_plan")
        ]

    def __str__(self) -> str:
        return str(self.person)

    def audit_region_id(self) -> int | None:
        return self.village_id


class AttendanceQuerySet(models.QuerySet["Attendance"]):
    def visible_to(self, user: Actor) -> AttendanceQuerySet:
        return self.filter(region_q(user, "trainee__village"))


class ExamQuerySet(models.QuerySet["ExamResult"]):
    def visible_to(self, user: Actor) -> ExamQuerySet:
        return self.filter(region_q(user, "trainee__village"))

    def valid(self) -> ExamQuerySet:
        return self.filter(valid_q())


class Attendance(models.Model):
    """签到: one trainee at one class."""

    session = models.ForeignKey(
        TrainingSession, models.PROTECT, related_name="attendances", verbose_name="培训班"
    )
    trainee = models.ForeignKey(
        Trainee, models.PROTECT, related_name="attendances", verbose_name="学员"
    )
    status = models.CharField("出勤情况", max_length=10, choices=AttendanceStatus.choices)
    leave_reason = models.CharField("请假事由", max_length=200, blank=True, default="")
    way = models.CharField("签到方式", max_length=10, choices=SignInWay.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = "签到"
        verbose_name_plural = "签到"
        ordering = ["session", "trainee"]
        constraints = [
            models.UniqueConstraint(fields=["session", "trainee"], name="attendance_once"),
            models.CheckConstraint(
                condition=~Q(status="leave") | ~Q(leave_reason=""), name="attendance_leave_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee_id}@{self.session_id} {self.get_status_display()}"

    def audit_region_id(self) -> int | None:
        return self.trainee.village_id


class ExamResult(Voidable):
    """综合测试 (结业测试): one attempt, judged under the rule-set version of the day."""

    trainee = models.ForeignKey(
        Trainee, models.PROTECT, related_name="exam_results", verbose_name="学员"
    )
    attempt = models.PositiveSmallIntegerField("次数", default=1)
    taken_on = models.DateField("测试日期")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1)
    passed = models.BooleanField("是否及格")
    rule_set = models.ForeignKey(
        "rounds.RuleSet", models.PROTECT, related_name="+", verbose_name="所用规则版本"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = ExamQuerySet.as_manager()

    class Meta:
        verbose_name = "测试成绩"
        verbose_name_plural = "测试成绩"
        ordering = ["trainee", "attempt"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "attempt"],
                condition=Q(voided_at__isnull=True),
                name="exam_attempt_once",
            ),
            models.CheckConstraint(condition=Q(attempt__gte=1), name="exam_attempt_positive"),
            models.CheckConstraint(condition=Q(score__gte=0), name="exam_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.trainee_id} 第{self.attempt}次测试 {self.score}"

    def audit_region_id(self) -> int | None:
        return self.trainee.village_id
