"""The county edits its round's rules: a section as a form (a preview of its effect before
saving), or the whole rule set exported to and imported from a file by an expert."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.rounds.models import ElectionRound, RuleSet
from houbei.rounds.services import current_rules
from houbei.rulebook.forms import ImportForm, MetaFields, RuleForm, SectionForm
from houbei.rulebook.preview import preview
from houbei.rulebook.registry import BY_NAME, helps, with_missing_defaults
from houbei.rulebook.services import (
    RulesConflictError,
    defaulted_note,
    import_rules,
    save_section,
)
from houbei.rulebook.views.pages import round_of
from houbei.rulebook.wording import sentences


def _refused(form: forms.Form, error: ValidationError | RulesConflictError) -> None:
    for text in error.messages if isinstance(error, ValidationError) else [str(error)]:
        form.add_error(None, text)


def _save(request: HttpRequest, election_round: ElectionRound, name: str, form: Any) -> bool:
    data = form.cleaned_data
    try:
        save_section(
            election_round,
            name=name,
            value=data["value"] if "value" in data else data["content"],
            base_version=data["base_version"],
            source_document=data["source_document"],
            note=data["note"],
            actor=request.user,
        )
    except (ValidationError, RulesConflictError) as error:
        _refused(form, error)
        return False
    return True


def _form(request: HttpRequest, name: str, rule_set: RuleSet) -> MetaFields | SectionForm:
    section = BY_NAME[name]
    initial: dict[str, Any] = {
        "source_document": rule_set.source_document,
        "base_version": rule_set.version,
    }
    data = request.POST if request.method == "POST" else None
    if section.describe is None:  # not described yet: the section as JSON
        initial["content"] = json.dumps(
            section.value_in(rule_set.rules), ensure_ascii=False, indent=2
        )
        return SectionForm(data, section=name, initial=initial)
    return RuleForm(data, section=section, rules=rule_set.rules, initial=initial)


def _preview(election_round: ElectionRound, rule_set: RuleSet, form: RuleForm) -> dict[str, Any]:
    """What the proposed section would change; the note and source are not needed yet."""
    for name in MetaFields.META:
        form.errors.pop(name, None)
    value = form.cleaned_data.get("value")
    if form.errors or value is None:
        return {}
    proposed = {**rule_set.rules, form.section.name: value}
    return {
        "changes": sentences(rule_set.rules, proposed),
        "effects": preview(election_round, form.section.name, proposed),
    }


@requires(Capability.MANAGE_RULES)
@require_http_methods(["GET", "POST"])
def rules_edit(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    election_round = round_of(request, pk)
    if name not in BY_NAME:
        raise Http404("没有这一项规则")
    rule_set = current_rules(election_round)
    form = _form(request, name, rule_set)
    previewed: dict[str, Any] = {}
    if "preview" in request.POST and isinstance(form, RuleForm):
        form.is_valid()
        previewed = _preview(election_round, rule_set, form)
    elif form.is_valid() and _save(request, election_round, name, form):
        messages.success(request, f"已保存为第 {rule_set.version + 1} 版；此后的决定按新版本执行")
        return redirect("rounds:round_detail", election_round.pk)
    context = {
        "round": election_round,
        "rule_set": rule_set,
        "form": form,
        "title": BY_NAME[name].title,
        "help": helps().get(name, "") if isinstance(form, SectionForm) else "",
        "preview": previewed,
    }
    template = "rounds/rules_form.html" if isinstance(form, RuleForm) else "rounds/rules_json.html"
    return render(request, template, context)


@requires(Capability.MANAGE_RULES)
@require_safe
def rules_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole rule set as a file, for an expert to edit and import."""
    election_round = round_of(request, pk)
    rule_set = current_rules(election_round)
    body = {
        "round": election_round.name,
        "version": rule_set.version,
        "source_document": rule_set.source_document,
        "rules": rule_set.rules,
    }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=2), content_type="application/json"
    )
    filename = f"rules-{election_round.pk}-v{rule_set.version}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@requires(Capability.MANAGE_RULES)
@require_http_methods(["GET", "POST"])
def rules_import(request: HttpRequest, pk: int) -> HttpResponse:
    election_round = round_of(request, pk)
    rule_set = current_rules(election_round)
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial={"base_version": rule_set.version},
    )
    if form.is_valid():
        try:
            saved = import_rules(
                election_round,
                rules=form.cleaned_data["rules"],
                base_version=form.cleaned_data["base_version"],
                source_document=form.cleaned_data["source_document"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except (ValidationError, RulesConflictError) as error:
            _refused(form, error)
        else:
            messages.success(request, f"已导入为第 {saved.version} 版；此后的决定按新版本执行")
            _, defaulted = with_missing_defaults(form.cleaned_data["rules"])
            if defaulted:
                messages.warning(request, f"规则文件{defaulted_note(defaulted)}")
            return redirect("rounds:rules_history", election_round.pk)
    context = {"round": election_round, "rule_set": rule_set, "form": form}
    return render(request, "rounds/rules_import.html", context)
