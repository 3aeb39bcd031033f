"""Appointment (吸纳), commendation (表彰) and removal (调整出列) of a candidate."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from houbei.accounts.types import Actor, acting_user
from houbei.audit import record
from houbei.outcomes.models import Appointment, AppointmentStatus, Commendation
from houbei.outcomes.services.evaluation import locked
from houbei.outcomes.services.guards import appoint_blockers, propose_blockers
from houbei.people.models import Role
from houbei.people.services import appoint_to_post
from houbei.reserves.models import Candidate, Stage
from houbei.reserves.services.common import claim, log_event, move, refuse_if, rules_for


@transaction.atomic
def propose_appointment(
    *,
    candidate: Candidate,
    role: str,
    term_start: dt.date,
    term_until: dt.date,
    document: str,
    actor: Actor,
) -> Appointment:
    """The town office proposes; refused unless every condition of appointment is met."""
    candidate = locked(candidate)
    refuse_if(propose_blockers(candidate))
    if role not in Role.values:
        raise ValidationError({"role": "请选择职务"})
    if term_until <= term_start:
        raise ValidationError({"term_until": "任期届满日期应晚于任职时间"})
    if not document.strip():
        raise ValidationError({"document": "请填写决定文件（名称或文号）"})
    rule_set = rules_for(candidate)
    appointment = Appointment.objects.create(
        candidate=candidate,
        role=role,
        term_start=term_start,
        term_until=term_until,
        document=document.strip(),
        proposed_by=acting_user(actor),
        rule_set=rule_set,
    )
    label = Role(role).label
    log_event(candidate, action=f"提请吸纳为{label}", actor=actor, rule_set=rule_set)
    changes = {"role": role, "term_start": term_start, "term_until": term_until}
    record(actor, "outcomes.appointment.proposed", appointment, changes)
    return appointment


@transaction.atomic
def decide_appointment(
    *, appointment: Appointment, approve: bool, note: str, actor: Actor
) -> Appointment:
    """A leader's decision. Approval checks every guard again and creates the post with its
    term; the candidate becomes `appointed` and the candidacy stays in the person's history."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.status != AppointmentStatus.PROPOSED:
        raise ValidationError("该吸纳提请已有审批结果")
    candidate = locked(appointment.candidate)
    appointment.decided_by = acting_user(actor)
    appointment.decided_at = timezone.now()
    appointment.decision_note = note.strip()
    if approve:
        refuse_if(appoint_blockers(candidate))
        _approve(appointment, candidate, actor)
    else:
        appointment.status = AppointmentStatus.REJECTED
        appointment.save()
        log_event(candidate, action="吸纳未获批准", actor=actor, rule_set=appointment.rule_set)
    record(
        actor,
        "outcomes.appointment.decided",
        appointment,
        {"approved": approve, "note": appointment.decision_note},
    )
    return appointment


def _approve(appointment: Appointment, candidate: Candidate, actor: Actor) -> None:
    until = f"任期至 {appointment.term_until:%Y-%m-%d}，{appointment.document}"
    post = appoint_to_post(
        person=candidate.person,
        village=candidate.village,
        role=Role(appointment.role),
        term_start=appointment.term_start,
        actor=actor,
        note=until[:200],
    )
    appointment.post = post
    appointment.status = AppointmentStatus.APPROVED
    appointment.save()
    claim(candidate, None)
    move(
        candidate,
        to_stage=Stage.APPOINTED,
        action=f"吸纳为{post.get_role_display()}",
        actor=actor,
        rule_set=appointment.rule_set,
        note=until,
    )


@transaction.atomic
def commend(
    *,
    candidate: Candidate,
    title: str,
    document: str,
    awarded_on: dt.date,
    note: str,
    actor: Actor,
) -> Commendation:
    if candidate.stage == Stage.REMOVED:
        raise ValidationError("已调整出列的人选不能表彰")
    if not title.strip() or not document.strip():
        raise ValidationError({"document": "请填写表彰名称和表彰文件"})
    made = Commendation.objects.create(
        candidate=candidate,
        title=title.strip(),
        document=document.strip(),
        awarded_on=awarded_on,
        note=note.strip(),
        recorded_by=acting_user(actor),
    )
    log_event(candidate, action=f"表彰：{made.title}", actor=actor, rule_set=None, note=document)
    record(actor, "outcomes.commendation.recorded", made, {"title": made.title})
    return made
