"""Surveys (摸排) entered on a phone, village facts, and confirming outlooks (进退留转)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.decorators import requires
from houbei.audit.corrections import ReasonForm, VoidForm
from houbei.audit.models import AuditEntry
from houbei.people.models import Person, Post
from houbei.regions.models import Region
from houbei.reserves import services as reserve_services
from houbei.reserves.models import ApprovalRequest
from houbei.risk import services
from houbei.risk.forms import FactsForm, OutlookForm, SurveyForm
from houbei.risk.models import Outlook, Survey, VillageFacts
from houbei.risk.views.common import add_errors, get_village, round_or_404

FIELDS = ("source", "attitude", "performance", "conduct", "intention", "negative", "notes")


def _sitting(village: Region) -> list[tuple[int, str]]:
    posts = Post.objects.sitting(timezone.localdate()).filter(village=village)
    found: dict[int, str] = {}
    for post in posts.select_related("person").order_by("role", "person__name"):
        found.setdefault(post.person_id, f"{post.person.name}（{post.get_role_display()}）")
    return list(found.items())


@requires(Capability.RECORD_SURVEYS)
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    village = get_village(request, pk)
    election_round = round_or_404(village)
    initial = {"person": request.GET.get("person", "")}
    form = SurveyForm(request.POST or None, initial=initial, people=_sitting(village))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = get_object_or_404(Person, pk=data.pop("person"))
        services.record_survey(
            village=village,
            person=person,
            election_round=election_round,
            fields=data,
            actor=request.user,
        )
        messages.success(request, f"已记录对{person.name}的摸排。")
        return redirect("risk:village", pk=village.pk)
    return render(request, "risk/survey_form.html", {"form": form, "village": village})


class SurveyCorrectionForm(SurveyForm, ReasonForm):
    """The survey form and the reason of the correction (decision 0028)."""


def _survey(request: HttpRequest, pk: int) -> Survey:
    related = ("village", "person", "voided_by")
    return get_object_or_404(
        Survey.objects.visible_to(request.user).select_related(*related), pk=pk
    )


def _survey_page(
    request: HttpRequest, survey: Survey, form: Any, void_form: Any = None
) -> HttpResponse:
    may_void = not survey.is_void and has_capability(request.user, Capability.VOID_RECORDS)
    history = AuditEntry.objects.for_object(survey).without_views().select_related("actor")[:50]
    context = {
        "form": None if survey.is_void else form,
        "village": survey.village,
        "survey": survey,
        "history": history,
        "void_form": (void_form or VoidForm(prefix="void")) if may_void else None,
    }
    return render(request, "risk/survey_form.html", context)


@requires(Capability.RECORD_SURVEYS)
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    """更正 a survey: its own form with a reason; the change lands in its history."""
    survey = _survey(request, pk)
    people = [(survey.person_id, survey.person.name)]
    initial = {name: getattr(survey, name) for name in (*FIELDS, "surveyed_on", "version")}
    form = SurveyCorrectionForm(
        request.POST or None, initial=initial | {"person": survey.person_id}, people=people
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("person")
        reason = data.pop("reason")
        version = data.pop("version") or survey.version
        try:
            services.update_survey(
                survey, fields=data, version=version, actor=request.user, reason=reason
            )
        except ValidationError as error:  # a stale version too (ConflictError)
            add_errors(form, error)
        else:
            messages.success(request, "摸排记录已更正。")
            return redirect("risk:village", pk=survey.village_id)
    return _survey_page(request, survey, form)


@requires(Capability.VOID_RECORDS)
@require_POST
def survey_void(request: HttpRequest, pk: int) -> HttpResponseBase:
    survey = _survey(request, pk)
    form = VoidForm(request.POST, prefix="void")
    if form.is_valid():
        try:
            services.void_survey(survey, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "摸排记录已作废，可重新摸排。")
            return redirect("risk:village", pk=survey.village_id)
    return _survey_page(request, survey, None, void_form=form)


@requires(Capability.RECORD_SURVEYS)
@require_http_methods(["GET", "POST"])
def facts_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    village = get_village(request, pk)
    election_round = round_or_404(village)
    facts = VillageFacts.objects.filter(village=village, election_round=election_round).first()
    initial = {f: getattr(facts, f) for f in FactsForm.base_fields if facts is not None}
    form = FactsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.save_facts(
                village=village,
                election_round=election_round,
                fields=data,
                version=version,
                actor=request.user,
            )
        except ValidationError as error:  # a stale version too (ConflictError)
            add_errors(form, error)
        else:
            messages.success(request, "村情已保存，将在下次研判时计入。")
            return redirect("risk:village", pk=village.pk)
    return render(request, "risk/facts_form.html", {"form": form, "village": village})


@requires(Capability.RUN_ASSESSMENT)
@require_POST
def outlook_confirm(request: HttpRequest, pk: int) -> HttpResponseBase:
    village = get_village(request, pk)
    election_round = round_or_404(village)
    form = OutlookForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择进退留转。")
        return redirect("risk:village", pk=village.pk)
    person = Person.objects.filter(pk=form.cleaned_data["person"], posts__village=village).first()
    if person is None:
        raise Http404("该村没有此人")
    try:
        confirmed = reserve_services.request_outlook(
            village=village,
            person=person,
            election_round=election_round,
            outlook=str(Outlook(form.cleaned_data["outlook"])),
            suggested=form.cleaned_data["suggested"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, f"{person.name}：{'；'.join(error.messages)}")
    else:
        waiting = isinstance(confirmed, ApprovalRequest)
        done = "已提交进退留转确认，待乡镇领导审批" if waiting else "已确认进退留转"
        messages.success(request, f"{person.name}：{done}。")
    return redirect("risk:village", pk=village.pk)
