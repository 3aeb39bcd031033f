"""What is waiting for a user: one provider per kind of work, each exactly one query.

A provider runs only when the user holds its capability; it returns the lines of the workbench
(a label, a count, the link to the list with exactly those rows). Every query goes through the
models' `visible_to(user)`, so a count never reaches outside the user's scope. The number of
queries of the page is fixed per role whatever the size of the data (docs/performance.md G3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.types import Actor
from houbei.outcomes.models import Appointment, AppointmentStatus
from houbei.regions.models import Region, RegionQuerySet
from houbei.reserves.models import ApprovalKind, ApprovalRequest, Candidate, JointReview, Stage
from houbei.reserves.waiting import WaitingHit, waiting_hits
from houbei.risk.models import ColourOverride, MeetingAction, Problem, ProblemStatus, Survey


@dataclass(frozen=True)
class Line:
    """One line of the workbench: `count` rows wait behind `url`."""

    key: str
    label: str
    count: int
    url: str
    why: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class Group:
    title: str
    lines: list[Line]


def _url(name: str, **params: str) -> str:
    query = urlencode({k: v for k, v in params.items() if v})
    return reverse(name) + (f"?{query}" if query else "")


def week_start(today: dt.date) -> dt.date:
    """Monday of the week, the week surveys are counted in."""
    return today - dt.timedelta(days=today.weekday())


def approvals(user: Actor, today: dt.date) -> Group:
    """The leader's decisions waiting: staff's removals and outlook confirmations."""
    rows = (
        ApprovalRequest.objects.visible_to(user)
        .pending()
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    counts = dict(rows)
    lines = [
        Line(
            f"approval_{kind}",
            f"待审批：{label}",
            counts.get(kind, 0),
            _url("reserves:approval_list", kind=kind),
            urgent=counts.get(kind, 0) > 0,
        )
        for kind, label in ApprovalKind.choices
    ]
    return Group("待我审批", lines)


def colour_approvals(user: Actor, today: dt.date) -> Group:
    count = ColourOverride.objects.visible_to(user).pending().count()
    line = Line(
        "approval_colour",
        "待审批：颜色调整",
        count,
        reverse("risk:override_list"),
        urgent=count > 0,
    )
    return Group("待我审批", [line])


def unfit_hits(user: Actor, today: dt.date) -> list[WaitingHit]:
    """不宜 hits of the user's candidates waiting for a leader's decision (one query)."""
    return waiting_hits(Candidate.objects.visible_to(user), today)


def unfit_decisions(user: Actor, today: dt.date) -> Group:
    count = len(unfit_hits(user, today))
    line = Line(
        "approval_unfit",
        "待决定：触及“不宜”情形的后备人选",
        count,
        reverse("workbench:waiting_unfit"),
        why="须乡镇领导决定继续或不予继续",
        urgent=count > 0,
    )
    return Group("待我审批", [line])


def proposed_appointments(user: Actor) -> QuerySet[Appointment]:
    """Appointments (吸纳) the town office proposed, of the current round, not yet decided."""
    return Appointment.objects.visible_to(user).filter(
        status=AppointmentStatus.PROPOSED, candidate__election_round__is_current=True
    )


def appointments(user: Actor, today: dt.date) -> Group:
    count = proposed_appointments(user).count()
    line = Line(
        "approval_appointment",
        "待审批：吸纳",
        count,
        reverse("workbench:waiting_appointments"),
        urgent=count > 0,
    )
    return Group("待我审批", [line])


def problems(user: Actor, today: dt.date) -> Group:
    """Open and overdue problems of the user's villages (one aggregate)."""
    is_open = Q(status=ProblemStatus.OPEN)
    found = Problem.objects.visible_to(user).aggregate(
        open=Count("pk", filter=is_open), overdue=Count("pk", filter=is_open & Q(due_on__lt=today))
    )
    overdue, still_open = found["overdue"], found["open"]
    return Group(
        "问题清单",
        [
            Line(
                "problems_overdue",
                "逾期未销号的问题",
                overdue,
                _url("risk:problem_list", status="open", overdue="1"),
                why="已过整改时限仍未销号",
                urgent=overdue > 0,
            ),
            Line(
                "problems_open",
                "未销号的问题",
                still_open,
                _url("risk:problem_list", status="open"),
            ),
        ],
    )


# Where a candidate waits, and for what.
WAITING = (
    (Stage.NOMINATED, "待政治筛查", "已提名，尚未记录政治筛查合格"),
    (Stage.SCREENED, "待民主推荐", "政治筛查合格，尚未通过民主推荐"),
    (Stage.RECOMMENDED, "待送资格联审", "民主推荐通过，尚未送联审"),
    (Stage.REVIEWED, "联审中或待入库", "已送联审，等待部门意见或入库"),
)


