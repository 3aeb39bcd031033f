from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.audit import record_read
from houbei.audit.models import AuditEntry
from houbei.lib.paging import keyset_page
from houbei.regions.committee import annotate_committee, build_committee, sitting_posts
from houbei.regions.models import Level, Region
from houbei.rounds.services import current_rules, round_for


def _rules_for(village: Region) -> dict[str, object] | None:
    election_round = round_for(village)
    return current_rules(election_round).rules if election_round else None


@requires(Capability.VIEW_REGIONS)
def village_list(request: HttpRequest) -> HttpResponse:
    visible = Region.objects.visible_to(request.user).villages().current()
    districts = (
        Region.objects.visible_to(request.user).filter(level=Level.DISTRICT).order_by("name")
    )
    villages = visible.search(request.GET.get("q", "")).select_related("district", "town")
    district = request.GET.get("district", "")
    if district.isdigit():
        villages = villages.filter(district_id=int(district))
    page = keyset_page(
        annotate_committee(villages), keys=("code", "id"), token=request.GET.get("after")
    )
    context = {
        "page": page,
        "districts": list(districts),
        "total": visible.count(),
        "query": request.GET.get("q", ""),
        "district": district,
    }
    return render(request, "regions/village_list.html", context)


@requires(Capability.VIEW_REGIONS)
def village_detail(request: HttpRequest, pk: int) -> HttpResponse:
    village = get_object_or_404(
        Region.objects.visible_to(request.user).villages().select_related("district", "town"), pk=pk
    )
    posts = list(sitting_posts(village))
    committee = build_committee(village, posts, _rules_for(village))
    people = [post.person_id for post in posts]  # the page shows each sitting cadre
    record_read(request.user, "regions.village.viewed", village, people=people, region=village)
    history = AuditEntry.objects.filter(region=village).without_views().select_related("actor")
    history = history[:30]
    # The risk panel is risk's own fragment (risk:village_panel), which the page loads.
    context = {"village": village, "committee": committee, "history": history}
    return render(request, "regions/village_detail.html", context)
