"""Plans: the county's view by town, a new plan, the town's board, enrolment, the test."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.cultivation import services
from houbei.cultivation.board import build_board
from houbei.cultivation.forms import (
    ExamForm,
    MeetingForm,
    PersonForm,
    PlanForm,
    ScoreSheetForm,
    SessionForm,
)
from houbei.cultivation.models import CultivationPlan
from houbei.cultivation.views.common import visible_plan
from houbei.people.models import Person, Post
from houbei.regions.models import Level
from houbei.reserves.views.common import form_errors, run_service, submit, user_round


@requires(Capability.VIEW_PEOPLE)
@require_safe
def plan_list(request: HttpRequest) -> HttpResponse:
    """Every visible plan with its figures (the county's view by town)."""
    plans = (
        CultivationPlan.objects.visible_to(request.user)
        .filter(election_round__is_current=True)
        .select_related("town", "election_round")
        .annotate(
            classes=Count("sessions", distinct=True),
            people=Count("trainees", distinct=True),
            trained=Count(
                "trainees", filter=Q(trainees__candidate__stage="trained"), distinct=True
            ),
            placed=Count("trainees", filter=Q(trainees__candidate__stage="placed"), distinct=True),
            waiting=Count(
                "trainees__proposals",
                filter=Q(trainees__proposals__status="proposed"),
                distinct=True,
            ),
        )
        .order_by("town__code")
    )
    region = getattr(request.user, "region", None)
    can_create = region is not None and region.level == Level.TOWN
    context = {"plans": plans, "form": PlanForm(), "can_create": can_create}
    return render(request, "cultivation/plan_list.html", context)


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def plan_new(request: HttpRequest) -> HttpResponse:
    back = reverse("cultivation:plan_list")
    form = PlanForm(request.POST)
    election_round = user_round(request)
    town = getattr(request.user, "region", None)
    if not form.is_valid() or election_round is None or town is None:
        form_errors(request, form)
        return redirect(back)
    return run_service(
        request,
        lambda: services.create_plan(
            election_round=election_round,
            town=town,
            title=form.cleaned_data["title"],
            actor=request.user,
        ),
        done="已创建培养计划",
        back=back,
    )


@requires(Capability.VIEW_PEOPLE)
@require_safe
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The town's cultivation board."""
    plan = visible_plan(request, pk)
    board = build_board(plan, request.user)
    context = {
        "board": board,
        "plan": plan,
        "person_form": PersonForm(people=sitting_cadres(plan)),
        "session_form": SessionForm(),
        "meeting_form": MeetingForm(),
    }
    return render(request, "cultivation/plan_detail.html", context)


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def plan_enroll(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    back = reverse("cultivation:plan_detail", args=[plan.pk])
    return run_service(
        request,
        lambda: services.enroll_pooled(plan=plan, actor=request.user),
        done="已将本乡镇入库的后备人选加入学员名单",
        back=back,
    )


def sitting_cadres(plan: CultivationPlan) -> QuerySet[Person]:
    """People holding a post in the plan's town who are not trainees yet."""
    sitting = Post.objects.sitting().filter(village__town=plan.town).values("person_id")
    enrolled = plan.trainees.values("person_id")
    return (
        Person.objects.filter(pk__in=sitting)
        .exclude(pk__in=enrolled)
        .select_related("village")
        .order_by("village__code", "name_pinyin")
    )


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def plan_add_person(request: HttpRequest, pk: int) -> HttpResponse:
    """A sitting cadre added to the trainees."""
    plan = visible_plan(request, pk)
    back = reverse("cultivation:plan_detail", args=[plan.pk])
    form = PersonForm(request.POST, people=sitting_cadres(plan))
    if not form.is_valid():
        form_errors(request, form)
        return redirect(back)
    person = form.cleaned_data["person"]
    return run_service(
        request,
        lambda: services.enroll_person(plan=plan, person=person, actor=request.user),
        done=f"已将{person.name}加入学员名单",
        back=back,
    )


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def session_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    back = reverse("cultivation:plan_detail", args=[plan.pk])
    form = SessionForm(request.POST)
    return submit(
        request,
        form,
        lambda data: services.add_session(plan=plan, actor=request.user, **data),
        done="已添加培训班",
        back=back,
    )


@requires(Capability.MANAGE_CANDIDATES)
def exam(request: HttpRequest, pk: int) -> HttpResponse:
    """结业测试: scores for many trainees at once."""
    plan = visible_plan(request, pk)
    board = build_board(plan, request.user)
    open_rows = [r for r in board.rows if not any(e.passed for e in r.exams)]
    trainees = [r.trainee for r in open_rows]
    form = ExamForm(request.POST or None, trainees=trainees, max_score=board.rules.max_score)
    if request.method == "POST":
        back = reverse("cultivation:plan_detail", args=[plan.pk])
        if not form.is_valid():
            form_errors(request, form)
            return redirect(reverse("cultivation:exam", args=[plan.pk]))
        results, taken_on = form.results(), form.cleaned_data["taken_on"]
        if not results:
            messages.error(request, "请至少填写一名学员的成绩")
            return redirect(reverse("cultivation:exam", args=[plan.pk]))
        return run_service(
            request,
            lambda: services.record_exams(results=results, taken_on=taken_on, actor=request.user),
            done=f"已记录 {len(results)} 名学员的成绩",
            back=back,
        )
    rows = [(row, form[f"score-{row.trainee.pk}"]) for row in open_rows]
    context = {
        "plan": plan,
        "board": board,
        "form": form,
        "rows": rows,
        "sheet_form": ScoreSheetForm(prefix="import"),
    }
    return render(request, "cultivation/exam.html", context)


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    back = reverse("cultivation:plan_detail", args=[plan.pk])
    form = MeetingForm(request.POST)
    return submit(
        request,
        form,
        lambda data: services.hold_meeting(plan=plan, actor=request.user, **data),
        done="已记录观摩座谈",
        back=back,
    )


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def exam_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Scores from a sheet (姓名, 村, 成绩), all or none."""
    plan = visible_plan(request, pk)
    back = reverse("cultivation:exam", args=[plan.pk])
    form = ScoreSheetForm(request.POST, request.FILES, prefix="import")
    if not form.is_valid():
        form_errors(request, form)
        return redirect(back)
    board = build_board(plan, request.user)
    trainees = [r.trainee for r in board.rows if not any(e.passed for e in r.exams)]
    data = form.cleaned_data
    return run_service(
        request,
        lambda: services.import_scores(
            source=data["sheet"], trainees=trainees, taken_on=data["taken_on"], actor=request.user
        ),
        done="已导入测试成绩",
        back=reverse("cultivation:plan_detail", args=[plan.pk]),
    )
