"""The weekly judgement meeting (研判会): recorded once per town and week, linked to that
week's assessment; the colour changes it confirms; the actions it assigns to accounts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from houbei.accounts.models import User
from houbei.accounts.types import Actor, acting_user
from houbei.audit import record
from houbei.audit.corrections import correct
from houbei.people.forms.fields import refuse_future
from houbei.regions.models import Region
from houbei.risk.engine.run import week_of
from houbei.risk.models import Assessment, AssessmentMeeting, AssessmentRun, MeetingAction
from houbei.rounds.models import LeadingGroupMember
from houbei.rounds.services import round_for


@dataclass(frozen=True)
class WeekChanges:
    """The week's assessment of a town: its run and the villages whose colour changed."""

    run: AssessmentRun | None
    changed: list[Assessment]


def week_changes(town: Region, week: dt.date) -> WeekChanges:
    """The newest run of the week that assessed the town's villages, and its changed colours
    (an approved override included: it sets the assessment's colour). Two queries."""
    latest = (
        Assessment.objects.filter(village__town=town, week=week)
        .order_by("-assessed_at", "-id")
        .select_related("run")
        .first()
    )
    if latest is None:
        return WeekChanges(None, [])
    changed = (
        Assessment.objects.filter(run_id=latest.run_id, village__town=town)
        .exclude(baseline_colour="")
        .exclude(baseline_colour=F("colour"))
        .select_related("village", "override")
        .order_by("village__code", "village__name")
    )
    return WeekChanges(latest.run, list(changed))


def meeting_of_week(town: Region, week: dt.date) -> AssessmentMeeting | None:
    return AssessmentMeeting.objects.filter(town=town, week=week).first()


def _refuse_second(town: Region, week: dt.date) -> None:
    if AssessmentMeeting.objects.filter(town=town, week=week).exists():
        raise ValidationError(
            {
                "held_on": f"{town.name}{week:%Y年%m月%d日}这一周的研判会已有记录，"
                "每周只记一次；请打开已有的记录。"
            }
        )


def _attendees(
    town: Region, members: Iterable[LeadingGroupMember], accounts: Iterable[User]
) -> tuple[list[LeadingGroupMember], list[User]]:
    members, accounts = list(members), list(accounts)
    if not members and not accounts:
        raise ValidationError({"members": "请至少选择一名出席人员。"})
    allowed = {town.pk, town.county_id}
    if any(m.region_id not in allowed for m in members):
        raise ValidationError({"members": "出席成员须是本乡镇或本县的领导小组成员。"})
    return members, accounts


@transaction.atomic
def record_meeting(
    *,
    town: Region,
    held_on: dt.date,
    members: Iterable[LeadingGroupMember],
    accounts: Iterable[User],
    decisions: str,
    confirmed: Iterable[Assessment],
    actor: Actor,
) -> AssessmentMeeting:
    """One meeting per town and week; its date has happened; at least one attendee; the
    confirmed colours are among the week's changes."""
    try:
        refuse_future(held_on)
    except ValidationError as error:
        raise ValidationError({"held_on": error.messages}) from error
    if not decisions.strip():
        raise ValidationError({"decisions": "请填写会议研究决定的事项。"})
    election_round = round_for(town)
    if election_round is None:
        raise ValidationError("该乡镇尚未设立本届换届，不能记录研判会。")
    week = week_of(held_on)
    _refuse_second(town, week)
    members, accounts = _attendees(town, members, accounts)
    changes = week_changes(town, week)
    allowed = {a.pk for a in changes.changed}
    confirmed = [a for a in confirmed if a.pk in allowed]
    meeting = AssessmentMeeting(
        town=town, election_round=election_round, week=week, held_on=held_on, run=changes.run,
        decisions=decisions.strip(), recorded_by=acting_user(actor),
    )  # fmt: skip
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as error:  # a second writer of the same week
        _refuse_second(town, week)
        raise error
    meeting.members.set(members)
    meeting.accounts.set(accounts)
    meeting.confirmed.set(confirmed)
    record(
        actor, "risk.meeting.recorded", meeting, _described(meeting, members, accounts, confirmed)
    )
    return meeting


