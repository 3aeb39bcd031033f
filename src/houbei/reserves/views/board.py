"""The pipeline board, the pool and the bench strength of the user's villages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, F, IntegerField, QuerySet, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.lib.paging import keyset_page
from houbei.regions.models import Level, Region
from houbei.reserves.forms.filters import CandidateFilterForm
from houbei.reserves.models import PIPELINE, POOL_STAGES, Candidate, Stage
from houbei.reserves.queries import bench_strength, bench_summary
from houbei.reserves.views.common import user_round

# Cards per column on the whole board; a column with more links to its own stage, paged by
# keyset (PER_STAGE cards a page), so every card is reachable and each count matches.
PER_COLUMN = 50
PER_STAGE = 100
BOARD_COLUMNS = [*PIPELINE[:5]]
RELATED = ("person", "village", "village__district")
ORDER = ("village__code", "rank", "id")


def _candidates(request: HttpRequest, form: CandidateFilterForm) -> QuerySet[Candidate]:
    visible = Candidate.objects.visible_to(request.user).filter(election_round__is_current=True)
    return form.filter(visible)


def _stage_link(request: HttpRequest, stage: str) -> str:
    query = request.GET.copy()
    query.pop("after", None)
    query["stage"] = stage
    return query.urlencode()


def _first_cards(candidates: QuerySet[Candidate]) -> list[Candidate]:
    """The first PER_COLUMN cards of every stage, in one query (a window per stage)."""
    position = Window(RowNumber(), partition_by=[F("stage")], order_by=[F(k).asc() for k in ORDER])
    ranked = candidates.select_related(*RELATED).annotate(position=position)
    return list(ranked.filter(position__lte=PER_COLUMN).order_by(*ORDER))


def _columns(
    request: HttpRequest, rows: Sequence[Candidate], counts: dict[str, int], shown: list[Any]
) -> list[dict[str, Any]]:
    columns = []
    for stage in shown:
        cards = [c for c in rows if c.stage == stage]
        count = counts.get(stage, 0)
        more = _stage_link(request, stage) if count > len(cards) else ""
        columns.append({"stage": stage, "count": count, "cards": cards, "more": more})
    return columns


@requires(Capability.VIEW_PEOPLE)
@require_safe
def board(request: HttpRequest) -> HttpResponse:
    """Every stage's column with its first cards and a link to the rest; filtered to one stage,
    that column paged (constant queries either way)."""
    form = CandidateFilterForm(request.GET or None, user=request.user)
    candidates = _candidates(request, form)
    counts = dict(candidates.order_by().values_list("stage").annotate(n=Count("id")))
    stage = form.cleaned_data.get("stage", "") if form.is_valid() else ""
    page = None
    rows: Sequence[Candidate]
    if stage:
        ordered = candidates.select_related(*RELATED).annotate(
            village_code=F("village__code"),
            rank_order=Coalesce("rank", Value(999), output_field=IntegerField()),
        )
        token = request.GET.get("after")
        page = keyset_page(
            ordered, keys=("village_code", "rank_order", "id"), token=token, size=PER_STAGE
        )
        rows, shown = page.items, [Stage(stage)]
    else:
        rows = _first_cards(candidates)
        shown = [*BOARD_COLUMNS] + [s for s in [*PIPELINE[5:], Stage.REMOVED] if counts.get(s)]
    query = request.GET.copy()
    query.pop("after", None)
    others = query.copy()
    others.pop("stage", None)
    context = {
        "form": form,
        "columns": _columns(request, rows, counts, shown),
        "total": sum(counts.values()),
        "page": page,
        "querystring": query.urlencode(),
        "all_stages": others.urlencode(),
    }
    return render(request, "reserves/board.html", context)


@requires(Capability.VIEW_PEOPLE)
@require_safe
def pool_list(request: HttpRequest) -> HttpResponse:
    form = CandidateFilterForm(request.GET or None, user=request.user)
    pooled = _candidates(request, form).filter(stage__in=POOL_STAGES).select_related(*RELATED)
    ordered = pooled.annotate(rank_order=Coalesce("rank", Value(999), output_field=IntegerField()))
    page = keyset_page(
        ordered,
        keys=("village_id", "target_post", "rank_order", "id"),
        token=request.GET.get("after"),
    )
    context = {"form": form, "page": page, "querystring": form.querystring()}
    return render(request, "reserves/pool_list.html", context)


def _bench_villages(request: HttpRequest) -> tuple[QuerySet[Region], str]:
    villages = Region.objects.visible_to(request.user).villages().current()
    district = request.GET.get("district", "")
    if district.isdigit():
        villages = villages.filter(district_id=int(district))
    return villages, district


@requires(Capability.VIEW_PEOPLE)
@require_safe
def bench(request: HttpRequest) -> HttpResponse:
    election_round = user_round(request)
    villages, district = _bench_villages(request)
    page = keyset_page(
        villages.select_related("district"), keys=("code", "id"), token=request.GET.get("after")
    )
    rows: list[dict[str, Any]] = []
    summary = None
    if election_round is not None:
        ids = [v.pk for v in page.items]
        benches = bench_strength(Region.objects.filter(pk__in=ids), election_round)
        rows = [{"village": v, "bench": benches[v.pk]} for v in page.items]
        summary = bench_summary(villages, election_round)
    districts = (
        Region.objects.visible_to(request.user).filter(level=Level.DISTRICT).order_by("name")
    )
    context = {
        "election_round": election_round,
        "rows": rows,
        "page": page,
        "summary": summary,
        "districts": list(districts),
        "district": district,
    }
    return render(request, "reserves/bench.html", context)
