"""The pool: entering it after a complete joint review, standing in it, leaving it (调整出列)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from houbei.accounts.capabilities import Role
from houbei.accounts.types import Actor, acting_user
from houbei.audit import record
from houbei.reserves.models import (
    POOL_STAGES,
    Candidate,
    JointReview,
    Readiness,
    ReviewOutcome,
    Stage,
)
from houbei.reserves.services.common import claim, log_event, move, refuse_if, rules_for
from houbei.reserves.services.guards import move_blockers


@transaction.atomic
def record_opinion(
    review: JointReview, *, outcome: str, note: str, actor: Actor | None
) -> JointReview:
    """One department's opinion. Only that department's reviewer (or the system) records it."""
    locked = JointReview.objects.select_for_update().select_related("candidate").get(pk=review.pk)
    if actor is not None and not _is_reviewer_of(actor, locked):
        raise PermissionDenied("只有该部门的联审审核人可以给出意见")
    if locked.outcome != ReviewOutcome.PENDING:
        raise ValidationError("该部门已给出意见，不能重复审核")
    if outcome not in (ReviewOutcome.PASSED, ReviewOutcome.NOT_PASSED):
        raise ValidationError({"outcome": "请选择通过或不通过"})
    if outcome == ReviewOutcome.NOT_PASSED and not note.strip():
        raise ValidationError({"note": "不通过时须说明理由"})
    locked.outcome, locked.note = outcome, note.strip()
    locked.reviewer = acting_user(actor)
    locked.reviewed_at = timezone.now()
    locked.save(update_fields=["outcome", "note", "reviewer", "reviewed_at"])
    label = ReviewOutcome(outcome).label
    log_event(
        locked.candidate,
        action=f"{locked.department_name}联审{label}",
        actor=actor,
        rule_set=locked.rule_set,
    )  # the note stays sealed in the review's row, not copied into the timeline
    record(
        actor,
        "reserves.review.recorded",
        locked,
        {"department": locked.department, "outcome": outcome},
    )
    return locked


def _is_reviewer_of(actor: Actor, review: JointReview) -> bool:
    department = getattr(actor, "department", "")
    if getattr(actor, "role", "") != Role.REVIEWER or not department:
        return False
    region = getattr(actor, "region", None)
    county = (region.county_id or region.pk) if region is not None else None
    same_county = county == review.candidate.village.county_id
    return same_county and department in (review.department, review.department_name)


@transaction.atomic
def pool(
    candidate: Candidate,
    *,
    readiness: str,
    actor: Actor,
    note: str = "",
    version: int | None = None,
) -> Candidate:
    """入库: only after every department answered and none blocked (also enforced by the
    database)."""
    refuse_if(move_blockers(candidate, "pool"))
    if readiness not in Readiness.values:
        raise ValidationError({"readiness": "请选择成熟度"})
    claim(candidate, version)
    rule_set = rules_for(candidate)
    label = Readiness(readiness).label
    move(
        candidate,
        to_stage=Stage.POOLED,
        action="入库",
        actor=actor,
        rule_set=rule_set,
        note=f"成熟度：{label}。{note}".strip("。"),
        fields={"readiness": readiness},
    )
    record(
        actor,
        "reserves.candidate.pooled",
        candidate,
        {"readiness": readiness, "version": rule_set.version},
    )
    return candidate


def standing_problems(
    candidate: Candidate, *, rank: int | None, emergency_successor: bool
) -> dict[str, str]:
    peers = Candidate.objects.filter(
        village_id=candidate.village_id,
        election_round_id=candidate.election_round_id,
        target_post=candidate.target_post,
        stage__in=POOL_STAGES,
    ).exclude(pk=candidate.pk)
    problems = {}
    taken = peers.filter(rank=rank).select_related("person").first() if rank else None
    if taken is not None:
        problems["rank"] = f"同村同方向的 {taken.person} 已排第 {rank} 位，请先调整其排序"
    successor = peers.filter(emergency_successor=True).select_related("person").first()
    if emergency_successor and successor is not None:
        problems["emergency_successor"] = f"本村该职务已有应急接替人选：{successor.person}"
    return problems


@transaction.atomic
def set_standing(
    candidate: Candidate,
    *,
    readiness: str,
    rank: int | None,
    emergency_successor: bool,
    actor: Actor | None,
    note: str = "",
    version: int | None = None,
) -> Candidate:
    """Readiness, rank among the same post's candidates of the village, emergency successor."""
    refuse_if(move_blockers(candidate, "standing"))
    problems = standing_problems(candidate, rank=rank, emergency_successor=emergency_successor)
    if problems:
        raise ValidationError(problems)
    claim(candidate, version)
    before = {
        "readiness": candidate.readiness,
        "rank": candidate.rank,
        "emergency_successor": candidate.emergency_successor,
    }
    after = {"readiness": readiness, "rank": rank, "emergency_successor": emergency_successor}
    for name, value in after.items():
        setattr(candidate, name, value)
    candidate.save(update_fields=[*after, "updated_at"])
    rule_set = rules_for(candidate)
    successor = "是" if emergency_successor else "否"
    text = f"成熟度：{Readiness(readiness).label}；排序：{rank or '未排'}；应急接替：{successor}"
    log_event(
        candidate,
        action="调整储备情况",
        actor=actor,
        rule_set=rule_set,
        note=f"{text}。{note}".strip("。"),
    )
    record(actor, "reserves.candidate.standing_set", candidate, {"before": before, "after": after})
    return candidate


@transaction.atomic
def remove(
    candidate: Candidate, *, reason: str, note: str, actor: Actor | None, version: int | None = None
) -> Candidate:
    """调整出列 from any stage, with a typed reason and a note."""
    refuse_if(move_blockers(candidate, "remove"))
    if not reason:
        raise ValidationError({"reason": "请选择出列原因"})
    if not note.strip():
        raise ValidationError({"note": "请填写出列说明"})
    claim(candidate, version)
    rule_set = rules_for(candidate)
    fields = {"removal_reason": reason, "removal_note": note.strip(), "emergency_successor": False}
    move(
        candidate,
        to_stage=Stage.REMOVED,
        action="调整出列",
        actor=actor,
        rule_set=rule_set,
        note=note.strip(),
        fields=fields,
    )
    record(
        actor,
        "reserves.candidate.removed",
        candidate,
        {"reason": reason, "version": rule_set.version},
    )
    return candidate
