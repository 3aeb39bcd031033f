"""Correcting and voiding the records of a practice post (decision 0028).

A work log (工作纪实) is corrected through its own form, with a reason, or voided. A mentor's
monthly rating counts in the scored evaluation: it is never corrected, only voided (then the
month can be rated again), and not once the candidate's evaluation has been made on it. A test
result (结业测试) is voided too: a voided pass takes a 培训合格 candidate back to 入库 and the
attempt can be entered again. An observation meeting (观摩座谈) is corrected: its date, place
and attendees (its panel's ratings are given again on its own page, as before). A training
attendance (签到) is corrected with a reason: its status and leave reason.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit.corrections import correct, void_record
from houbei.cultivation.models import (
    Attendance,
    AttendanceStatus,
    ExamResult,
    MentorRating,
    ObservationMeeting,
    ProposalGround,
    ProposalStatus,
    WorkLog,
)
from houbei.cultivation.services.plan import flag_over_limit
from houbei.people.forms.fields import refuse_future
from houbei.reserves.models import PIPELINE, Stage
from houbei.reserves.services.corrections import StepBack, timeline

_RELATED = ("placement", "placement__candidate")


@transaction.atomic
def correct_work_log(
    log: WorkLog, *, logged_on: dt.date, text: str, reason: str, actor: Actor
) -> WorkLog:
    found = WorkLog.objects.select_for_update(of=("self",)).select_related(*_RELATED).get(pk=log.pk)
    if not text.strip():
        raise ValidationError({"text": "请填写工作内容"})
    if logged_on < found.placement.starts_on:
        raise ValidationError({"logged_on": "日期不应早于实岗锻炼开始日期"})
    fields = {"logged_on": logged_on, "text": text.strip()}
    correct(
        found, fields=fields, reason=reason, actor=actor, action="cultivation.worklog.corrected"
    )
    return found


def void_work_log(log: WorkLog, *, reason: str, actor: Actor) -> WorkLog:
    return void_record(log, reason, actor=actor, action="cultivation.worklog.voided")


def _evaluated(found: MentorRating) -> str | None:
    stage = Stage(found.placement.candidate.stage)
    if stage != Stage.REMOVED and PIPELINE.index(stage) >= PIPELINE.index(Stage.EVALUATED):
        return f"该人选的综合评分已据此作出（当前阶段：{stage.label}），带教评价不能作废"
    return None


def void_mentor_rating(rating: MentorRating, *, reason: str, actor: Actor) -> MentorRating:
    return void_record(
        rating,
        reason,
        actor=actor,
        action="cultivation.mentor.voided",
        related=_RELATED,
        later_decided=_evaluated,
        extra=lambda found: {"month": found.month, "rating": found.rating},
        after=timeline(lambda found: f"作废带教评价 {found.month:%Y年%m月}"),
    )


def _removal_proposed(found: ExamResult) -> str | None:
    """A failed result that already proposed the trainee's removal stays (the proposal is
    decided on it: the leader rejects the proposal first)."""
    if found.passed:
        return None
    proposed = found.trainee.proposals.filter(ground=ProposalGround.FAILED_EXAM)
    if proposed.exclude(status=ProposalStatus.REJECTED).exists():
        return "已据此成绩提请调整出列，须先处理该提请，成绩不能作废"
    return None


EXAM_BACK = StepBack(
    stage=Stage.TRAINED,
    back_to=Stage.POOLED,
    what="结业测试成绩",
    counted=lambda found: found.passed,
    others=lambda found: ExamResult.objects.valid().filter(trainee=found.trainee_id, passed=True),
)


def _refused(found: ExamResult) -> str | None:
    return _removal_proposed(found) or EXAM_BACK.later_decided(found)


def void_exam(result: ExamResult, *, reason: str, actor: Actor) -> ExamResult:
    return void_record(
        result,
        reason,
        actor=actor,
        action="cultivation.exam.voided",
        related=("trainee", "trainee__candidate"),
        later_decided=_refused,
        step_back=EXAM_BACK.step_back,
        extra=lambda found: {
            "attempt": found.attempt,
            "score": str(found.score),
            "passed": found.passed,
        },
        after=timeline(lambda found: f"作废第{found.attempt}次测试成绩"),
    )


@transaction.atomic
def correct_meeting(
    meeting: ObservationMeeting,
    *,
    held_on: dt.date,
    place: str,
    attendees: str,
    reason: str,
    actor: Actor,
) -> ObservationMeeting:
    found = ObservationMeeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    try:
        refuse_future(held_on)
    except ValidationError as error:
        raise ValidationError({"held_on": error.messages}) from error
    if not place.strip() or not attendees.strip():
        raise ValidationError({"attendees": "请填写地点和参加人员"})
    fields = {"held_on": held_on, "place": place.strip(), "attendees": attendees.strip()}
    correct(
        found, fields=fields, reason=reason, actor=actor, action="cultivation.meeting.corrected"
    )
    return found


@transaction.atomic
def correct_attendance(
    attendance: Attendance, *, status: str, leave_reason: str, reason: str, actor: Actor
) -> Attendance:
    """The trainee's leave ledger is checked again, as after marking the roster (a removal
    proposal already made stays, to be rejected by the leader)."""
    found = (
        Attendance.objects.select_for_update(of=("self",))
        .select_related("session__plan", "trainee__person")
        .get(pk=attendance.pk)
    )
    if status not in AttendanceStatus.values:
        raise ValidationError({"status": "请选择出勤情况"})
    leave_reason = leave_reason.strip() if status == AttendanceStatus.LEAVE else ""
    if status == AttendanceStatus.LEAVE and not leave_reason:
        raise ValidationError({"leave_reason": "请假须填写事由"})
    fields = {"status": status, "leave_reason": leave_reason}
    correct(
        found, fields=fields, reason=reason, actor=actor, action="cultivation.attendance.corrected"
    )
    flag_over_limit(found.session.plan, [found.trainee], actor=actor)
    return found
