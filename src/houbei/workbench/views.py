"""The workbench (the landing page of every role), the county's towns, and the drill-down lists
no other page filters for: villages without a survey this week, one department's pending
opinions, 不宜 hits and appointments waiting for a leader (docs/decisions/0032)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.decorators import authenticated, requires
from houbei.lib.paging import keyset_page
from houbei.regions.models import Level, Region
from houbei.reserves.models import JointReview
from houbei.workbench import providers, towns

ADMINISTRATOR_LANDING = (
    (Capability.VIEW_AUDIT, "audit:entry_list"),
    (Capability.MANAGE_USERS, "accounts:user_list"),
)
APPOINTMENT_RELATED = ("candidate__person", "candidate__village", "proposed_by")
REVIEW_RELATED = ("candidate__person", "candidate__village", "candidate__village__district")


@authenticated
@require_safe
def home(request: HttpRequest) -> HttpResponseBase:
    """What is waiting for this user, counted and linked (one query per provider). The
    administrators (三员), who have no village work, land on their own page."""
    for capability, url_name in ADMINISTRATOR_LANDING:
        if has_capability(request.user, capability):
            return redirect(url_name)
    today = timezone.localdate()
    context = {"groups": providers.waiting_for(request.user, today), "today": today}
    return render(request, "workbench/home.html", context)


@requires(Capability.COMPARE_TOWNS)
@require_safe
def town_list(request: HttpRequest) -> HttpResponse:
    """The county's towns side by side; each figure drills into the town."""
    today = timezone.localdate()
    visible = Region.objects.visible_to(request.user)
    groups = visible.filter(level=Level.TOWN).order_by("code", "name")
    rows = towns.compare(groups, visible.villages().current(), today, by_town=True)
    context = {"rows": rows, "total": towns.totals(rows), "today": today}
    return render(request, "workbench/town_list.html", context)


@requires(Capability.COMPARE_TOWNS)
@require_safe
def town_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One town's villages with the same figures (404 outside the user's county)."""
    today = timezone.localdate()
    visible = Region.objects.visible_to(request.user)
    town = get_object_or_404(visible.filter(level=Level.TOWN), pk=pk)
    villages = visible.villages().current().filter(town=town)
    rows = towns.compare(villages.order_by("code", "name"), villages, today, by_town=False)
    context = {"town": town, "rows": rows, "total": towns.totals(rows), "today": today}
    return render(request, "workbench/town_detail.html", context)


@requires(Capability.RECORD_SURVEYS)
@require_safe
def stale_surveys(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    villages = providers.stale_villages(request.user, today).select_related("district", "town")
    page = keyset_page(villages, keys=("code", "id"), token=request.GET.get("after"))
    context = {"page": page, "since": providers.week_start(today)}
    return render(request, "workbench/stale_surveys.html", context)


@requires(Capability.VIEW_SCREENING)
@require_safe
def waiting_reviews(request: HttpRequest) -> HttpResponse:
    department = request.GET.get("department", "")
    if not department:
        raise Http404("请选择联审部门")
    reviews = (
        JointReview.objects.visible_to(request.user)
        .pending()
        .filter(department=department, candidate__election_round__is_current=True)
        .select_related(*REVIEW_RELATED)
    )
    page = keyset_page(reviews, keys=("requested_at", "id"), token=request.GET.get("after"))
    context = {"page": page, "department": department, "today": timezone.localdate()}
    return render(request, "workbench/waiting_reviews.html", context)


@requires(Capability.DECIDE_CANDIDATES, Capability.VIEW_SCREENING)
@require_safe
def waiting_unfit(request: HttpRequest) -> HttpResponse:
    """不宜 hits waiting for the leader's decision, each linked to the candidate's page where
    the decision is taken. The item's code is shown, not the fact (its kind stays sealed)."""
    today = timezone.localdate()
    hits = providers.unfit_hits(request.user, today)
    return render(request, "workbench/waiting_unfit.html", {"hits": hits, "today": today})


@requires(Capability.DECIDE_CANDIDATES)
@require_safe
def waiting_appointments(request: HttpRequest) -> HttpResponse:
    """Proposed appointments (吸纳) waiting for the leader, oldest first, paged."""
    proposed = providers.proposed_appointments(request.user).select_related(*APPOINTMENT_RELATED)
    page = keyset_page(proposed, keys=("proposed_at", "id"), token=request.GET.get("after"))
    return render(request, "workbench/waiting_appointments.html", {"page": page})
