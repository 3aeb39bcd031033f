"""A village's risk: the why-panel, history of snapshots, overrides and their approval."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.audit import record_read
from houbei.regions.models import Region
from houbei.risk import explain, queries, services
from houbei.risk.cadres import cadre_rows
from houbei.risk.forms import DecisionForm, OverrideForm
from houbei.risk.models import Assessment, ColourOverride, Outlook, Problem, VillageFacts
from houbei.risk.responsibility import in_charge, roster
from houbei.risk.rules import risk_rules
from houbei.risk.services.assessment import may_approve
from houbei.risk.views.common import add_errors, get_village, round_or_404


def _responsibility(village: Any, latest: Assessment | None) -> list[Any]:
    if latest is None:
        return []
    matrix = risk_rules(latest.rule_set).responsibility
    return in_charge(village, latest.colour, matrix, roster([village.town_id]))


@requires(Capability.VIEW_DASHBOARD)
@require_GET
def village(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_village(request, pk)
    election_round = round_or_404(found)
    panel = queries.village_panel(found)
    latest = panel["assessment"]
    cadres = cadre_rows(found, election_round, timezone.localdate())
    people = [row.person.pk for row in cadres]
    record_read(request.user, "risk.village.viewed", found, people=people, region=found)
    context = {
        "village": found,
        "panel": panel,
        "latest": latest,
        "changes": explain.changes(latest, latest.previous) if latest else None,
        "history": Assessment.objects.filter(village=found).select_related("override")[:30],
        "overrides": ColourOverride.objects.filter(village=found).select_related(
            "requested_by", "decided_by"
        ),
        "cadres": cadres,
        "facts": VillageFacts.objects.filter(village=found, election_round=election_round).first(),
        "problems": Problem.objects.filter(village=found).order_by("status", "due_on"),
        "in_charge": _responsibility(found, latest),
        "outlooks": Outlook.choices,
    }
    return render(request, "risk/village.html", context)


@requires(Capability.VIEW_DASHBOARD)
@require_GET
def village_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The risk panel of the village page (regions:village_detail), which loads it with htmx:
    scoped as that page (any village in the user's scope, 404 otherwise); two queries."""
    found = get_object_or_404(Region.objects.visible_to(request.user).villages(), pk=pk)
    context = {"village": found, "risk_panel": queries.village_panel(found)}
    return render(request, "risk/_village_panel.html", context)


@requires(Capability.VIEW_DASHBOARD)
@require_GET
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(
        Assessment.objects.visible_to(request.user).select_related(
            "village", "previous", "previous__rule_set", "rule_set", "override", "run"
        ),
        pk=pk,
    )
    context = {
        "assessment": assessment,
        "village": assessment.village,
        "changes": explain.changes(assessment, assessment.previous),
        "reasons": explain.reasons(assessment),
    }
    return render(request, "risk/assessment_detail.html", context)


@requires(Capability.PROPOSE_OVERRIDE)
@require_http_methods(["GET", "POST"])
def override_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    assessment = get_object_or_404(
        Assessment.objects.visible_to(request.user).select_related("village", "rule_set"), pk=pk
    )
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            override = services.propose_override(
                assessment, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            done = "已生效" if override.status == "approved" else "已提交，待领导审批"
            messages.success(request, f"颜色调整{done}。")
            return redirect("risk:village", pk=assessment.village_id)
    context = {
        "assessment": assessment,
        "village": assessment.village,
        "form": form,
        "approves": may_approve(request.user, assessment),
    }
    return render(request, "risk/override_form.html", context)


@requires(Capability.OVERRIDE_COLOUR)
@require_GET
def override_list(request: HttpRequest) -> HttpResponse:
    pending = (
        ColourOverride.objects.visible_to(request.user)
        .pending()
        .select_related("village", "requested_by", "assessment")
    )
    return render(request, "risk/override_list.html", {"pending": pending, "form": DecisionForm()})


@requires(Capability.OVERRIDE_COLOUR)
@require_POST
def override_decide(request: HttpRequest, pk: int) -> HttpResponseBase:
    override = get_object_or_404(
        ColourOverride.objects.visible_to(request.user).select_related("assessment__rule_set"),
        pk=pk,
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择批准或不批准。")
        return redirect("risk:override_list")
    try:
        services.decide_override(override, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "审批已记录。")
    return redirect("risk:override_list")
