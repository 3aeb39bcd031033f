"""A trainee's page (hours, tests, placement, logs, ratings) and what is recorded from it."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.cultivation import services
from houbei.cultivation.exports import write_plan_roster
from houbei.cultivation.forms import DecisionForm, PlaceForm, RatingForm, WorkLogForm
from houbei.cultivation.models import (
    Attendance,
    MentorRating,
    Placement,
    RemovalProposal,
    WorkLog,
)
from houbei.cultivation.queries import ledgers
from houbei.cultivation.rules import cultivation_rules
from houbei.cultivation.views.common import visible_placement, visible_plan, visible_trainee
from houbei.lib import exports
from houbei.lib.replica import reads_from_replica
from houbei.people.models import Person, Post
from houbei.reserves.views.common import submit
from houbei.rounds.services import current_rules


def _mentors(town_id: int) -> Any:
    sitting = Post.objects.sitting().filter(village__town_id=town_id).values("person_id")
    return Person.objects.filter(pk__in=sitting).select_related("village").order_by("village__code")


@requires(Capability.VIEW_PEOPLE)
@require_safe
def trainee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trainee = visible_trainee(request, pk)
    plan = trainee.plan
    rules = cultivation_rules(current_rules(plan.election_round))
    placement = (
        Placement.objects.filter(trainee=trainee)
        .select_related("village", "mentor", "rule_set")
        .prefetch_related(
            Prefetch("logs", queryset=WorkLog.objects.select_related("voided_by")),
            Prefetch("ratings", queryset=MentorRating.objects.select_related("voided_by")),
            "meeting_ratings__meeting",
        )
        .first()
    )
    context = {
        **_days(placement),
        "trainee": trainee,
        "rules": rules,
        "ledger": ledgers(plan, [trainee.pk], rules)[trainee.pk],
        "attendances": Attendance.objects.filter(trainee=trainee).select_related("session"),
        "exams": trainee.exam_results.select_related("rule_set", "voided_by"),
        "proposals": trainee.proposals.select_related("rule_set", "decided_by"),
        "placement": placement,
        "place_form": PlaceForm(
            town=plan.town, duty_areas=rules.duty_areas, mentors=_mentors(plan.town_id)
        ),
        "log_form": WorkLogForm(),
        "rating_form": RatingForm(scale=rules.mentor_scale),
        "decision_form": DecisionForm(),
    }
    return render(request, "cultivation/trainee_detail.html", context)


def _days(placement: Placement | None) -> dict[str, int]:
    if placement is None:
        return {}
    today = min(timezone.localdate(), placement.planned_end)
    return {
        "days_done": max(0, (today - placement.starts_on).days),
        "days_required": (placement.planned_end - placement.starts_on).days,
    }


def _back(trainee_id: int) -> str:
    return reverse("cultivation:trainee_detail", args=[trainee_id])


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def trainee_place(request: HttpRequest, pk: int) -> HttpResponse:
    trainee = visible_trainee(request, pk)
    rules = cultivation_rules(current_rules(trainee.plan.election_round))
    form = PlaceForm(
        request.POST,
        town=trainee.plan.town,
        duty_areas=rules.duty_areas,
        mentors=_mentors(trainee.plan.town_id),
    )
    return submit(
        request,
        form,
        lambda data: services.place(trainee=trainee, actor=request.user, **data),
        done="已安排实岗锻炼",
        back=_back(trainee.pk),
    )


@requires(Capability.LOG_PRACTICE)
@require_POST
def worklog_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A work log entry by the liaison (their villages' candidates only) or the town office."""
    placement = visible_placement(request, pk)
    form = WorkLogForm(request.POST)
    return submit(
        request,
        form,
        lambda data: services.add_work_log(placement=placement, actor=request.user, **data),
        done="已记录工作纪实",
        back=_back(placement.trainee_id),
    )


@requires(Capability.LOG_PRACTICE)
@require_POST
def rating_new(request: HttpRequest, pk: int) -> HttpResponse:
    placement = visible_placement(request, pk)
    rules = cultivation_rules(current_rules(placement.trainee.plan.election_round))
    form = RatingForm(request.POST, scale=rules.mentor_scale)
    return submit(
        request,
        form,
        lambda data: services.rate_month(placement=placement, actor=request.user, **data),
        done="已记录带教评价",
        back=_back(placement.trainee_id),
    )


@requires(Capability.DECIDE_CANDIDATES)
@require_POST
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The town leader's decision on a removal proposal."""
    proposal = get_object_or_404(RemovalProposal.objects.visible_to(request.user), pk=pk)
    form = DecisionForm(request.POST)
    return submit(
        request,
        form,
        lambda data: services.decide_removal(proposal=proposal, actor=request.user, **data),
        done="已记录领导决定",
        back=_back(proposal.trainee_id),
    )


@requires(Capability.EXPORT_PEOPLE)
@require_safe
@reads_from_replica
def plan_export(request: HttpRequest, pk: int) -> FileResponse:
    """The trainee roster with hours and scores."""
    file = exports.temporary()
    write_plan_roster(file, actor=request.user, plan=visible_plan(request, pk))
    return exports.download(file, f"学员花名册-{timezone.localdate():%Y%m%d}.xlsx")
