"""Proposals to remove a trainee's candidacy (调整出列) and the town leader's decision; an
approval runs the reserves' own removal (reserves.services.remove)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.cultivation.models import ProposalStatus, RemovalProposal, Trainee
from houbei.cultivation.services.common import fresh_candidate, user_of
from houbei.reserves import services as reserves
from houbei.reserves.models import RemovalReason, Stage
from houbei.reserves.services.common import log_event
from houbei.rounds.models import RuleSet


@transaction.atomic
def propose_removal(
    *, trainee: Trainee, ground: str, note: str, rule_set: RuleSet, actor: Actor | None
) -> RemovalProposal | None:
    """Opens a proposal unless one is open, the same ground was proposed before, or the
    candidacy is already removed."""
    candidate = trainee.candidate
    if candidate is None or candidate.stage == Stage.REMOVED:
        return None
    earlier = RemovalProposal.objects.filter(trainee=trainee)
    if earlier.filter(Q(status=ProposalStatus.PROPOSED) | Q(ground=ground)).exists():
        return None  # one open at a time; a ground the leader has decided is not raised again
    proposal = RemovalProposal.objects.create(
        trainee=trainee,
        ground=ground,
        note=note,
        rule_set=rule_set,
        proposed_by=user_of(actor),
    )
    label = proposal.get_ground_display()
    log_event(candidate, action=f"提请调整出列：{label}", actor=actor, rule_set=rule_set, note=note)
    changes = {"ground": ground, "version": rule_set.version}
    record(actor, "cultivation.removal.proposed", proposal, changes)
    return proposal


@transaction.atomic
def decide_removal(
    *, proposal: RemovalProposal, approve: bool, note: str, actor: Actor
) -> RemovalProposal:
    """The town leader approves (the candidacy is removed) or rejects the proposal."""
    if not has_capability(actor, Capability.DECIDE_CANDIDATES):
        raise PermissionDenied("只有乡镇领导可以决定调整出列")
    locked = RemovalProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.PROPOSED:
        raise ValidationError("该提请已作出决定")
    if not approve and not note.strip():
        raise ValidationError({"note": "不同意时须说明理由"})
    locked.status = ProposalStatus.APPROVED if approve else ProposalStatus.REJECTED
    locked.decided_by, locked.decided_at = user_of(actor), timezone.now()
    locked.decision_note = note.strip()
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    candidate = fresh_candidate(locked.trainee.candidate_id)
    if approve and candidate is not None:
        text = f"{locked.get_ground_display()}：{locked.note}"
        reserves.remove(candidate, reason=RemovalReason.POOR_PERFORMANCE, note=text, actor=actor)
    elif candidate is not None:
        log_event(
            candidate,
            action="不同意调整出列",
            actor=actor,
            rule_set=locked.rule_set,
            note=locked.decision_note,
        )
    record(actor, "cultivation.removal.decided", locked, {"approve": approve})
    return locked
