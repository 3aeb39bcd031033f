"""The candidate's whole way, from nomination to outcome, and the outcome moves made from it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.outcomes import services
from houbei.outcomes.forms import AppointForm, CommendForm, DecideForm, EvaluateForm, PollForm
from houbei.outcomes.models import AppointmentStatus, Electorate
from houbei.outcomes.rules import COMPONENTS, evaluation_rules, poll_rules
from houbei.outcomes.services.guards import (
    evaluate_blockers,
    poll_blockers,
    propose_blockers,
    readiness_blockers,
)
from houbei.outcomes.views.common import candidate_url, visible_appointment
from houbei.reserves.forms.moves import RemoveForm
from houbei.reserves.models import PIPELINE, CandidateEvent, Stage
from houbei.reserves.views.common import submit, visible_candidate
from houbei.rounds.services import current_rules


def _steps(stage: str) -> list[dict[str, Any]]:
    reached = PIPELINE.index(Stage(stage)) if stage in PIPELINE else -1
    return [
        {"label": s.label, "state": "done" if i < reached else "current" if i == reached else ""}
        for i, s in enumerate(PIPELINE)
    ]


@requires(Capability.VIEW_PEOPLE)
@require_safe
def candidate(request: HttpRequest, pk: int) -> HttpResponse:
    found = visible_candidate(request, pk)
    rule_set = current_rules(found.election_round)
    today = timezone.localdate()
    evaluations = list(found.evaluations.select_related("rule_set", "recorded_by", "voided_by"))
    for evaluation in evaluations:
        evaluation.lines = [  # type: ignore[attr-defined]
            (label, evaluation.components.get(key, "0"), evaluation.weights.get(key, 0))
            for key, label in COMPONENTS.items()
        ]
    appointments = list(found.appointments.select_related("decided_by", "post"))
    poll_rule = poll_rules(rule_set)
    pending = any(a.status == AppointmentStatus.PROPOSED for a in appointments)
    context = {
        "candidate": found,
        "steps": _steps(found.stage),
        "events": CandidateEvent.objects.filter(candidate=found).select_related(
            "actor", "rule_set"
        ),
        "evaluations": evaluations,
        "polls": found.polls.select_related("entered_by", "confirmed_by", "rule_set", "voided_by"),
        "appointments": appointments,
        "pending": pending,
        "commendations": found.commendations.all(),
        "formula": evaluation_rules(rule_set).formula(),
        "poll_rule": poll_rule,
        "poll_standards": [
            (label, poll_rule.describe(value)) for value, label in Electorate.choices
        ],
        "blockers": {
            "evaluate": evaluate_blockers(found),
            "poll": poll_blockers(found),
            "appoint": propose_blockers(found),
            "ready": readiness_blockers(found),
        },
        "evaluate_form": EvaluateForm(initial={"evaluated_on": today}),
        "poll_form": PollForm(initial={"held_on": today, "way": "paper", "scale": poll_rule.scale}),
        # The candidate's own target post is the likely seat (a reserve for 两委委员 → 委员).
        "appoint_form": AppointForm(initial={"term_start": today, "role": found.target_post}),
        "decide_form": DecideForm(),
        "commend_form": CommendForm(initial={"awarded_on": today}),
        "remove_form": RemoveForm(prefix="remove", initial={"version": found.version}),
    }
    return render(request, "outcomes/candidate.html", context)


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    found = visible_candidate(request, pk)
    return submit(
        request,
        EvaluateForm(request.POST),
        lambda data: services.evaluate(candidate=found, actor=request.user, **data),
        done="已记录综合评分",
        back=candidate_url(found.pk),
    )


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def poll_new(request: HttpRequest, pk: int) -> HttpResponse:
    found = visible_candidate(request, pk)
    return submit(
        request,
        PollForm(request.POST),
        lambda data: services.open_poll(candidate=found, actor=request.user, **data),
        done="已组织民意测评",
        back=candidate_url(found.pk),
    )


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def appoint(request: HttpRequest, pk: int) -> HttpResponse:
    found = visible_candidate(request, pk)
    return submit(
        request,
        AppointForm(request.POST),
        lambda data: services.propose_appointment(candidate=found, actor=request.user, **data),
        done="已提请吸纳，待领导审批",
        back=candidate_url(found.pk),
    )


@requires(Capability.DECIDE_CANDIDATES)
@require_POST
def appointment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = visible_appointment(request, pk)
    return submit(
        request,
        DecideForm(request.POST),
        lambda data: services.decide_appointment(
            appointment=appointment, actor=request.user, **data
        ),
        done="已记录审批意见",
        back=candidate_url(appointment.candidate_id),
    )


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def commend(request: HttpRequest, pk: int) -> HttpResponse:
    found = visible_candidate(request, pk)
    return submit(
        request,
        CommendForm(request.POST),
        lambda data: services.commend(candidate=found, actor=request.user, **data),
        done="已记录表彰",
        back=candidate_url(found.pk),
    )
