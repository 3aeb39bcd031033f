"""Talks (谈心谈话) and briefings (吹风会) of the user's villages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.lib.paging import keyset_page
from houbei.people.models import Person
from houbei.reserves import services
from houbei.reserves.forms.filters import CandidateFilterForm
from houbei.reserves.forms.records import TalkForm
from houbei.reserves.models import Candidate, Talk, TalkKind
from houbei.reserves.views.common import error_messages


@requires(Capability.VIEW_PEOPLE)
@require_safe
def talk_list(request: HttpRequest) -> HttpResponse:
    form = CandidateFilterForm(request.GET or None, user=request.user)
    talks: QuerySet[Talk] = Talk.objects.visible_to(request.user).select_related(
        "village", "person", "voided_by"
    )
    if form.is_valid() and form.cleaned_data.get("village"):
        talks = form.filter(talks)
    kind = request.GET.get("kind", "")
    if kind in TalkKind.values:
        talks = talks.filter(kind=kind)
    page = keyset_page(talks, keys=("-held_on", "-id"), token=request.GET.get("after"))
    context = {"form": form, "page": page, "kind": kind, "kinds": TalkKind.choices}
    return render(request, "reserves/talk_list.html", context)


def _initial(request: HttpRequest) -> tuple[dict[str, Any], Candidate | None]:
    candidate = None
    initial: dict[str, Any] = {}
    raw = request.GET.get("candidate") or request.POST.get("candidate") or ""
    if raw.isdigit():
        candidate = Candidate.objects.visible_to(request.user).filter(pk=int(raw)).first()
    if candidate is not None:
        initial = {"person": candidate.person_id, "village": candidate.village_id}
    elif request.GET.get("person", "").isdigit():
        person = (
            Person.objects.visible_to(request.user).filter(pk=int(request.GET["person"])).first()
        )
        if person is not None:
            initial = {"person": person.pk, "village": person.village_id}
    return initial, candidate


@requires(Capability.RECORD_TALKS)
@require_http_methods(["GET", "POST"])
def talk_new(request: HttpRequest) -> HttpResponse:
    initial, candidate = _initial(request)
    data = request.POST if request.method == "POST" else None
    form = TalkForm(data, user=request.user, initial=initial)
    if form.is_valid():
        try:
            services.record_talk(actor=request.user, candidate=candidate, **form.cleaned_data)
        except ValidationError as error:
            for text in error_messages(error):
                form.add_error(None, text)
        else:
            messages.success(request, "已记录谈话")
            if candidate is not None:
                return redirect("reserves:candidate_detail", candidate.pk)
            return redirect("reserves:talk_list")
    return render(request, "reserves/talk_form.html", {"form": form, "candidate": candidate})
