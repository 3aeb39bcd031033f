"""Running the weekly assessment and overriding a colour (with a reason, and approval)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.types import Actor, signed_in_user
from houbei.audit import record
from houbei.regions.models import Region
from houbei.risk import rollups
from houbei.risk.engine.run import assess_villages, villages_under
from houbei.risk.models import (
    Assessment,
    AssessmentRun,
    Colour,
    ColourOverride,
    OverrideStatus,
    RunSource,
)
from houbei.risk.rules import risk_rules


@transaction.atomic
def run_assessment(
    *,
    region: Region | None,
    actor: Actor | None,
    source: RunSource = RunSource.WEB,
    villages: QuerySet[Region] | None = None,
    today: dt.date | None = None,
) -> AssessmentRun:
    """Assesses every current village under `region` (or the given, already scoped, villages)."""
    scope = villages if villages is not None else villages_under(region)
    run = assess_villages(region=region, villages=scope, actor=actor, source=source, today=today)
    rollups.refresh_villages(scope)
    record(
        actor,
        "risk.assessment.ran",
        run,
        {"villages": run.villages, "counts": run.counts, "rules": run.rule_versions},
        region=region,
    )
    return run


def _approver_roles(assessment: Assessment) -> list[str]:
    return [str(role) for role in risk_rules(assessment.rule_set).override_roles]


def may_approve(actor: Actor, assessment: Assessment) -> bool:
    return has_capability(actor, Capability.OVERRIDE_COLOUR) and getattr(
        actor, "role", ""
    ) in _approver_roles(assessment)


def _apply(override: ColourOverride, assessment: Assessment) -> None:
    if not Assessment.objects.filter(pk=assessment.pk, is_latest=True).exists():
        raise ValidationError("已有更新的研判结果，请在最新一次研判上重新调整。")
    levels = risk_rules(assessment.rule_set).levels
    assessment.colour = override.colour
    assessment.level = levels[override.colour]
    assessment.override = override
    assessment.save(update_fields=["colour", "level", "override"])
    rollups.refresh_villages(Region.objects.filter(pk=assessment.village_id))


def _check_request(assessment: Assessment, colour: str, reason: str) -> None:
    if not reason:
        raise ValidationError({"reason": "调整颜色必须写明理由。"})
    if colour not in Colour.values:
        raise ValidationError({"colour": "请选择红、橙、黄、绿之一。"})
    if colour == assessment.colour:
        raise ValidationError({"colour": "调整后的颜色与当前颜色相同。"})
    if not assessment.is_latest:
        raise ValidationError("已有更新的研判结果，请在最新一次研判上调整。")
    if ColourOverride.objects.filter(assessment=assessment, status=OverrideStatus.PENDING).exists():
        raise ValidationError("该村已有待审批的颜色调整，请先由领导审批。")


@transaction.atomic
def propose_override(
    assessment: Assessment, *, colour: str, reason: str, actor: Actor
) -> ColourOverride:
    """An approver's override takes effect at once; anyone else's waits for an approver."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    reason = reason.strip()
    _check_request(assessment, colour, reason)
    approved = may_approve(actor, assessment)
    user = signed_in_user(actor)
    override = ColourOverride.objects.create(
        assessment=assessment,
        village_id=assessment.village_id,
        from_colour=assessment.colour,
        colour=colour,
        reason=reason,
        status=OverrideStatus.APPROVED if approved else OverrideStatus.PENDING,
        requested_by=user,
        decided_by=user if approved else None,
        decided_at=timezone.now() if approved else None,
    )
    if approved:
        _apply(override, assessment)
    action = "risk.colour.overridden" if approved else "risk.colour.override_requested"
    changes = {"colour": {"old": override.from_colour, "new": colour}, "reason": reason}
    record(actor, action, override, changes)
    return override


@transaction.atomic
def decide_override(
    override: ColourOverride, *, approve: bool, note: str, actor: Actor
) -> ColourOverride:
    override = ColourOverride.objects.select_for_update().get(pk=override.pk)
    if override.status != OverrideStatus.PENDING:
        raise ValidationError("该调整已审批过。")
    if not may_approve(actor, override.assessment):
        raise ValidationError("按本轮规则，您无权审批颜色调整。")
    if not approve and not note.strip():
        raise ValidationError({"note": "不批准时请写明意见。"})
    override.status = OverrideStatus.APPROVED if approve else OverrideStatus.REJECTED
    override.decided_by = signed_in_user(actor)
    override.decided_at = timezone.now()
    override.decision_note = note.strip()
    override.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if approve:
        _apply(override, override.assessment)
    action = "risk.colour.override_approved" if approve else "risk.colour.override_rejected"
    changes = {"colour": {"old": override.from_colour, "new": override.colour}, "note": note}
    record(actor, action, override, changes)
    return override