def _described(
    meeting: AssessmentMeeting,
    members: list[LeadingGroupMember],
    accounts: list[User],
    confirmed: list[Assessment],
) -> dict[str, Any]:
    return {
        "held_on": {"old": None, "new": f"{meeting.held_on:%Y-%m-%d}"},
        "attendees": {
            "old": None,
            "new": "、".join([m.name for m in members] + [str(a) for a in accounts]),
        },
        "decisions": {"old": None, "new": meeting.decisions},
        "confirmed": {
            "old": None,
            "new": "、".join(
                f"{a.village.name}{a.get_baseline_colour_display()}→{a.get_colour_display()}"
                for a in confirmed
            ),
        },
    }


@transaction.atomic
def confirm_changes(
    meeting: AssessmentMeeting, *, assessments: Iterable[Assessment], actor: Actor
) -> list[Assessment]:
    """The meeting confirms colour changes of its week found after it was recorded (a run
    after the meeting); only the week's changes count, and the week's newest run is linked."""
    changes = week_changes(meeting.town, meeting.week)
    allowed = {a.pk for a in changes.changed}
    already = set(meeting.confirmed.values_list("pk", flat=True))
    added = [a for a in assessments if a.pk in allowed and a.pk not in already]
    if not added:
        raise ValidationError("请勾选本周颜色变化中尚未确认的村。")
    meeting.confirmed.add(*added)
    if changes.run is not None and meeting.run_id != changes.run.pk:
        meeting.run = changes.run
        meeting.save(update_fields=["run"])
    text = "、".join(
        f"{a.village.name}{a.get_baseline_colour_display()}→{a.get_colour_display()}" for a in added
    )
    record(actor, "risk.meeting.updated", meeting, {"confirmed": {"old": None, "new": text}})
    return added


def may_own(owner: User, town: Region) -> bool:
    """An action's owner is an active account that works in the town (its staff, a liaison of
    one of its villages, or the county's officer)."""
    if not owner.is_active:
        return False
    return Region.objects.visible_to(owner).filter(Q(pk=town.pk) | Q(town=town)).exists()


@transaction.atomic
def assign_action(
    *, meeting: AssessmentMeeting, task: str, owner: User, due_on: dt.date, actor: Actor
) -> MeetingAction:
    if not task.strip():
        raise ValidationError({"task": "请填写交办事项。"})
    if due_on < meeting.held_on:
        raise ValidationError({"due_on": "完成时限不能早于会议日期。"})
    if not may_own(owner, meeting.town):
        raise ValidationError({"owner": f"{owner}不在{meeting.town.name}工作，不能作为责任人。"})
    action = MeetingAction.objects.create(
        meeting=meeting, task=task.strip(), owner=owner, due_on=due_on
    )
    changes = {
        "task": {"old": None, "new": action.task},
        "owner": {"old": None, "new": str(owner)},
        "due_on": {"old": None, "new": f"{due_on:%Y-%m-%d}"},
    }
    record(actor, "risk.action.assigned", action, changes)
    return action


@transaction.atomic
def complete_action(action: MeetingAction, *, note: str, actor: Actor) -> MeetingAction:
    action = MeetingAction.objects.select_for_update().get(pk=action.pk)
    if action.done_at is not None:
        raise ValidationError("该事项已办结。")
    action.done_at = timezone.now()
    action.done_note = note.strip()
    action.save(update_fields=["done_at", "done_note"])
    changes = {"done_note": {"old": "", "new": action.done_note or "已办结"}}
    record(actor, "risk.action.completed", action, changes)
    return action


@transaction.atomic
def correct_meeting(
    meeting: AssessmentMeeting, *, held_on: dt.date, decisions: str, reason: str, actor: Actor
) -> AssessmentMeeting:
    """更正 (decision 0028): the date and the decisions, with a reason. The date stays in the
    meeting's week (the week's run and confirmed changes are what it met on, one meeting a
    week) and not ahead of today; a meeting is never voided, it took place."""
    found = AssessmentMeeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    try:
        refuse_future(held_on)
    except ValidationError as error:
        raise ValidationError({"held_on": error.messages}) from error
    if week_of(held_on) != found.week:
        raise ValidationError(
            {"held_on": f"会议日期应在研判周内（{found.week:%Y-%m-%d} 起的一周）"}
        )
    if not decisions.strip():
        raise ValidationError({"decisions": "请填写会议研究决定的事项。"})
    fields = {"held_on": held_on, "decisions": decisions.strip()}
    correct(found, fields=fields, reason=reason, actor=actor, action="risk.meeting.corrected")
    return found