def candidates(user: Actor, today: dt.date) -> Group:
    """Candidates of the current round before the pool, by the step they wait for."""
    stages = [str(stage) for stage, _, _ in WAITING]
    rows = (
        Candidate.objects.visible_to(user)
        .filter(election_round__is_current=True, stage__in=stages)
        .order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
    )
    counts = dict(rows)
    lines = [
        Line(
            f"candidates_{stage}",
            label,
            counts.get(str(stage), 0),
            _url("reserves:board", stage=str(stage)),
            why=why,
        )
        for stage, label, why in WAITING
    ]
    return Group("后备人选在途", lines)


def reviews_by_department(user: Actor, today: dt.date) -> Group:
    """Pending joint-review opinions per department (one grouped query)."""
    rows = (
        JointReview.objects.visible_to(user)
        .pending()
        .filter(candidate__election_round__is_current=True)
        .order_by()
        .values_list("department", "department_name")
        .annotate(n=Count("pk"))
        .order_by("department_name")
    )
    lines = [
        Line(
            f"reviews_{code}",
            f"{name}未反馈联审意见",
            n,
            _url("workbench:waiting_reviews", department=code),
        )
        for code, name, n in rows
    ]
    return Group("资格联审（各部门待反馈）", lines)


def my_reviews(user: Actor, today: dt.date) -> Group:
    count = JointReview.objects.for_department(user).pending().count()
    line = Line(
        "my_reviews",
        "待我部门审核的后备人选",
        count,
        reverse("reserves:review_queue"),
        urgent=count > 0,
    )
    return Group("资格联审", [line])


def stale_villages(user: Actor, today: dt.date) -> RegionQuerySet:
    """Villages in scope without a survey since Monday."""
    this_week = Survey.objects.filter(
        village=OuterRef("pk"), surveyed_on__gte=week_start(today), voided_at__isnull=True
    )
    return Region.objects.visible_to(user).villages().current().exclude(Exists(this_week))


def surveys(user: Actor, today: dt.date) -> Group:
    count = stale_villages(user, today).count()
    line = Line(
        "surveys_stale",
        "本周未更新摸排的村",
        count,
        reverse("workbench:stale_surveys"),
        why=f"自 {week_start(today):%m月%d日}（周一）以来没有摸排记录",
    )
    return Group("摸排", [line])


def my_villages(user: Actor, today: dt.date) -> Group:
    count = Region.objects.visible_to(user).villages().current().count()
    line = Line("my_villages", "我包联的村", count, reverse("regions:village_list"))
    return Group("我的村", [line])


def towns(user: Actor, today: dt.date) -> Group:
    count = Region.objects.visible_to(user).filter(level="town").count()
    line = Line("towns", "所辖乡镇对比", count, reverse("workbench:town_list"))
    return Group("各乡镇", [line])


def meeting_actions(user: Actor, today: dt.date) -> Group:
    """Actions the weekly judgement meeting assigned to this user, not yet done (one
    aggregate)."""
    found = (
        MeetingAction.objects.visible_to(user)
        .open()
        .filter(owner_id=getattr(user, "pk", None))
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    )
    line = Line(
        "meeting_actions",
        "研判会交办给我的事项",
        found["open"],
        reverse("risk:action_list"),
        why=f"其中逾期 {found['overdue']} 件" if found["overdue"] else "",
        urgent=found["overdue"] > 0,
    )
    return Group("研判会交办", [line])


Provider = Callable[[Actor, dt.date], Group]
C = Capability
# (capability, provider) in the order the page shows them.
PROVIDERS: tuple[tuple[Capability, Provider], ...] = (
    (C.DECIDE_CANDIDATES, approvals),
    (C.OVERRIDE_COLOUR, colour_approvals),
    (C.DECIDE_CANDIDATES, unfit_decisions),
    (C.DECIDE_CANDIDATES, appointments),
    (C.REVIEW_CANDIDATES, my_reviews),
    (C.COMPARE_TOWNS, towns),
    (C.VIEW_DASHBOARD, problems),
    (C.VIEW_PEOPLE, candidates),
    (C.VIEW_SCREENING, reviews_by_department),
    (C.RECORD_SURVEYS, surveys),
    (C.VIEW_DASHBOARD, meeting_actions),
)


def waiting_for(user: Actor, today: dt.date | None = None) -> list[Group]:
    """The user's workbench: one query per provider the user's role may run."""
    today = today or timezone.localdate()
    groups: dict[str, list[Line]] = {}
    providers = [p for c, p in PROVIDERS if has_capability(user, c)]
    if getattr(user, "role", "") == "liaison":
        providers.insert(0, my_villages)
    for provider in providers:
        group = provider(user, today)
        groups.setdefault(group.title, []).extend(group.lines)
    return [Group(title, lines) for title, lines in groups.items()]
