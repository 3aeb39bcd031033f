"""The election's result of one village: entered by town staff (the old term's posts close and
the elected people's posts open in one service)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.accounts.scope import region_q
from houbei.outcomes import services
from houbei.outcomes.forms import ElectionForm
from houbei.outcomes.models import ElectionResult
from houbei.people.models import Person
from houbei.regions.models import Level, Region
from houbei.reserves.views.common import error_messages, form_errors
from houbei.rounds.services import round_for


@requires(Capability.MANAGE_CANDIDATES, Capability.EDIT_POSTS)
@require_http_methods(["GET", "POST"])
def election(request: HttpRequest, pk: int) -> HttpResponse:
    village = get_object_or_404(
        Region.objects.filter(region_q(request.user, ""), level=Level.VILLAGE), pk=pk
    )
    election_round = round_for(village)
    if election_round is None:
        messages.error(request, "尚未设置本届换届")
        return redirect("outcomes:targets")
    people = Person.objects.filter(village=village).order_by("name", "pk")
    form = ElectionForm(request.POST or None, people=people)
    back = reverse("regions:village_detail", args=[village.pk])
    if request.method == "POST":
        if not form.is_valid():
            form_errors(request, form)
        else:
            try:
                services.enter_result(
                    village=village, election_round=election_round,
                    elected_on=form.cleaned_data["elected_on"], members=form.elected(),
                    actor=request.user,
                )  # fmt: skip
            except ValidationError as error:
                for text in error_messages(error):
                    messages.error(request, text)
            else:
                messages.success(request, "已录入换届结果")
                return redirect(back)
    result = (
        ElectionResult.objects.filter(village=village, election_round=election_round)
        .prefetch_related("members__person")
        .first()
    )
    context = {"village": village, "form": form, "result": result, "round": election_round}
    return render(request, "outcomes/election.html", context)
