"""The problem list (问题清单), progress, closing (销号) and the key-and-difficult villages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.decorators import requires
from houbei.audit.corrections import ReasonForm, VoidForm
from houbei.audit.models import AuditEntry
from houbei.lib.paging import keyset_page
from houbei.risk import queries, services
from houbei.risk.forms import NoteForm, ProblemForm
from houbei.risk.models import Problem, ProblemKind, ProblemStatus
from houbei.risk.views.common import (
    add_errors,
    get_village,
    risk_rules_for,
    round_or_404,
    scope_villages,
)


@requires(Capability.VIEW_DASHBOARD)
@require_GET
def problem_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    problems = Problem.objects.visible_to(request.user).select_related(
        "village", "village__district"
    )
    status, kind = request.GET.get("status", "open"), request.GET.get("kind", "")
    if status in ProblemStatus.values:
        problems = problems.filter(status=status)
    if request.GET.get("overdue"):
        problems = problems.overdue(today)
    if kind in ProblemKind.values:
        problems = problems.filter(kind=kind)
    colour = request.GET.get("colour", "")
    if colour:
        problems = problems.filter(
            village__assessments__is_latest=True, village__assessments__colour=colour
        )
    page = keyset_page(problems, keys=("due_on", "id"), token=request.GET.get("after"))
    context = {
        "page": page,
        "today": today,
        "status": status,
        "kind": kind,
        "colour": colour,
        "overdue": request.GET.get("overdue", ""),
        "kinds": ProblemKind.choices,
        "query": request.GET.urlencode(),
    }
    return render(request, "risk/problem_list.html", context)


@requires(Capability.VIEW_DASHBOARD)
@require_GET
def focus_list(request: HttpRequest) -> HttpResponse:
    """重点难点村: listed by staff, or red with open problems (not ready to elect)."""
    today = timezone.localdate()
    rows = queries.grid_rows(scope_villages(request), today)
    queries.summarise(rows, today)
    rows = [row for row in rows if row["focus"] or row["not_ready"]]
    return render(request, "risk/focus_list.html", {"rows": rows})


@requires(Capability.EDIT_PROBLEMS)
@require_http_methods(["GET", "POST"])
def problem_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    village = get_village(request, pk)
    election_round = round_or_404(village)
    days = risk_rules_for(request).problem_due_days
    initial = {"due_on": timezone.localdate() + dt.timedelta(days=days)}
    form = ProblemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version")
        problem = services.create_problem(
            village=village, election_round=election_round, fields=data, actor=request.user
        )
        messages.success(request, "问题已列入清单。")
        return redirect("risk:problem_detail", pk=problem.pk)
    return render(request, "risk/problem_form.html", {"form": form, "village": village})


class ProblemCorrectionForm(ProblemForm, ReasonForm):
    """The problem form and the reason of the correction (decision 0028)."""


def _problem(request: HttpRequest, pk: int) -> Problem:
    related = ("village", "closed_by", "voided_by")
    return get_object_or_404(
        Problem.objects.visible_to(request.user).select_related(*related), pk=pk
    )


def _detail(request: HttpRequest, problem: Problem, void_form: Any = None) -> HttpResponse:
    may_void = problem.is_open and has_capability(request.user, Capability.VOID_RECORDS)
    history = AuditEntry.objects.for_object(problem).without_views().select_related("actor")[:50]
    context = {
        "problem": problem,
        "village": problem.village,
        "notes": problem.notes.select_related("recorded_by"),
        "form": NoteForm(),
        "history": history,
        "void_form": (void_form or VoidForm(prefix="void")) if may_void else None,
    }
    return render(request, "risk/problem_detail.html", context)


@requires(Capability.VIEW_DASHBOARD)
@require_GET
def problem_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _problem(request, pk))


@requires(Capability.EDIT_PROBLEMS)
@require_http_methods(["GET", "POST"])
def problem_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    """更正 a problem: its own form with a reason; the change lands in its history."""
    problem = _problem(request, pk)
    initial = {f: getattr(problem, f) for f in ProblemForm.base_fields}
    form = ProblemCorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        version = data.pop("version") or problem.version
        try:
            services.update_problem(
                problem, fields=data, version=version, actor=request.user, reason=reason
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "问题已更正。")
            return redirect("risk:problem_detail", pk=problem.pk)
    context = {"form": form, "village": problem.village, "problem": problem}
    return render(request, "risk/problem_form.html", context)


@requires(Capability.VOID_RECORDS)
@require_POST
def problem_void(request: HttpRequest, pk: int) -> HttpResponseBase:
    problem = _problem(request, pk)
    form = VoidForm(request.POST, prefix="void")
    if form.is_valid():
        try:
            services.void_problem(problem, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "问题已作废，不再计入问题清单统计。")
            return redirect("risk:problem_detail", pk=problem.pk)
    return _detail(request, problem, void_form=form)


@requires(Capability.EDIT_PROBLEMS)
@require_POST
def problem_progress(request: HttpRequest, pk: int) -> HttpResponseBase:
    problem = _problem(request, pk)
    form = NoteForm(request.POST)
    form.is_valid()
    try:
        services.add_progress(problem, note=form.cleaned_data.get("note", ""), actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "整改进展已记录。")
    return redirect("risk:problem_detail", pk=problem.pk)


@requires(Capability.CLOSE_PROBLEMS)
@require_POST
def problem_close(request: HttpRequest, pk: int) -> HttpResponseBase:
    problem = _problem(request, pk)
    form = NoteForm(request.POST)
    form.is_valid()
    try:
        services.close_problem(problem, note=form.cleaned_data.get("note", ""), actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "问题已销号。")
    return redirect("risk:problem_detail", pk=problem.pk)
