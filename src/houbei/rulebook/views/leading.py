"""The round's leading group (领导小组): added, changed and removed by the town or county that
keeps it (Capability.MANAGE_LEADING_GROUP), each change audited (rounds.leading)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from houbei.accounts.capabilities import Capability, Role
from houbei.accounts.decorators import requires
from houbei.accounts.models import User
from houbei.rounds import leading
from houbei.rounds.models import ElectionRound, LeadingGroupMember
from houbei.rulebook.leading_forms import LeadingMemberForm
from houbei.rulebook.views.pages import round_of

# Accounts that may sit on a leading group: the county's and towns' business roles.
MEMBER_ROLES = (Role.COUNTY_OFFICER, Role.TOWN_LEADER, Role.TOWN_STAFF, Role.LIAISON)


def _choices(
    request: HttpRequest, election_round: ElectionRound
) -> dict[str, list[tuple[int, str]]]:
    regions = list(leading.group_regions(request.user, election_round))
    if not regions:
        raise Http404("您所在的区划不在本届换届范围内")
    accounts = (
        User.objects.filter(is_active=True, role__in=MEMBER_ROLES, region__in=regions)
        .order_by("full_name", "username")
        .values_list("pk", "full_name", "username")
    )
    return {
        "regions": [(r.pk, r.name) for r in regions],
        "accounts": [(pk, full or username) for pk, full, username in accounts],
    }


def _save(
    request: HttpRequest,
    form: LeadingMemberForm,
    election_round: ElectionRound,
    member: LeadingGroupMember | None,
) -> bool:
    data = dict(form.cleaned_data)
    scope = leading.group_regions(request.user, election_round)
    data["region"] = get_object_or_404(scope, pk=data["region"])
    data["user"] = (
        get_object_or_404(
            User.objects.filter(is_active=True, role__in=MEMBER_ROLES), pk=data["user"]
        )
        if data["user"]
        else None
    )
    try:
        if member is None:
            leading.add_member(election_round=election_round, fields=data, actor=request.user)
        else:
            leading.update_member(member, fields=data, actor=request.user)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    return True


@requires(Capability.MANAGE_LEADING_GROUP)
@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    election_round = round_of(request, pk)
    form = LeadingMemberForm(request.POST or None, **_choices(request, election_round))
    if request.method == "POST" and form.is_valid() and _save(request, form, election_round, None):
        messages.success(request, "领导小组成员已添加。")
        return redirect("rounds:round_detail", pk=election_round.pk)
    context = {"form": form, "round": election_round}
    return render(request, "rounds/leading_member_form.html", context)


def _member(request: HttpRequest, pk: int) -> LeadingGroupMember:
    visible = ElectionRound.objects.visible_to(request.user)
    return get_object_or_404(
        LeadingGroupMember.objects.visible_to(request.user)
        .filter(election_round__in=visible)
        .select_related("election_round", "election_round__region"),
        pk=pk,
    )


@requires(Capability.MANAGE_LEADING_GROUP)
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    member = _member(request, pk)
    election_round = member.election_round
    fields = ("name", "title", "position", "duty", "order")
    initial = {f: getattr(member, f) for f in fields}
    initial |= {"region": member.region_id, "user": member.user_id}
    form = LeadingMemberForm(
        request.POST or None, initial=initial, **_choices(request, election_round)
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _save(request, form, election_round, member)
    ):
        messages.success(request, "领导小组成员已修改。")
        return redirect("rounds:round_detail", pk=election_round.pk)
    context = {"form": form, "round": election_round, "member": member}
    return render(request, "rounds/leading_member_form.html", context)


@requires(Capability.MANAGE_LEADING_GROUP)
@require_POST
def member_delete(request: HttpRequest, pk: int) -> HttpResponseBase:
    member = _member(request, pk)
    try:
        leading.remove_member(member, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "领导小组成员已删除。")
    return redirect("rounds:round_detail", pk=member.election_round_id)
