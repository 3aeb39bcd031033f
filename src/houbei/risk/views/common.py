"""What the risk views share: the scoped fetch (404 outside scope) and service errors."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from houbei.regions.models import Region, RegionQuerySet
from houbei.risk.rules import RiskRules, risk_rules
from houbei.rounds.models import ElectionRound
from houbei.rounds.services import current_rules, round_for


def scope_villages(request: HttpRequest) -> RegionQuerySet:
    return Region.objects.visible_to(request.user).villages().current()


def get_village(request: HttpRequest, pk: int) -> Region:
    return get_object_or_404(scope_villages(request).select_related("district", "town"), pk=pk)


def round_or_404(region: Region) -> ElectionRound:
    found = round_for(region)
    if found is None:
        raise Http404("该地区尚未设立本届换届")
    return found


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal shown on the form: on the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.error_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error)


def risk_rules_for(request: HttpRequest) -> RiskRules:
    """The `risk` section in force for the user's region (defaults when no round is set)."""
    region = getattr(request.user, "region", None)
    election_round = round_for(region) if region is not None else None
    if election_round is None:
        return risk_rules({})
    return risk_rules(current_rules(election_round))
