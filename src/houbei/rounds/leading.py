"""The round's leading group (领导小组): who leads the work of a town or the county, with what
position and duty (issue 13 §7, docs/decisions/0029-leading-group-and-meeting.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.audit.services import diff
from houbei.regions.models import Level, Region, subtree_q
from houbei.rounds.models import ElectionRound, LeadingGroupMember

FIELDS = ("region", "user", "name", "title", "position", "duty", "order")
GROUP_LEVELS = (Level.COUNTY, Level.TOWN)


def group_regions(user: Actor, election_round: ElectionRound) -> Any:
    """The towns and county whose group the user may keep for this round (their own scope,
    under the round's region)."""
    return (
        Region.objects.visible_to(user)
        .filter(level__in=GROUP_LEVELS)
        .filter(subtree_q(election_round.region))
        .order_by("level", "code", "name")
    )


def _values(member: LeadingGroupMember) -> dict[str, Any]:
    """What the audit entry keeps: the position in words (组长), as the history shows it."""
    values = {name: getattr(member, name) for name in ("name", "title", "duty")}
    values["position"] = member.get_position_display()
    return values | {"region": member.region_id, "user": member.user_id, "order": member.order}


def _fill(member: LeadingGroupMember, fields: dict[str, Any]) -> None:
    for name in FIELDS:
        if name in fields:
            setattr(member, name, fields[name])
    if not (member.name or "").strip() and member.user is not None:
        member.name = str(member.user)
    if not (member.name or "").strip():
        raise ValidationError({"name": "请填写姓名，或选择一个账号。"})
    if member.region.level not in GROUP_LEVELS:
        raise ValidationError({"region": "领导小组只能设在乡镇或县。"})


@transaction.atomic
def add_member(
    *, election_round: ElectionRound, fields: dict[str, Any], actor: Actor
) -> LeadingGroupMember:
    member = LeadingGroupMember(election_round=election_round)
    _fill(member, fields)
    member.save()
    record(actor, "rounds.leading_member.added", member, diff({}, _values(member)))
    return member


@transaction.atomic
def update_member(
    member: LeadingGroupMember, *, fields: dict[str, Any], actor: Actor
) -> LeadingGroupMember:
    member = LeadingGroupMember.objects.select_for_update().get(pk=member.pk)
    before = _values(member)
    _fill(member, fields)
    member.save()
    changes = diff(before, _values(member))
    if changes:
        record(actor, "rounds.leading_member.updated", member, changes)
    return member


@transaction.atomic
def remove_member(member: LeadingGroupMember, *, actor: Actor) -> None:
    # A member who attended a judgement meeting stays: the meeting's record names them.
    if LeadingGroupMember.objects.filter(pk=member.pk, meetings__isnull=False).exists():
        raise ValidationError(f"{member.name}已出席研判会，会议记录引用了该成员，不能删除。")
    record(actor, "rounds.leading_member.removed", member, diff(_values(member), {}))
    member.delete()
