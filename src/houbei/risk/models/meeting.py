"""The weekly judgement meeting (研判会) of a town: who attended, what was decided, which colour
changes it confirmed, and the actions it assigned to accounts (issue 13 §7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q

from houbei.accounts.scope import region_q
from houbei.regions.models import Region

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class AssessmentMeetingQuerySet(models.QuerySet["AssessmentMeeting"]):
    def visible_to(self, user: Actor) -> AssessmentMeetingQuerySet:
        """The meetings of the towns the user works in: a liaison's villages' town too (an
        action's owner reads the meeting that assigned it)."""
        towns = Region.objects.filter(region_q(user, "")).order_by().values("town_id")
        return self.filter(Q(town_id__in=towns) | region_q(user, "town"))


class AssessmentMeeting(models.Model):
    """One town's meeting of one week (Monday to Sunday), linked to that week's assessment."""

    town = models.ForeignKey(
        "regions.Region", models.PROTECT, related_name="+", verbose_name="乡镇"
    )
    election_round = models.ForeignKey(
        "rounds.ElectionRound", models.PROTECT, related_name="+", verbose_name="换届"
    )
    week = models.DateField("研判周（周一）")
    held_on = models.DateField("会议日期")
    run = models.ForeignKey(
        "risk.AssessmentRun",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="本周研判批次",
    )
    members = models.ManyToManyField(
        "rounds.LeadingGroupMember",
        blank=True,
        related_name="meetings",
        verbose_name="出席的领导小组成员",
    )
    accounts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="出席的其他人员"
    )
    decisions = models.TextField("研究决定事项")
    confirmed = models.ManyToManyField(
        "risk.Assessment",
        blank=True,
        related_name="+",
        verbose_name="会议确认的颜色变化",
        db_constraint=False,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = AssessmentMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "研判会"
        verbose_name_plural = "研判会"
        ordering = ["-week", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["town", "week"], name="meeting_one_per_town_week")
        ]

    def __str__(self) -> str:
        return f"{self.town} {self.held_on:%Y-%m-%d} 研判会"

    def audit_region_id(self) -> int | None:
        return self.town_id


class MeetingActionQuerySet(models.QuerySet["MeetingAction"]):
    def visible_to(self, user: Actor) -> MeetingActionQuerySet:
        """Actions of the meetings in the user's scope, and those assigned to the user."""
        owner_id = getattr(user, "pk", None)
        mine = Q(owner_id=owner_id) if owner_id is not None else Q(pk__in=[])
        return self.filter(region_q(user, "meeting__town") | mine)

    def open(self) -> MeetingActionQuerySet:
        return self.filter(done_at__isnull=True)


class MeetingAction(models.Model):
    """A task the meeting assigned: what, to whom (an account), by when."""

    meeting = models.ForeignKey(
        AssessmentMeeting, models.PROTECT, related_name="actions", verbose_name="研判会"
    )
    task = models.CharField("交办事项", max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="责任人"
    )
    due_on = models.DateField("完成时限")
    done_at = models.DateTimeField("办结时间", null=True, blank=True)
    done_note = models.CharField("办结情况", max_length=300, blank=True)

    objects = MeetingActionQuerySet.as_manager()

    class Meta:
        verbose_name = "研判会交办事项"
        verbose_name_plural = "研判会交办事项"
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "done_at"])]

    def __str__(self) -> str:
        return self.task

    def audit_region_id(self) -> int | None:
        return self.meeting.town_id
