"""The guards of the outcome moves, readable before clicking (as the pipeline's are): each
returns the reasons a move is refused; the service checks the same list again inside its
transaction (reserves.services.common.refuse_if)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from houbei.cultivation.models import ExamResult, Placement
from houbei.outcomes.models import Appointment, AppointmentStatus, Evaluation, Poll, PollStatus
from houbei.reserves.models import Candidate, Stage
from houbei.reserves.services.guards import review_blockers


def _stage(candidate: Candidate, *allowed: Stage) -> list[str]:
    if candidate.stage in allowed:
        return []
    names = "、".join(stage.label for stage in allowed)
    return [f"当前阶段为“{candidate.get_stage_display()}”，此操作只适用于{names}阶段"]


def evaluate_blockers(candidate: Candidate) -> list[str]:
    return _stage(candidate, Stage.PLACED)


def poll_blockers(candidate: Candidate) -> list[str]:
    found = _stage(candidate, Stage.EVALUATED)
    running = Poll.objects.valid().filter(candidate=candidate).exclude(status=PollStatus.CLOSED)
    if running.exists():
        found.append("已有尚未完成的民意测评")
    return found


def readiness_blockers(
    candidate: Candidate, on: dt.date | None = None, *, practice_ended: bool = True
) -> list[str]:
    """Every condition of appointment: review, test, practice, evaluation, poll
    (`practice_ended=False`: a practice post still running is enough, as for a proposal)."""
    day = on or timezone.localdate()
    found = [f"资格联审：{text}" for text in review_blockers(list(candidate.reviews.all()))]
    if not ExamResult.objects.valid().filter(trainee__candidate=candidate, passed=True).exists():
        found.append("结业测试：尚无及格成绩")
    placement = Placement.objects.filter(candidate=candidate).order_by("-starts_on").first()
    if placement is None:
        found.append("实岗锻炼：尚未安排")
    elif practice_ended and placement.planned_end > day:
        found.append(f"实岗锻炼：尚未期满（至 {placement.planned_end:%Y-%m-%d}）")
    if not Evaluation.objects.valid().filter(candidate=candidate, passed=True).exists():
        found.append("综合评分：尚无合格的评分")
    closed = Poll.objects.valid().filter(candidate=candidate, status=PollStatus.CLOSED)
    if not closed.filter(passed=True, void=False).exists():
        found.append("民意测评：尚无通过的测评")
    return found


def appoint_blockers(candidate: Candidate, on: dt.date | None = None) -> list[str]:
    """Why the candidate cannot be appointed (proposed or approved) now."""
    return _stage(candidate, Stage.POLLED) + readiness_blockers(candidate, on)


def propose_blockers(candidate: Candidate) -> list[str]:
    """A proposal may be made while the practice post still runs; the leader's approval waits
    for its end (appoint_blockers)."""
    found = _stage(candidate, Stage.POLLED) + readiness_blockers(candidate, practice_ended=False)
    open_ = Appointment.objects.filter(candidate=candidate, status=AppointmentStatus.PROPOSED)
    if open_.exists():
        found.append("已有待审批的吸纳提请")
    return found
