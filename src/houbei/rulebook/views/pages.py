"""Rounds and their rules: read by the towns and the county, edited by the county."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.lib import codes
from houbei.reserves.rules import reserve_rules
from houbei.rounds.models import ElectionRound, RuleSet
from houbei.rounds.services import current_rules
from houbei.rulebook.forms import SectionForm
from houbei.rulebook.registry import BY_NAME, helps, titles, value_in
from houbei.rulebook.services import RulesConflictError, save_section
from houbei.rulebook.views.diffs import changes

HISTORY_LIMIT = 100


def _round(request: HttpRequest, pk: int) -> ElectionRound:
    return get_object_or_404(
        ElectionRound.objects.visible_to(request.user).select_related("region"), pk=pk
    )


POSTS = {"secretary": "村党组织书记", "chair": "村委会主任", "member": "两委委员"}


def _rows(name: str, rules: dict[str, Any]) -> list[Any]:
    """Readable rows for the sections a town officer reads most."""
    value = value_in(rules, name)
    if name == "criteria":
        return [
            (label, value["age_caps"].get(post), _education(value["education_min"].get(post)))
            for post, label in POSTS.items()
        ]
    if name == "disqualifiers":
        names = {d.code: d.name for d in reserve_rules(rules).departments}
        active = value.get("active_lists")
        return [
            {**item, "department_name": names.get(item["department"], item["department"]),
             "active": active is None or item["list"] in active}
            for item in value["items"]
        ]  # fmt: skip
    return []


def _education(code: Any) -> str:
    return (
        f"{codes.EDUCATION.short_label(code)}（{code}）" if code in codes.EDUCATION.codes else "—"
    )


def _sections(rules: dict[str, Any]) -> list[dict[str, Any]]:
    names = titles()
    return [
        {
            "name": name,
            "title": names.get(name, name),
            "value": value_in(rules, name),
            "rows": _rows(name, rules),
            "json": json.dumps(value_in(rules, name), ensure_ascii=False, indent=2),
        }
        for name in BY_NAME
    ]


@requires(Capability.VIEW_RULES)
@require_safe
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = ElectionRound.objects.visible_to(request.user).select_related("region")
    return render(request, "rounds/round_list.html", {"rounds": list(rounds.order_by("-year"))})


@requires(Capability.VIEW_RULES)
@require_safe
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    election_round = _round(request, pk)
    rule_set = current_rules(election_round)
    context = {"round": election_round, "rule_set": rule_set, "sections": _sections(rule_set.rules)}
    return render(request, "rounds/round_detail.html", context)


def _save(
    request: HttpRequest, election_round: ElectionRound, name: str, form: SectionForm
) -> bool:
    data = form.cleaned_data
    try:
        save_section(
            election_round,
            name=name,
            value=data["content"],
            base_version=data["base_version"],
            source_document=data["source_document"],
            note=data["note"],
            actor=request.user,
        )
    except (ValidationError, RulesConflictError) as error:
        texts = error.messages if isinstance(error, ValidationError) else [str(error)]
        for text in texts:
            form.add_error(None, text)
        return False
    return True


@requires(Capability.MANAGE_RULES)
@require_http_methods(["GET", "POST"])
def rules_edit(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    election_round = _round(request, pk)
    if name not in BY_NAME:
        raise Http404("没有这一项规则")
    rule_set = current_rules(election_round)
    initial = {
        "content": json.dumps(value_in(rule_set.rules, name), ensure_ascii=False, indent=2),
        "source_document": rule_set.source_document,
        "base_version": rule_set.version,
    }
    data = request.POST if request.method == "POST" else None
    form = SectionForm(data, section=name, initial=initial)
    if form.is_valid() and _save(request, election_round, name, form):
        messages.success(request, f"已保存为第 {rule_set.version + 1} 版；此后的决定按新版本执行")
        return redirect("rounds:round_detail", election_round.pk)
    context = {"round": election_round, "rule_set": rule_set, "form": form, "name": name}
    context["title"] = titles().get(name, name)
    context["help"] = helps().get(name, "")
    return render(request, "rounds/rules_form.html", context)


@requires(Capability.VIEW_RULES)
@require_safe
def rules_history(request: HttpRequest, pk: int) -> HttpResponse:
    election_round = _round(request, pk)
    versions = list(
        RuleSet.objects.filter(election_round=election_round)
        .select_related("created_by")
        .order_by("-version")[: HISTORY_LIMIT + 1]
    )
    rows = [
        {"rule_set": rs, "changes": changes(older.rules, rs.rules) if older else []}
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
        "sections": _sections(rule_set.rules),
    }
    return render(request, "rounds/ruleset_detail.html", context)
