"""The town's leadership assignments (分片包干): who covers which town, district or village."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.regions.models import Level, Region
from houbei.risk import services
from houbei.risk.forms import AssignmentForm
from houbei.risk.models import LeadershipAssignment
from houbei.risk.views.common import add_errors

_LEVELS = (Level.TOWN, Level.DISTRICT, Level.VILLAGE)


def _regions(request: HttpRequest) -> list[tuple[int, str]]:
    found = Region.objects.visible_to(request.user).filter(level__in=_LEVELS).current()
    order = {level: n for n, level in enumerate(_LEVELS)}
    rows = sorted(
        found.values_list("pk", "name", "level"), key=lambda r: (order[Level(r[2])], r[1])
    )
    return [(pk, f"{name}（{Level(level).label}）") for pk, name, level in rows]


@requires(Capability.VIEW_DASHBOARD)
@require_GET
def assignment_list(request: HttpRequest) -> HttpResponse:
    assignments = LeadershipAssignment.objects.visible_to(request.user).select_related(
        "region", "user"
    )
    return render(request, "risk/assignment_list.html", {"assignments": assignments})


def _save(request: HttpRequest, form: AssignmentForm, found: LeadershipAssignment | None) -> bool:
    data = dict(form.cleaned_data)
    version = data.pop("version")
    data["region"] = get_object_or_404(Region.objects.visible_to(request.user), pk=data["region"])
    try:
        if found is None:
            services.create_assignment(fields=data, actor=request.user)
        else:
            version = version or found.version
            services.update_assignment(found, fields=data, version=version, actor=request.user)
    except ValidationError as error:
        add_errors(form, error)
        return False
    return True


@requires(Capability.RUN_ASSESSMENT)
@require_http_methods(["GET", "POST"])
def assignment_create(request: HttpRequest) -> HttpResponseBase:
    form = AssignmentForm(request.POST or None, regions=_regions(request))
    if request.method == "POST" and form.is_valid() and _save(request, form, None):
        messages.success(request, "包联安排已添加。")
        return redirect("risk:assignment_list")
    return render(request, "risk/assignment_form.html", {"form": form})


@requires(Capability.RUN_ASSESSMENT)
@require_http_methods(["GET", "POST"])
def assignment_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = get_object_or_404(LeadershipAssignment.objects.visible_to(request.user), pk=pk)
    initial = {f: getattr(found, f) for f in ("duty", "name", "title", "phone", "version")}
    initial["region"] = found.region_id
    form = AssignmentForm(request.POST or None, initial=initial, regions=_regions(request))
    if request.method == "POST" and form.is_valid() and _save(request, form, found):
        messages.success(request, "包联安排已修改。")
        return redirect("risk:assignment_list")
    return render(request, "risk/assignment_form.html", {"form": form, "assignment": found})


@requires(Capability.RUN_ASSESSMENT)
@require_POST
def assignment_delete(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = get_object_or_404(LeadershipAssignment.objects.visible_to(request.user), pk=pk)
    services.delete_assignment(found, actor=request.user)
    messages.success(request, "包联安排已删除。")
    return redirect("risk:assignment_list")
