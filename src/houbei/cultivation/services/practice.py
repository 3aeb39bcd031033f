"""Practice posts (实岗锻炼), work logs, monthly mentor ratings and observation meetings."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.cultivation.models import (
    CultivationPlan,
    MeetingRating,
    MentorRating,
    ObservationMeeting,
    Placement,
    PlacementRole,
    Trainee,
    WorkLog,
)
from houbei.cultivation.services.common import fresh_candidate, plan_rules, user_of
from houbei.people.models import Person
from houbei.regions.models import Region
from houbei.reserves.models import Candidate, Stage
from houbei.reserves.services.common import claim, log_event, move


def _check_placement(
    trainee: Trainee, village: Region, role: str, duty_areas: list[str], offered: tuple[str, ...]
) -> Candidate:
    candidate = fresh_candidate(trainee.candidate_id)
    if candidate is None or candidate.stage != Stage.TRAINED:
        raise ValidationError("只有培训合格的后备人选可以安排实岗锻炼")
    if not village.is_village or village.town_id != trainee.plan.town_id:
        raise ValidationError({"village": "请选择本乡镇的行政村"})
    if role not in PlacementRole.values:
        raise ValidationError({"role": "请选择岗位"})
    unknown = [area for area in duty_areas if area not in offered]
    if not duty_areas or unknown:
        raise ValidationError({"duty_areas": f"分工应从本届规则中选择：{'、'.join(offered)}"})
    return candidate


@transaction.atomic
def place(
    *,
    trainee: Trainee,
    village: Region,
    role: str,
    duty_areas: list[str],
    mentor: Person | None,
    starts_on: dt.date,
    actor: Actor,
) -> Placement:
    """A practice post; the planned end follows the round's length; the candidate is `placed`."""
    rule_set, rules = plan_rules(trainee.plan)
    candidate = _check_placement(trainee, village, role, duty_areas, rules.duty_areas)
    placement = Placement.objects.create(
        candidate=candidate,
        trainee=trainee,
        village=village,
        role=role,
        duty_areas=list(duty_areas),
        mentor=mentor,
        starts_on=starts_on,
        planned_end=starts_on + dt.timedelta(days=rules.practice_days),
        rule_set=rule_set,
        recorded_by=user_of(actor),
    )
    claim(candidate, None)
    note = f"{village} {placement.get_role_display()}，分工：{'、'.join(duty_areas)}"
    move(
        candidate,
        to_stage=Stage.PLACED,
        action="实岗锻炼",
        actor=actor,
        rule_set=rule_set,
        note=note,
    )
    changes = {"village": village.pk, "role": role, "version": rule_set.version}
    record(actor, "cultivation.placement.created", placement, changes)
    return placement


@transaction.atomic
def add_work_log(*, placement: Placement, logged_on: dt.date, text: str, actor: Actor) -> WorkLog:
    if not text.strip():
        raise ValidationError({"text": "请填写工作内容"})
    if logged_on < placement.starts_on:
        raise ValidationError({"logged_on": "日期不应早于实岗锻炼开始日期"})
    log = WorkLog.objects.create(
        placement=placement, logged_on=logged_on, text=text.strip(), recorded_by=user_of(actor)
    )
    record(actor, "cultivation.worklog.added", log, {"logged_on": logged_on})
    return log


@transaction.atomic
def rate_month(
    *, placement: Placement, month: dt.date, rating: str, note: str, actor: Actor
) -> MentorRating:
    """The mentor's monthly rating on the round's scale."""
    rule_set, rules = plan_rules(placement.trainee.plan)
    if rating not in rules.mentor_scale:
        raise ValidationError({"rating": f"评价应为：{'、'.join(rules.mentor_scale)}"})
    first = month.replace(day=1)
    if MentorRating.objects.valid().filter(placement=placement, month=first).exists():
        raise ValidationError({"month": f"{first:%Y年%m月}已有评价"})
    made = MentorRating.objects.create(
        placement=placement,
        month=first,
        rating=rating,
        note=note.strip(),
        rule_set=rule_set,
        recorded_by=user_of(actor),
    )
    log_event(
        placement.candidate,
        action=f"带教评价 {first:%Y年%m月}：{rating}",
        actor=actor,
        rule_set=rule_set,
    )
    record(actor, "cultivation.mentor.rated", made, {"month": first, "rating": rating})
    return made


@transaction.atomic
def hold_meeting(
    *, plan: CultivationPlan, held_on: dt.date, place: str, attendees: str, actor: Actor
) -> ObservationMeeting:
    meeting = ObservationMeeting.objects.create(
        plan=plan,
        held_on=held_on,
        place=place.strip(),
        attendees=attendees.strip(),
        recorded_by=user_of(actor),
    )
    record(actor, "cultivation.meeting.held", meeting, {"held_on": held_on})
    return meeting


@transaction.atomic
def rate_at_meeting(
    *, meeting: ObservationMeeting, placement: Placement, rating: str, comments: str, actor: Actor
) -> MeetingRating:
    """The panel's rating of a placed candidate's report (feeds the later evaluation)."""
    rule_set, rules = plan_rules(meeting.plan)
    if placement.trainee.plan_id != meeting.plan_id:
        raise ValidationError("该人员不在本计划的实岗锻炼名单中")
    if rating not in rules.mentor_scale:
        raise ValidationError({"rating": f"评价应为：{'、'.join(rules.mentor_scale)}"})
    made, _ = MeetingRating.objects.update_or_create(
        meeting=meeting,
        placement=placement,
        defaults={"rating": rating, "comments": comments.strip(), "rule_set": rule_set},
    )
    record(actor, "cultivation.meeting.rated", made, {"rating": rating})
    return made
