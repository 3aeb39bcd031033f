"""The plan, its classes, who attends and the sign-in (签到)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.cultivation.models import (
    Attendance,
    AttendanceStatus,
    CultivationPlan,
    ProposalGround,
    SignInWay,
    Trainee,
    TrainingSession,
)
from houbei.cultivation.queries import ledgers
from houbei.cultivation.services.common import plan_rules, user_of
from houbei.cultivation.services.proposals import propose_removal
from houbei.people.models import Person
from houbei.regions.models import Level, Region
from houbei.reserves.models import Candidate, Stage
from houbei.rounds.models import ElectionRound


@transaction.atomic
def create_plan(
    *, election_round: ElectionRound, town: Region, title: str, actor: Actor
) -> CultivationPlan:
    if town.level != Level.TOWN:
        raise ValidationError({"town": "培养计划按乡镇制定"})
    if CultivationPlan.objects.filter(election_round=election_round, town=town).exists():
        raise ValidationError({"town": f"{town}本届已有培养计划"})
    plan = CultivationPlan.objects.create(
        election_round=election_round, town=town, title=title.strip(), created_by=user_of(actor)
    )
    record(actor, "cultivation.plan.created", plan, {"title": plan.title})
    return plan


@transaction.atomic
def add_session(
    *,
    plan: CultivationPlan,
    held_on: dt.date,
    starts_at: dt.time,
    ends_at: dt.time,
    hours: Decimal,
    topic: str,
    teacher: str,
    venue: str,
    actor: Actor,
) -> TrainingSession:
    """A class of the plan (培训班)."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "结束时间应晚于开始时间"})
    if hours <= 0:
        raise ValidationError({"hours": "学时应大于 0"})
    session = TrainingSession.objects.create(
        plan=plan,
        held_on=held_on,
        starts_at=starts_at,
        ends_at=ends_at,
        hours=hours,
        topic=topic.strip(),
        teacher=teacher.strip(),
        venue=venue.strip(),
    )
    changes = {"held_on": held_on, "hours": str(hours), "topic": session.topic}
    record(actor, "cultivation.session.created", session, changes)
    return session


@transaction.atomic
def enroll_pooled(*, plan: CultivationPlan, actor: Actor) -> list[Trainee]:
    """Every pooled candidate of the plan's town and round not yet enrolled (the default)."""
    enrolled = Trainee.objects.filter(plan=plan).values("person_id")
    candidates = Candidate.objects.filter(
        election_round=plan.election_round, village__town=plan.town, stage=Stage.POOLED
    ).exclude(person_id__in=enrolled)
    added = [
        Trainee.objects.create(plan=plan, person_id=c.person_id, candidate=c, village=c.village)
        for c in candidates.select_related("village")
    ]
    record(actor, "cultivation.trainees.enrolled", plan, {"count": len(added)})
    return added


@transaction.atomic
def enroll_person(*, plan: CultivationPlan, person: Person, actor: Actor) -> Trainee:
    """A sitting cadre (or anyone of the town) added by hand."""
    if person.village.town_id != plan.town_id:
        raise ValidationError({"person": "只能添加本乡镇的人员"})
    if Trainee.objects.filter(plan=plan, person=person).exists():
        raise ValidationError({"person": f"{person}已在学员名单中"})
    candidate = Candidate.objects.active().filter(person=person, election_round=plan.election_round)
    trainee = Trainee.objects.create(
        plan=plan, person=person, candidate=candidate.first(), village=person.village
    )
    record(actor, "cultivation.trainee.added", trainee, {"person": person.pk})
    return trainee


@dataclass(frozen=True)
class Mark:
    trainee: Trainee
    status: str
    leave_reason: str = ""


def _check_mark(session: TrainingSession, mark: Mark) -> None:
    name = str(mark.trainee.person)
    if mark.trainee.plan_id != session.plan_id:
        raise ValidationError(f"{name}不是本计划的学员")
    if mark.status not in AttendanceStatus.values:
        raise ValidationError(f"{name}：请选择出勤情况")
    if mark.status == AttendanceStatus.LEAVE and not mark.leave_reason.strip():
        raise ValidationError(f"{name}：请假须填写事由")


@transaction.atomic
def mark_roster(
    *,
    session: TrainingSession,
    marks: Iterable[Mark],
    actor: Actor | None,
    way: str = SignInWay.STAFF,
) -> list[Attendance]:
    """签到 for a roster (one or many trainees); then proposes removal for anyone the marks put
    over the leave limit."""
    marks = list(marks)
    saved = []
    for mark in marks:
        _check_mark(session, mark)
        reason = mark.leave_reason.strip() if mark.status == AttendanceStatus.LEAVE else ""
        attendance, _ = Attendance.objects.update_or_create(
            session=session,
            trainee=mark.trainee,
            defaults={
                "status": mark.status,
                "leave_reason": reason,
                "way": way,
                "recorded_by": user_of(actor),
            },
        )
        saved.append(attendance)
    statuses = {str(m.trainee.pk): m.status for m in marks}
    record(actor, "cultivation.attendance.marked", session, {"way": way, "marks": statuses})
    flag_over_limit(session.plan, [m.trainee for m in marks], actor=actor)
    return saved


def flag_over_limit(plan: CultivationPlan, trainees: list[Trainee], *, actor: Actor | None) -> None:
    """A trainee over the leave limit is proposed for removal, under today's rule version."""
    rule_set, rules = plan_rules(plan)
    found = ledgers(plan, [t.pk for t in trainees], rules)
    for trainee in trainees:
        ledger = found[trainee.pk]
        if not ledger.over_limit or trainee.candidate_id is None:
            continue
        note = (
            f"请假缺课累计 {ledger.missed} 学时，超过计划总学时 {ledger.plan.total} 的"
            f"{rules.leave_limit.numerator}/{rules.leave_limit.denominator}"
            f"（规则第{rule_set.version}版）"
        )
        propose_removal(
            trainee=trainee,
            ground=ProposalGround.OVER_LEAVE,
            note=note,
            rule_set=rule_set,
            actor=actor,
        )
