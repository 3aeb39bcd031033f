"""The town's and county's dashboard, and the button that runs the weekly assessment."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.decorators import requires
from houbei.lib.replica import reads_from_replica
from houbei.risk import queries, services
from houbei.risk.models import COLOURS, Colour, ColourOverride
from houbei.risk.views.common import scope_villages


@requires(Capability.VIEW_DASHBOARD)
@require_GET
@reads_from_replica
def dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    villages = scope_villages(request)
    rows = queries.grid_rows(villages, today)
    summary = queries.summarise(rows, today)
    pending = 0
    if has_capability(request.user, Capability.OVERRIDE_COLOUR):
        pending = ColourOverride.objects.visible_to(request.user).pending().count()
    context = {
        "rows": rows,
        "summary": summary,
        "colours": [(c, Colour(c).label, summary.counts[c]) for c in COLOURS],
        "trend": queries.trend(villages, today),
        "pending": pending,
    }
    return render(request, "risk/dashboard.html", context)


@requires(Capability.RUN_ASSESSMENT)
@require_POST
def assessment_run(request: HttpRequest) -> HttpResponseBase:
    region = getattr(request.user, "region", None)
    run = services.run_assessment(
        region=region, actor=request.user, villages=scope_villages(request)
    )
    counts = "，".join(f"{Colour(c).label}色 {run.counts.get(c, 0)} 个" for c in COLOURS)
    messages.success(request, f"本周研判完成：共 {run.villages} 个村，{counts}。")
    return redirect("risk:dashboard")
