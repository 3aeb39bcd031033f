"""Rounds and their rules: read by the towns and the county, edited by the county."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.rounds.models import ElectionRound, LeadingGroupMember, RuleSet
from houbei.rounds.services import current_rules
from houbei.rulebook.views.display import sections
from houbei.rulebook.wording import sentences

HISTORY_LIMIT = 100


def round_of(request: HttpRequest, pk: int) -> ElectionRound:
    return get_object_or_404(
        ElectionRound.objects.visible_to(request.user).select_related("region"), pk=pk
    )


@requires(Capability.VIEW_RULES)
@require_safe
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = ElectionRound.objects.visible_to(request.user).select_related("region")
    return render(request, "rounds/round_list.html", {"rounds": list(rounds.order_by("-year"))})


@requires(Capability.VIEW_RULES)
@require_safe
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election_round = round_of(request, pk)
    rule_set = current_rules(election_round)
    context = {"round": election_round, "rule_set": rule_set, "sections": sections(rule_set.rules)}
    context["leading_members"] = list(
        LeadingGroupMember.objects.visible_to(request.user)
        .filter(election_round=election_round)
        .select_related("region", "user")
        .order_by("region__level", "region__code", "region__name", "order", "id")
    )
    return render(request, "rounds/round_detail.html", context)


@requires(Capability.VIEW_RULES)
@require_safe
def rules_history(request: HttpRequest, pk: int) -> HttpResponse:
    election_round = round_of(request, pk)
    versions = list(
        RuleSet.objects.filter(election_round=election_round)
        .select_related("created_by")
        .order_by("-version")[: HISTORY_LIMIT + 1]
    )
    rows = [
        {"rule_set": rs, "changes": sentences(older.rules, rs.rules) if older else []}
        for rs, older in zip(versions, [*versions[1:], None], strict=True)
    ][:HISTORY_LIMIT]
    return render(request, "rounds/rules_history.html", {"round": election_round, "rows": rows})


@requires(Capability.VIEW_RULES)
@require_safe
def ruleset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visible = ElectionRound.objects.visible_to(request.user)
    rule_set = get_object_or_404(
        RuleSet.objects.filter(election_round__in=visible).select_related(
            "election_round", "created_by"
        ),
        pk=pk,
    )
    context = {
        "rule_set": rule_set,
        "round": rule_set.election_round,
        "sections": sections(rule_set.rules),
    }
    return render(request, "rounds/ruleset_detail.html", context)
