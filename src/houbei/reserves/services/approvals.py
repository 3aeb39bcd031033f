"""Decisions the round's rules reserve for a town leader (docs/domain.md §6.13).

Staff's removal of a candidate (调整出列) and confirmation of a cadre's outlook (进退留转) become
an ApprovalRequest: nothing changes until a leader approves it, and then the action runs as the
leader's. A leader's or county officer's own action takes effect at once, and so does staff's
when the round's `approvals` section switches the kind off.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.types import Actor, signed_in_user
from houbei.audit import record
from houbei.people.models import Person
from houbei.regions.models import Region
from houbei.reserves.models import (
    ApprovalKind,
    ApprovalRequest,
    ApprovalStatus,
    Candidate,
    RemovalReason,
)
from houbei.reserves.rules import reserve_rules
from houbei.reserves.services.common import claim, log_event, refuse_if, rules_for
from houbei.reserves.services.guards import move_blockers
from houbei.reserves.services.pool import remove
from houbei.rounds.models import ElectionRound, RuleSet
from houbei.rounds.services import current_rules


def may_decide(actor: Actor | None) -> bool:
    return has_capability(actor, Capability.DECIDE_CANDIDATES)


def _acts_at_once(actor: Actor | None, rule_set: RuleSet, kind: str) -> bool:
    return actor is None or may_decide(actor) or not reserve_rules(rule_set).needs_approval(kind)


def _refuse_duplicate(
    kind: str, election_round: ElectionRound, village: Region, person: Any
) -> None:
    pending = ApprovalRequest.objects.pending().filter(
        kind=kind, election_round=election_round, village=village, person=person
    )
    if pending.exists():
        raise ValidationError(
            f"{person}已有待审批的{ApprovalKind(kind).label}申请，请等待乡镇领导审批。"
        )


def _create(**fields: Any) -> ApprovalRequest:
    found = ApprovalRequest.objects.create(**fields)
    changes = {"kind": found.kind, "summary": found.summary, "reason": found.reason}
    record(fields["requested_by"], "reserves.approval.requested", found, changes)
    return found


@transaction.atomic
def request_removal(
    candidate: Candidate, *, reason: str, note: str, actor: Actor | None, version: int | None = None
) -> Candidate | ApprovalRequest:
    """调整出列: at once by a leader (or where the rules let staff); else a request."""
    rule_set = rules_for(candidate)
    if _acts_at_once(actor, rule_set, ApprovalKind.REMOVAL):
        return remove(candidate, reason=reason, note=note, actor=actor, version=version)
    refuse_if(move_blockers(candidate, "remove"))
    if reason not in RemovalReason.values:
        raise ValidationError({"reason": "请选择出列原因"})
    if not note.strip():
        raise ValidationError({"note": "请填写出列说明"})
    _refuse_duplicate(
        ApprovalKind.REMOVAL, candidate.election_round, candidate.village, candidate.person
    )
    claim(candidate, version)  # a page opened before somebody else's change is refused
    label = RemovalReason(reason).label
    request = _create(
        kind=ApprovalKind.REMOVAL,
        village=candidate.village,
        election_round=candidate.election_round,
        candidate=candidate,
        person=candidate.person,
        summary=f"{candidate.person.name}（{candidate.get_target_post_display()}后备）调整出列：{label}",
        reason=note.strip(),
        payload={"reason": reason, "note": note.strip()},
        requested_by=signed_in_user(actor),
        rule_set=rule_set,
    )
    log_event(
        candidate,
        action="申请调整出列（待乡镇领导审批）",
        actor=actor,
        rule_set=rule_set,
        note=f"{label}。{note.strip()}",
    )
    return request


@transaction.atomic
def request_outlook(
    *,
    village: Region,
    person: Person,
    election_round: ElectionRound,
    outlook: str,
    suggested: str,
    reason: str,
    actor: Actor | None,
) -> Any:
    """进退留转 confirmed at once by a leader (or where the rules let staff); else a request."""
    from houbei.risk.models import Outlook
    from houbei.risk.services import confirm_outlook

    rule_set = current_rules(election_round)
    arguments = {"outlook": outlook, "suggested": suggested, "reason": reason.strip()}
    if _acts_at_once(actor, rule_set, ApprovalKind.OUTLOOK):
        return confirm_outlook(
            village=village,
            person=person,
            election_round=election_round,
            outlook=Outlook(outlook),
            suggested=suggested,
            reason=arguments["reason"],
            actor=actor,
        )
    if outlook != suggested and not arguments["reason"]:
        raise ValidationError({"reason": "与系统建议不同，请写明理由。"})
    _refuse_duplicate(ApprovalKind.OUTLOOK, election_round, village, person)
    label = Outlook(outlook).label
    return _create(
        kind=ApprovalKind.OUTLOOK,
        village=village,
        election_round=election_round,
        person=person,
        summary=f"{person.name}：进退留转确认为“{label}”",
        reason=arguments["reason"] or "同意系统建议",
        payload=arguments,
        requested_by=signed_in_user(actor),
        rule_set=rule_set,
    )


def _carry_out(request: ApprovalRequest, actor: Actor) -> None:
    """The approved action, run as the approver's."""
    payload = request.payload
    if request.kind == ApprovalKind.REMOVAL and request.candidate is not None:
        remove(request.candidate, reason=payload["reason"], note=payload["note"], actor=actor)
        return
    from houbei.risk.models import Outlook
    from houbei.risk.services import confirm_outlook

    confirm_outlook(
        village=request.village,
        person=request.person,
        election_round=request.election_round,
        outlook=Outlook(payload["outlook"]),
        suggested=payload["suggested"],
        reason=payload["reason"],
        actor=actor,
    )


@transaction.atomic
def decide_approval(
    request: ApprovalRequest, *, approve: bool, note: str, actor: Actor
) -> ApprovalRequest:
    """A leader's decision: approved, the action runs; not approved, nothing changes."""
    locked = (
        ApprovalRequest.objects.select_for_update(of=("self",))
        .select_related("candidate", "village", "person", "election_round")
        .get(pk=request.pk)
    )
    if not may_decide(actor):
        raise PermissionDenied("只有乡镇领导可以审批")
    if locked.status != ApprovalStatus.PENDING:
        raise ValidationError("该申请已审批过。")
    if not approve and not note.strip():
        raise ValidationError({"note": "不批准时请写明意见。"})
    locked.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    locked.decided_by = signed_in_user(actor)
    locked.decided_at = timezone.now()
    locked.decision_note = note.strip()
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    if approve:
        _carry_out(locked, actor)
    elif locked.candidate is not None:
        log_event(
            locked.candidate,
            action="调整出列申请未获批准",
            actor=actor,
            rule_set=locked.rule_set,
            note=locked.decision_note,
        )
    action = "reserves.approval.approved" if approve else "reserves.approval.rejected"
    record(actor, action, locked, {"kind": locked.kind, "decision_note": locked.decision_note})
    return locked
