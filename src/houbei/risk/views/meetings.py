"""The weekly judgement meeting (研判会): the list, the record of one week (once per town and
week), its page with the actions it assigned, and each user's own open actions."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from houbei.accounts.capabilities import Capability, Role, has_capability
from houbei.accounts.decorators import requires
from houbei.accounts.models import User
from houbei.lib.dates import DateError, parse_date
from houbei.lib.paging import keyset_page
from houbei.regions.models import Level, Region
from houbei.risk import services
from houbei.risk.engine.run import week_of
from houbei.risk.meeting_forms import ActionForm, MeetingForm
from houbei.risk.models import Assessment, AssessmentMeeting, MeetingAction
from houbei.risk.services.meetings import meeting_of_week
from houbei.risk.views.common import add_errors, round_or_404
from houbei.rounds.models import LeadingGroupMember

WORK_ROLES = (Role.COUNTY_OFFICER, Role.TOWN_LEADER, Role.TOWN_STAFF, Role.LIAISON)


@requires(Capability.VIEW_DASHBOARD)
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = (
        AssessmentMeeting.objects.visible_to(request.user)
        .select_related("town")
        .annotate(
            n_actions=Count("actions", distinct=True),
            n_open=Count("actions", filter=Q(actions__done_at=None), distinct=True),
        )
    )
    page = keyset_page(meetings, keys=("-week", "-id"), token=request.GET.get("after"))
    return render(request, "risk/meeting_list.html", {"page": page})


def _town(request: HttpRequest) -> Region:
    """The town the user records for: their own (a town account has one)."""
    towns = Region.objects.visible_to(request.user).filter(level=Level.TOWN).order_by("code")
    wanted = request.GET.get("town") or request.POST.get("town")
    if wanted and wanted.isdigit():
        return get_object_or_404(towns, pk=int(wanted))
    found = towns.first()
    if found is None:
        raise Http404("您的账号不属于任何乡镇")
    return found


def _week(request: HttpRequest, today: dt.date) -> dt.date:
    try:
        day = parse_date(request.GET["week"]) if request.GET.get("week") else today
    except DateError as error:
        raise Http404("研判周无法识别") from error
    return week_of(min(day, today))


def _members(town: Region) -> list[LeadingGroupMember]:
    election_round = round_or_404(town)
    return list(
        LeadingGroupMember.objects.filter(
            election_round=election_round, region__in=[town.pk, town.county_id]
        ).order_by("region__level", "order", "id")
    )


def _member_label(member: LeadingGroupMember, town: Region) -> str:
    """ "王建军（组长）" for the town's group; "高建民（县领导小组组长）" for the county's, whose
    members may sit in a town's meeting: two 组长 must not read alike."""
    if member.region_id == town.pk:
        return f"{member.name}（{member.get_position_display()}）"
    return f"{member.name}（县领导小组{member.get_position_display()}）"


def _accounts(town: Region) -> list[User]:
    works_here = (
        Q(region=town) | Q(villages__town=town) | Q(region=town.county_id, role=Role.COUNTY_OFFICER)
    )
    return list(
        User.objects.filter(works_here, is_active=True, role__in=WORK_ROLES)
        .distinct()
        .order_by("full_name", "username")
    )


def _action_owners(town: Region) -> list[tuple[int, str]]:
    return [(u.pk, f"{u}（{u.get_role_display()}）") for u in _accounts(town)]


