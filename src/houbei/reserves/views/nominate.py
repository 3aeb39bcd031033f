"""Nominating (摸排提名): a person already on file in scope, or a new person registered here."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.people.forms import PersonForm
from houbei.people.models import Person
from houbei.reserves import services
from houbei.reserves.forms.nominate import ExistingPersonForm, NominationForm
from houbei.reserves.views.common import error_messages, user_round

SEARCH_LIMIT = 30


def _forms(request: HttpRequest, people: Any) -> dict[str, Any]:
    data = request.POST if request.method == "POST" else None
    mode = request.POST.get("mode") if data else None
    user = request.user
    initial = {"person": request.GET.get("person")} if request.GET.get("person") else None
    return {
        "existing": ExistingPersonForm(
            data if mode == "existing" else None,
            user=user,
            people=people,
            prefix="existing",
            initial=initial,
        ),
        "person": PersonForm(data if mode == "new" else None, user=user, prefix="new"),
        "nomination": NominationForm(data if mode == "new" else None, user=user, prefix="nom"),
    }


def _search(request: HttpRequest) -> tuple[str, Any, list[Person]]:
    visible = Person.objects.visible_to(request.user).select_related("village")
    query = request.GET.get("q", "").strip()
    chosen = request.GET.get("person", "")
    found = visible.none()
    if query:
        found = visible.search(query)
    elif chosen.isdigit():
        found = visible.filter(pk=int(chosen))
    return query, visible, list(found.order_by("name_pinyin", "id")[:SEARCH_LIMIT])


def _nominate(request: HttpRequest, forms: dict[str, Any], election_round: Any) -> Any:
    mode = request.POST.get("mode")
    if mode == "existing" and forms["existing"].is_valid():
        form = forms["existing"]
        person = form.cleaned_data["person"]
        nomination = form.nomination(person.village)
        return services.nominate(
            person=person, election_round=election_round, actor=request.user, **nomination
        )
    if mode == "new" and forms["person"].is_valid() and forms["nomination"].is_valid():
        fields = forms["person"].service_fields()
        nomination = forms["nomination"].nomination(fields["village"])
        return services.nominate_new_person(
            person_fields=fields, election_round=election_round, actor=request.user, **nomination
        )
    return None


@requires(Capability.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def candidate_new(request: HttpRequest) -> HttpResponse:
    election_round = user_round(request)
    query, visible, results = _search(request)
    forms = _forms(request, visible)
    refused: list[str] = []
    if request.method == "POST" and election_round is not None:
        try:
            candidate = _nominate(request, forms, election_round)
        except ValidationError as error:
            refused = error_messages(error)
        else:
            if candidate is not None:
                return redirect("reserves:candidate_detail", candidate.pk)
    context = {
        "election_round": election_round,
        "query": query,
        "results": results,
        "refused": refused,
        "mode": request.POST.get("mode", ""),
        **forms,
    }
    return render(request, "reserves/candidate_form.html", context)
