"""The scored evaluation (综合评分) and the opinion poll (民意测评) of a candidate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from houbei.accounts.scope import region_q
from houbei.lib.voiding import Voidable, valid_q
from houbei.outcomes.models.choices import Electorate, PollStatus, PollWay, Scale

if TYPE_CHECKING:
    from houbei.accounts.types import Actor

_USER = settings.AUTH_USER_MODEL
_VILLAGE = "candidate__village"


class EvaluationQuerySet(models.QuerySet["Evaluation"]):
    def visible_to(self, user: Actor) -> EvaluationQuerySet:
        return self.filter(region_q(user, _VILLAGE))

    def valid(self) -> EvaluationQuerySet:
        return self.filter(valid_q())


class Evaluation(Voidable):
    """One scoring of a placed candidate: the component values, the weights and the formula of
    the rule version used (kept as they were: a later change of the rules leaves it alone)."""

    candidate = models.ForeignKey(
        "reserves.Candidate", models.PROTECT, related_name="evaluations", verbose_name="后备人选"
    )
    evaluated_on = models.DateField("评分日期")
    components = models.JSONField("各项得分", default=dict)
    weights = models.JSONField("各项权重", default=dict)
    total = models.DecimalField("综合得分", max_digits=5, decimal_places=1)
    pass_line = models.PositiveSmallIntegerField("及格线")
    passed = models.BooleanField("是否合格")
    formula = models.TextField("计分公式")
    note = models.CharField("说明", max_length=300, blank=True, default="")
    rule_set = models.ForeignKey(
        "rounds.RuleSet", models.PROTECT, related_name="+", verbose_name="所用规则版本"
    )
    recorded_by = models.ForeignKey(
        _USER, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = "综合评分"
        verbose_name_plural = "综合评分"
        ordering = ["candidate", "-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gte=0) & Q(total__lte=100), name="evaluation_total_in_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} 综合评分 {self.total}"

    def audit_region_id(self) -> int | None:
        return self.candidate.village_id


class PollQuerySet(models.QuerySet["Poll"]):
    def visible_to(self, user: Actor) -> PollQuerySet:
        return self.filter(region_q(user, _VILLAGE))

    def valid(self) -> PollQuerySet:
        """Not voided by staff (decision 0028); a poll found 测评无效 (`void`) is still valid."""
        return self.filter(valid_q())


class Poll(Voidable):
    """民意测评 of one candidate. Paper: the tally is entered by one account and confirmed by
    another. Electronic: anonymous code slips, counted in BallotCount, hidden until closed."""

    candidate = models.ForeignKey(
        "reserves.Candidate", models.PROTECT, related_name="polls", verbose_name="后备人选"
    )
    electorate = models.CharField("参加范围", max_length=20, choices=Electorate.choices)
    scale = models.CharField("测评等次", max_length=20, choices=Scale.choices)
    way = models.CharField("方式", max_length=12, choices=PollWay.choices)
    held_on = models.DateField("测评日期")
    eligible = models.PositiveIntegerField("应到人数")
    status = models.CharField("状态", max_length=10, choices=PollStatus.choices)
    issued = models.PositiveIntegerField("发出票数", null=True, blank=True)
    returned = models.PositiveIntegerField("收回票数", null=True, blank=True)
    valid = models.PositiveIntegerField("有效票", null=True, blank=True)
    invalid = models.PositiveIntegerField("无效票", null=True, blank=True)
    counts = models.JSONField("各等次票数", default=list)
    void = models.BooleanField("测评无效", default=False)
    passed = models.BooleanField("是否通过", null=True)
    explanation = models.TextField("计票说明", blank=True, default="")
    token = models.CharField(max_length=32, blank=True, default="", editable=False)
    rule_set = models.ForeignKey(
        "rounds.RuleSet", models.PROTECT, related_name="+", verbose_name="所用规则版本"
    )
    entered_by = models.ForeignKey(
        _USER, models.PROTECT, null=True, related_name="+", verbose_name="录入人"
    )
    confirmed_by = models.ForeignKey(
        _USER, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="复核人"
    )
    confirmed_at = models.DateTimeField("复核时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = PollQuerySet.as_manager()

    class Meta:
        verbose_name = "民意测评"
        verbose_name_plural = "民意测评"
        ordering = ["candidate", "-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("entered_by")),
                name="poll_two_people",
            ),
            models.UniqueConstraint(
                fields=["token"], condition=~Q(token=""), name="poll_token_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} 民意测评 {self.held_on:%Y-%m-%d}"

    def audit_region_id(self) -> int | None:
        return self.candidate.village_id

    @property
    def slip_scope(self) -> str:
        return f"poll:{self.pk}:"


class BallotCount(models.Model):
    """The electronic ballots of a poll, counted per option. Deliberately no ballot rows: no
    code, time or address, nor an insertion order, can tie a vote to the code that cast it."""

    poll = models.ForeignKey(Poll, models.CASCADE, related_name="ballot_counts")
    option = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "电子票计数"
        verbose_name_plural = "电子票计数"
        constraints = [models.UniqueConstraint(fields=["poll", "option"], name="ballot_count_once")]

    def __str__(self) -> str:
        return f"{self.poll_id}:{self.option}"
