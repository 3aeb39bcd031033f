"""After the classes: removal proposals, practice posts, work logs, ratings, meetings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from houbei.accounts.scope import region_q
from houbei.cultivation.models.choices import PlacementRole, ProposalGround, ProposalStatus
from houbei.cultivation.models.plan import CultivationPlan, Trainee
from houbei.cultivation.models.scope import town_q
from houbei.lib.voiding import Voidable, valid_q

if TYPE_CHECKING:
    from houbei.accounts.types import Actor

_USER = settings.AUTH_USER_MODEL


class ProposalQuerySet(models.QuerySet["RemovalProposal"]):
    def visible_to(self, user: Actor) -> ProposalQuerySet:
        return self.filter(region_q(user, "trainee__village"))


class RemovalProposal(models.Model):
    """A proposal to remove a trainee's candidacy (调整出列) with its reason filled in; the town
    leader approves (then reserves.services.remove runs) or rejects it."""

    trainee = models.ForeignKey(
        Trainee, models.PROTECT, related_name="proposals", verbose_name="学员"
    )
    ground = models.CharField("提请原因", max_length=20, choices=ProposalGround.choices)
    note = models.TextField("说明")
    status = models.CharField(
        "状态", max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    rule_set = models.ForeignKey(
        "rounds.RuleSet", models.PROTECT, related_name="+", verbose_name="所用规则版本"
    )
    proposed_by = models.ForeignKey(
        _USER, models.PROTECT, null=True, related_name="+", verbose_name="提请人"
    )
    proposed_at = models.DateTimeField("提请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        _USER, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="决定人"
    )
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    decision_note = models.TextField("决定说明", blank=True, default="")

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = "出列提请"
        verbose_name_plural = "出列提请"
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee"],
                condition=Q(status="proposed"),
                name="proposal_one_open_per_trainee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.trainee_id} {self.get_ground_display()} {self.get_status_display()}"

    def audit_region_id(self) -> int | None:
        return self.trainee.village_id


class PlacementQuerySet(models.QuerySet["Placement"]):
    def visible_to(self, user: Actor) -> PlacementQuerySet:
        """By the candidate's own village: their liaison follows them to the post."""
        return self.filter(region_q(user, "candidate__village"))


class Placement(models.Model):
    """实岗锻炼: a candidate's practice post in a village."""

    candidate = models.ForeignKey(
        "reserves.Candidate", models.PROTECT, related_name="placements", verbose_name="后备人选"
    )
    trainee = models.ForeignKey(
        Trainee, models.PROTECT, related_name="placements", verbose_name="学员"
    )
    village = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="+", verbose_name="锻炼村"
    )
    role = models.CharField("岗位", max_length=20, choices=PlacementRole.choices)
    duty_areas = models.JSONField("分工", default=list)
    mentor = models.ForeignKey(
        "people.Person", models.PROTECT, null=True, related_name="+", verbose_name="带教人"
    )
    starts_on = models.DateField("开始日期")
    planned_end = models.DateField("计划结束日期")
    rule_set = models.ForeignKey(
        "rounds.RuleSet", models.PROTECT, related_name="+", verbose_name="所用规则版本"
    )
    recorded_by = models.ForeignKey(
        _USER, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = "实岗锻炼"
        verbose_name_plural = "实岗锻炼"
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gt=F("starts_on")), name="placement_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.village_id} {self.get_role_display()}"

    def audit_region_id(self) -> int | None:
        return self.candidate.village_id


_BY_PLACEMENT = "placement__candidate__village"


class WorkLogQuerySet(models.QuerySet["WorkLog"]):
    def visible_to(self, user: Actor) -> WorkLogQuerySet:
        return self.filter(region_q(user, _BY_PLACEMENT))

    def valid(self) -> WorkLogQuerySet:
        return self.filter(valid_q())


class MentorRatingQuerySet(models.QuerySet["MentorRating"]):
    def visible_to(self, user: Actor) -> MentorRatingQuerySet:
        return self.filter(region_q(user, _BY_PLACEMENT))

    def valid(self) -> MentorRatingQuerySet:
        return self.filter(valid_q())


