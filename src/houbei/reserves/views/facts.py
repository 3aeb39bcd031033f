"""Facts about a person (负面情形) and the recheck (回头看) of sitting cadres."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.people.models import Person, Post
from houbei.regions.models import Level, Region
from houbei.reserves import services
from houbei.reserves.forms.records import FactForm, WithdrawForm
from houbei.reserves.models import PersonFact
from houbei.reserves.views.common import form_errors, run_service, submit, user_round
from houbei.rounds.services import current_rules


def _person(request: HttpRequest, pk: int) -> Person:
    return get_object_or_404(
        Person.objects.visible_to(request.user).select_related("village"), pk=pk
    )


@requires(Capability.VIEW_SCREENING)
@require_safe
def person_facts(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    services.note_facts_read(person, actor=request.user)
    facts = (
        PersonFact.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("recorded_by")
    )
    candidacies = person.candidacies.select_related("village", "election_round").order_by("-id")
    context = {
        "person": person,
        "facts": list(facts),
        "candidacies": list(candidacies),
        "form": FactForm(),
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "reserves/person_facts.html", context)


@requires(Capability.MANAGE_CANDIDATES, Capability.VIEW_SCREENING)
@require_POST
def fact_new(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    back = reverse("reserves:person_facts", args=[person.pk])
    form = FactForm(request.POST)
    return submit(
        request,
        form,
        lambda data: services.record_fact(person=person, actor=request.user, **data),
        done="已记录负面情形",
        back=back,
    )


@requires(Capability.MANAGE_CANDIDATES, Capability.VIEW_SCREENING)
@require_POST
def fact_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    fact = get_object_or_404(PersonFact.objects.visible_to(request.user), pk=pk)
    back = reverse("reserves:person_facts", args=[fact.person_id])
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect(back)
    reason = form.cleaned_data["reason"]
    return run_service(
        request,
        lambda: services.withdraw_fact(fact, reason=reason, actor=request.user),
        done="已撤销该记录",
        back=back,
    )


@requires(Capability.VIEW_SCREENING)
@require_safe
def recheck(request: HttpRequest) -> HttpResponse:
    election_round = user_round(request)
    posts = Post.objects.visible_to(request.user)
    district = request.GET.get("district", "")
    if district.isdigit():
        posts = posts.filter(village__district_id=int(district))
    rows = []
    if election_round is not None:
        rule_set = current_rules(election_round)
        region = getattr(request.user, "region", None)
        rows = services.recheck(posts, rule_set=rule_set, actor=request.user, region=region)
    districts = (
        Region.objects.visible_to(request.user).filter(level=Level.DISTRICT).order_by("name")
    )
    context = {
        "election_round": election_round,
        "rows": rows,
        "districts": list(districts),
        "district": district,
    }
    return render(request, "reserves/recheck.html", context)
