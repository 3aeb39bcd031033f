"""Talks (谈心谈话) and briefings (吹风会)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from houbei.accounts.types import Actor, acting_user
from houbei.audit import record
from houbei.people.models import Person
from houbei.regions.models import Region
from houbei.reserves.models import Candidate, Talk, TalkKind
from houbei.reserves.services.common import log_event, rules_for


@transaction.atomic
def record_talk(
    *,
    kind: str,
    village: Region,
    held_on: dt.date,
    talked_by: str,
    topic: str,
    summary: str,
    actor: Actor,
    person: Person | None = None,
    candidate: Candidate | None = None,
    attendees: str = "",
    follow_up: str = "",
) -> Talk:
    _check(kind=kind, person=person, candidate=candidate, attendees=attendees)
    talk = Talk.objects.create(
        kind=kind,
        village=village,
        person=person or (candidate.person if candidate else None),
        candidate=candidate,
        held_on=held_on,
        talked_by=talked_by,
        attendees=attendees,
        topic=topic,
        summary=summary,
        follow_up=follow_up,
        recorded_by=acting_user(actor),
    )
    if candidate is not None:
        log_event(
            candidate,
            action=f"{talk.get_kind_display()}：{topic}",
            actor=actor,
            rule_set=rules_for(candidate),
        )
    record(
        actor, "reserves.talk.recorded", talk, {"kind": kind, "held_on": held_on, "topic": topic}
    )
    return talk


def _check(
    *, kind: str, person: Person | None, candidate: Candidate | None, attendees: str
) -> None:
    if kind == TalkKind.TALK and person is None and candidate is None:
        raise ValidationError({"person": "谈心谈话须选择谈话对象"})
    if kind == TalkKind.BRIEFING and person is None and not attendees.strip():
        raise ValidationError({"attendees": "吹风会须填写参加人员"})
    if candidate is not None and person is not None and candidate.person_id != person.pk:
        raise ValidationError({"person": "谈话对象与后备人选不一致"})