class MeetingRatingQuerySet(models.QuerySet["MeetingRating"]):
    def visible_to(self, user: Actor) -> MeetingRatingQuerySet:
        return self.filter(region_q(user, _BY_PLACEMENT))


class WorkLog(Voidable):
    """工作纪实: what the candidate did on a day of the practice post."""

    placement = models.ForeignKey(
        Placement, models.PROTECT, related_name="logs", verbose_name="实岗锻炼"
    )
    logged_on = models.DateField("日期")
    text = models.TextField("工作内容")
    recorded_by = models.ForeignKey(
        _USER, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = WorkLogQuerySet.as_manager()

    class Meta:
        verbose_name = "工作纪实"
        verbose_name_plural = "工作纪实"
        ordering = ["placement", "-logged_on", "-id"]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.logged_on}"

    def audit_region_id(self) -> int | None:
        return self.placement.candidate.village_id


class MentorRating(Voidable):
    """The mentor's (带教人) rating of a month on the round's scale."""

    placement = models.ForeignKey(
        Placement, models.PROTECT, related_name="ratings", verbose_name="实岗锻炼"
    )
    month = models.DateField("月份")  # the first day of the month
    rating = models.CharField("评价", max_length=20)
    note = models.CharField("评语", max_length=300, blank=True, default="")
    rule_set = models.ForeignKey(
        "rounds.RuleSet", models.PROTECT, related_name="+", verbose_name="所用规则版本"
    )
    recorded_by = models.ForeignKey(
        _USER, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = MentorRatingQuerySet.as_manager()

    class Meta:
        verbose_name = "带教评价"
        verbose_name_plural = "带教评价"
        ordering = ["placement", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "month"],
                condition=Q(voided_at__isnull=True),
                name="mentor_rating_monthly",
            )
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.month:%Y-%m} {self.rating}"

    def audit_region_id(self) -> int | None:
        return self.placement.candidate.village_id


class MeetingQuerySet(models.QuerySet["ObservationMeeting"]):
    def visible_to(self, user: Actor) -> MeetingQuerySet:
        return self.filter(town_q(user, "plan__town"))


class ObservationMeeting(models.Model):
    """观摩座谈: placed candidates report to a panel."""

    plan = models.ForeignKey(
        CultivationPlan, models.PROTECT, related_name="meetings", verbose_name="培养计划"
    )
    held_on = models.DateField("日期")
    place = models.CharField("地点", max_length=100)
    attendees = models.TextField("参加人员")
    recorded_by = models.ForeignKey(
        _USER, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "观摩座谈"
        verbose_name_plural = "观摩座谈"
        ordering = ["plan", "-held_on", "-id"]

    def __str__(self) -> str:
        return f"观摩座谈 {self.held_on:%Y-%m-%d} {self.place}"

    def audit_region_id(self) -> int | None:
        return self.plan.town_id


class MeetingRating(models.Model):
    """The panel's rating of one placed candidate's report at a meeting."""

    meeting = models.ForeignKey(
        ObservationMeeting, models.PROTECT, related_name="ratings", verbose_name="观摩座谈"
    )
    placement = models.ForeignKey(
        Placement, models.PROTECT, related_name="meeting_ratings", verbose_name="实岗锻炼"
    )
    rating = models.CharField("评价", max_length=20)
    comments = models.TextField("评语", blank=True, default="")
    rule_set = models.ForeignKey(
        "rounds.RuleSet", models.PROTECT, related_name="+", verbose_name="所用规则版本"
    )

    objects = MeetingRatingQuerySet.as_manager()

    class Meta:
        verbose_name = "观摩座谈评价"
        verbose_name_plural = "观摩座谈评价"
        ordering = ["meeting", "placement"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "placement"], name="meeting_rating_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.placement_id} {self.rating}"

    def audit_region_id(self) -> int | None:
        return self.placement.candidate.village_id
