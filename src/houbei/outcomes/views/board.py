"""The town's outcome board, the targets table (a town's villages, or a county's towns) with its
chart, and the Excel exports. Scoped by the user's region; constant queries per page."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.accounts.scope import region_q
from houbei.lib import exports
from houbei.outcomes.exports import shown, write_evaluations, write_polls, write_targets
from houbei.outcomes.queries import board, board_candidates
from houbei.outcomes.rules import target_rules
from houbei.outcomes.targets import COLUMNS, Measured, measure
from houbei.regions.models import Level, Region
from houbei.reserves.models import Candidate
from houbei.reserves.views.common import user_round
from houbei.rounds.models import ElectionRound
from houbei.rounds.services import current_rules

COLUMN_LABELS = {"before": "换届前", "projected": "预计", "after": "换届后"}


def _round(request: HttpRequest) -> ElectionRound:
    found = user_round(request)
    if found is None:
        raise Http404("尚未设置本届换届")
    return found


@requires(Capability.VIEW_OUTCOMES)
@require_safe
def outcome_board(request: HttpRequest) -> HttpResponse:
    election_round = _round(request)
    candidates = Candidate.objects.visible_to(request.user).filter(election_round=election_round)
    rows = board(board_candidates(candidates))
    return render(request, "outcomes/board.html", {"rows": rows, "round": election_round})


def _measured(request: HttpRequest) -> tuple[Measured, list[Measured], ElectionRound]:
    election_round = _round(request)
    villages = list(
        Region.objects.filter(
            region_q(request.user, ""), level=Level.VILLAGE, valid_to__isnull=True
        )
        .select_related("town")
        .order_by("code")
    )
    rules = target_rules(current_rules(election_round))
    region = getattr(request.user, "region", None)
    total, towns = measure(
        villages, election_round, rules, total_name=region.name if region else "合计"
    )
    return total, towns, election_round


# Figures without a before / projected / after to compare: the bench (now only) and the share
# of heads elected from the pool (after only).
NOT_CHARTED = ("reserves", "reserve_elected")


def _chart(total: Measured) -> dict[str, Any]:
    """Two charts' data: the secretaries' average age, and the shares (as percentages)."""
    age = total.figure("secretary_age")
    shares = [f for f in total.figures if f.unit == "%" and f.key not in NOT_CHARTED]

    def pct(value: float | None) -> float | None:
        return None if value is None else round(value * 100, 1)

    return {
        "columns": [COLUMN_LABELS[c] for c in COLUMNS],
        "age": {"label": age.label, "values": [age.values[c] for c in COLUMNS]},
        "shares": [
            {"label": f.label, "values": [pct(f.values[c]) for c in COLUMNS]} for f in shares
        ],
    }


def _cells(measured: Measured) -> list[dict[str, Any]]:
    return [
        {
            "figure": f,
            "values": [(shown(f.values[c], f.unit), f.meets[c]) for c in COLUMNS],
        }
        for f in measured.figures
    ]


@requires(Capability.VIEW_OUTCOMES)
@require_safe
def targets(request: HttpRequest) -> HttpResponse:
    total, towns, election_round = _measured(request)
    context = {
        "total": total,
        "cells": _cells(total),
        "towns": [(town, _cells(town)) for town in towns] if len(towns) > 1 else [],
        "chart": _chart(total),
        "round": election_round,
        "columns": [COLUMN_LABELS[c] for c in COLUMNS],
    }
    return render(request, "outcomes/targets.html", context)


@requires(Capability.VIEW_OUTCOMES, Capability.EXPORT_PEOPLE)
@require_safe
def targets_export(request: HttpRequest) -> FileResponse:
    total, towns, _ = _measured(request)
    file = exports.temporary()
    write_targets(file, actor=request.user, regions=[total, *towns])
    return exports.download(file, "换届目标完成情况.xlsx")


@requires(Capability.VIEW_OUTCOMES, Capability.EXPORT_PEOPLE)
@require_safe
def evaluations_export(request: HttpRequest) -> FileResponse:
    file = exports.temporary()
    write_evaluations(file, actor=request.user, election_round=_round(request))
    return exports.download(file, "综合评分表.xlsx")


@requires(Capability.VIEW_OUTCOMES, Capability.EXPORT_PEOPLE)
@require_safe
def polls_export(request: HttpRequest) -> FileResponse:
    file = exports.temporary()
    write_polls(file, actor=request.user, election_round=_round(request))
    return exports.download(file, "民意测评结果表.xlsx")
