"""The town's and county's dashboard, and the button that runs the weekly assessment."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from houbei.accounts.capabilities import Capability, Role, has_capability
from houbei.accounts.context_processors import capabilities
from houbei.accounts.decorators import requires
from houbei.lib.replica import reads_from_replica
from houbei.regions.models import Level, Region, RegionQuerySet
from houbei.risk import board_cache, queries, rollups, services, tasks
from houbei.risk.models import COLOURS, Colour, ColourOverride
from houbei.risk.views.common import scope_villages


@requires(Capability.VIEW_DASHBOARD)
@require_GET
@reads_from_replica
def dashboard(request: HttpRequest) -> HttpResponse:
    """A town's (or a liaison's) villages one by one; over several towns, a line per town from
    the precomputed rows (houbei.risk.rollups), so a county costs the same at any size.
    `?town=` opens one town's villages from the county's table. A town's and a county's figures
    come from the cache while no write has moved their towns' rows (houbei.risk.board_cache)."""
    today = timezone.localdate()
    town_param = request.GET.get("town") or None
    fragments = None
    cache_key = None
    scope = board_cache.scope_of(request.user, town_param)
    if scope is not None:
        caps_key = capabilities(request)["caps_key"]
        cache_key = board_cache.key(request.user, scope, caps_key, today)
        fragments = board_cache.get(cache_key) if cache_key else None
    if fragments is None:
        fragments = _figures(request, today)
        if cache_key:
            board_cache.put(cache_key, fragments)
    pending = 0
    if has_capability(request.user, Capability.OVERRIDE_COLOUR):
        pending = ColourOverride.objects.visible_to(request.user).pending().count()
    context = {"figures": fragments, "pending": pending}
    return render(request, "risk/dashboard.html", context)


def _figures(request: HttpRequest, today: dt.date) -> board_cache.Fragments:
    """The page's figures, rendered without the request (nothing of the user's but the scope
    gets in, so they may be cached per scope)."""
    villages = scope_villages(request)
    towns = _towns_of_scope(request)
    town = None
    if towns is not None and request.GET.get("town"):
        town = get_object_or_404(towns, pk=_int_or_404(request.GET["town"]))
        villages, towns = villages.filter(town=town), None
    context: dict[str, object] = {"town": town, "towns": None}
    if towns is None:
        rows = queries.grid_rows(villages, today)
        summary: object = queries.summarise(rows, today)
        whole = _whole_town(request, town)
        trend = rollups.trend(whole, today) if whole is not None else queries.trend(villages, today)
        context |= {"rows": rows, "trend": trend}
    else:
        summary = rollups.board(towns, villages, today)
        context |= {"towns": summary.towns, "trend": rollups.trend(towns, today)}
    counts = summary.counts  # type: ignore[attr-defined]
    context |= {
        "summary": summary,
        "colours": [(c, Colour(c).label, counts[c]) for c in COLOURS],
    }
    return board_cache.Fragments(
        heading=render_to_string("risk/_dashboard_heading.html", context),
        body=render_to_string("risk/_dashboard_body.html", context),
        focus=summary.focus,  # type: ignore[attr-defined]
    )


def _towns_of_scope(request: HttpRequest) -> RegionQuerySet | None:
    """The towns of a scope wider than one town (a county officer's), else None."""
    if getattr(request.user, "role", "") != Role.COUNTY_OFFICER:
        return None
    return Region.objects.visible_to(request.user).filter(level=Level.TOWN)


def _whole_town(request: HttpRequest, town: Region | None) -> RegionQuerySet | None:
    """The town whose every village the page shows (a town's officers, or the county's `?town=`),
    whose trend its week rows hold (houbei.risk.rollups); None for a liaison's few villages,
    whose trend is counted live. Reading the week rows instead of every snapshot of the town's
    villages is a fifth of the town dashboard's time (docs/performance.md §4.5)."""
    if town is not None:
        return Region.objects.filter(pk=town.pk)
    user, region_id = request.user, getattr(request.user, "region_id", None)
    if region_id is not None and getattr(user, "role", "") in (Role.TOWN_LEADER, Role.TOWN_STAFF):
        return Region.objects.filter(pk=region_id, level=Level.TOWN)
    return None


def _int_or_404(value: str) -> int:
    try:
        return int(value)
    except ValueError as error:
        raise Http404 from error


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


@requires(Capability.REASSESS_ALL)
@require_POST
def assessment_job(request: HttpRequest) -> HttpResponseBase:
    """The whole county (the user's scope) re-assessed by a background job; its page."""
    if not tasks.may_reassess(request.user):
        raise PermissionDenied
    job = tasks.start_reassessment(request.user)  # type: ignore[arg-type]
    return redirect("jobs:job_detail", pk=job.pk)
