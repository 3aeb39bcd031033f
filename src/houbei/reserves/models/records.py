"""What the pipeline records about a candidate: screening, interviews, the recommendation vote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from houbei.accounts.scope import region_q
from houbei.lib.sealed import SealedModel, plain
from houbei.lib.voiding import Voidable, valid_q
from houbei.reserves.choices import InterviewKind, MeetingType, ScreeningResult
from houbei.reserves.models.candidate import Candidate

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class CandidateRecordQuerySet(models.QuerySet[models.Model]):
    def visible_to(self, user: Actor) -> CandidateRecordQuerySet:
        return self.filter(region_q(user, "candidate__village"))

    def valid(self) -> CandidateRecordQuerySet:
        """Not voided: what counts, scores and guards read."""
        return self.filter(valid_q())


class _CandidateRecord(Voidable):
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    rule_set = models.ForeignKey(
        "rounds.RuleSet", models.PROTECT, null=True, related_name="+", verbose_name="所用规则版本"
    )

    objects = CandidateRecordQuerySet.as_manager()

    class Meta:
        abstract = True

    def audit_region_id(self) -> int | None:
        return self.candidate.village_id  # type: ignore[attr-defined,no-any-return]


class PoliticalScreening(SealedModel, _CandidateRecord):
    """政治筛查. The findings may name criminal or disciplinary records: sealed at rest."""

    SEALED = ("findings",)

    candidate = models.ForeignKey(
        Candidate, models.PROTECT, related_name="screenings", verbose_name="后备人选"
    )
    result = models.CharField("筛查结论", max_length=10, choices=ScreeningResult.choices)
    screened_on = models.DateField("筛查日期")
    findings_sealed = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = "政治筛查"
        verbose_name_plural = "政治筛查"
        ordering = ["candidate", "-screened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.candidate_id} 政治筛查 {self.get_result_display()}"

    findings = plain("findings")


class Interview(_CandidateRecord):
    """走访座谈: a visit or a group talk about the candidate."""

    candidate = models.ForeignKey(
        Candidate, models.PROTECT, related_name="interviews", verbose_name="后备人选"
    )
    kind = models.CharField("方式", max_length=12, choices=InterviewKind.choices)
    held_on = models.DateField("日期")
    participants = models.PositiveSmallIntegerField("参加人数", default=0)
    summary = models.TextField("情况摘要")

    class Meta:
        verbose_name = "走访座谈"
        verbose_name_plural = "走访座谈"
        ordering = ["candidate", "-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.get_kind_display()} {self.held_on}"


class RecommendationVote(_CandidateRecord):
    """民主推荐: the counted vote and whether it passed under the round's rule."""

    candidate = models.ForeignKey(
        Candidate, models.PROTECT, related_name="votes", verbose_name="后备人选"
    )
    meeting_type = models.CharField("会议类型", max_length=20, choices=MeetingType.choices)
    held_on = models.DateField("推荐日期")
    eligible = models.PositiveIntegerField("应到人数")
    attended = models.PositiveIntegerField("实到人数")
    votes_for = models.PositiveIntegerField("赞成票")
    votes_against = models.PositiveIntegerField("反对票")
    abstentions = models.PositiveIntegerField("弃权票")
    passed = models.BooleanField("是否通过")
    explanation = models.CharField("计票结论", max_length=300)

    class Meta:
        verbose_name = "民主推荐"
        verbose_name_plural = "民主推荐"
        ordering = ["candidate", "-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attended__lte=F("eligible")), name="vote_attended_within_eligible"
            ),
            models.CheckConstraint(
                condition=Q(votes_for__lte=F("attended") - F("votes_against") - F("abstentions")),
                name="vote_ballots_within_attended",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} 民主推荐 {self.votes_for}/{self.eligible}"