@requires(Capability.RECORD_MEETINGS)
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponseBase:
    """This week's meeting (or the week of ?week=): a second record of a week opens the first."""
    today = timezone.localdate()
    town, week = _town(request), _week(request, today)
    existing = meeting_of_week(town, week)
    if existing is not None:
        messages.info(request, f"{week:%m月%d日}这一周的研判会已有记录，每周只记一次。")
        return redirect("risk:meeting_detail", pk=existing.pk)
    members, accounts = _members(town), _accounts(town)
    changes = services.week_changes(town, week)
    form = MeetingForm(
        request.POST or None,
        initial={"held_on": min(today, week + dt.timedelta(days=6))},
        members=[(m.pk, _member_label(m, town)) for m in members],
        # An account that sits in the leading group is ticked there, not twice.
        accounts=[(u.pk, str(u)) for u in accounts if u.pk not in {m.user_id for m in members}],
        changes=[(a.pk, _change_label(a)) for a in changes.changed],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if week_of(data["held_on"]) != week:
                raise ValidationError({"held_on": "会议日期须在所选的研判周内。"})
            meeting = services.record_meeting(
                town=town,
                held_on=data["held_on"],
                members=[m for m in members if m.pk in set(data["members"])],
                accounts=[u for u in accounts if u.pk in set(data["accounts"])],
                decisions=data["decisions"],
                confirmed=[a for a in changes.changed if a.pk in set(data.get("confirmed", []))],
                actor=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "研判会记录已保存，可继续交办事项。")
            return redirect("risk:meeting_detail", pk=meeting.pk)
    context = {"form": form, "town": town, "week": week, "changes": changes,
               "previous": week - dt.timedelta(days=7), "members_empty": not members}  # fmt: skip
    return render(request, "risk/meeting_form.html", context)


def _change_label(a: Assessment) -> str:
    return f"{a.village.name}：{a.get_baseline_colour_display()}色→{a.get_colour_display()}色"


def _meeting(request: HttpRequest, pk: int) -> AssessmentMeeting:
    return get_object_or_404(
        AssessmentMeeting.objects.visible_to(request.user).select_related(
            "town", "run", "recorded_by"
        ),
        pk=pk,
    )


@requires(Capability.VIEW_DASHBOARD)
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    context = {
        "meeting": meeting,
        "members": list(meeting.members.order_by("order", "id")),
        "accounts": list(meeting.accounts.order_by("full_name", "username")),
        "confirmed": list(meeting.confirmed.select_related("village").order_by("village__name")),
        "changes": services.week_changes(meeting.town, meeting.week).changed,
        "actions": list(meeting.actions.select_related("owner").order_by("due_on", "id")),
        "today": timezone.localdate(),
    }
    if has_capability(request.user, Capability.RECORD_MEETINGS):
        context["action_form"] = ActionForm(owners=_action_owners(meeting.town))
    return render(request, "risk/meeting_detail.html", context)


@requires(Capability.RECORD_MEETINGS)
@require_POST
def meeting_confirm(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Confirm colour changes of the meeting's week that were not confirmed yet."""
    meeting = _meeting(request, pk)
    wanted = {int(v) for v in request.POST.getlist("confirmed") if v.isdigit()}
    changed = services.week_changes(meeting.town, meeting.week).changed
    try:
        added = services.confirm_changes(
            meeting, assessments=[a for a in changed if a.pk in wanted], actor=request.user
        )
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"会议已确认 {len(added)} 个村的颜色变化。")
    return redirect("risk:meeting_detail", pk=meeting.pk)


@requires(Capability.RECORD_MEETINGS)
@require_POST
def action_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting = _meeting(request, pk)
    owners = _accounts(meeting.town)
    form = ActionForm(request.POST, owners=[(u.pk, str(u)) for u in owners])
    if form.is_valid():
        data = form.cleaned_data
        owner = next(u for u in owners if u.pk == data["owner"])
        try:
            services.assign_action(
                meeting=meeting, task=data["task"], owner=owner, due_on=data["due_on"],
                actor=request.user,
            )  # fmt: skip
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"已交办给{owner}。")
            return redirect("risk:meeting_detail", pk=meeting.pk)
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label or '交办事项'}：{'；'.join(str(e) for e in errors)}")
    return redirect("risk:meeting_detail", pk=meeting.pk)


@requires(Capability.VIEW_DASHBOARD)
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The owner, or the town's staff who keep the meeting, mark an action done."""
    actions = MeetingAction.objects.visible_to(request.user).select_related("meeting")
    action = get_object_or_404(actions, pk=pk)
    keeper = has_capability(request.user, Capability.RECORD_MEETINGS)
    if action.owner_id != request.user.pk and not keeper:
        raise Http404("不是本人的交办事项")
    try:
        services.complete_action(action, note=request.POST.get("note", ""), actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "交办事项已办结。")
    if request.POST.get("next") == "mine":
        return redirect("risk:action_list")
    return redirect("risk:meeting_detail", pk=action.meeting_id)


@requires(Capability.VIEW_DASHBOARD)
@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    """The user's own open actions: exactly the rows the workbench counts."""
    actions = (
        MeetingAction.objects.visible_to(request.user)
        .open()
        .filter(owner_id=request.user.pk)
        .select_related("meeting", "meeting__town")
    )
    page = keyset_page(actions, keys=("due_on", "id"), token=request.GET.get("after"))
    return render(request, "risk/action_list.html", {"page": page, "today": timezone.localdate()})
