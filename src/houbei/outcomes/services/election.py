"""The election's result (换届结果): in one service the sitting posts of the old term close and
the elected people's posts open; dual role (一肩挑) and reserves elected are recorded."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from houbei.accounts.types import Actor, acting_user
from houbei.audit import record
from houbei.outcomes.models import ElectedMember, ElectionResult
from houbei.people.models import Organisation, Person, Post, Role
from houbei.people.services import appoint_to_post, end_post
from houbei.regions.models import Region
from houbei.reserves.models import POOL_STAGES, Candidate, Stage
from houbei.rounds.models import ElectionRound

HEADS = (Role.SECRETARY, Role.CHAIR)


def _check(
    village: Region,
    election_round: ElectionRound,
    elected_on: dt.date,
    members: Sequence[tuple[Person, str]],
) -> None:
    if not village.is_village:
        raise ValidationError({"village": "只能为行政村录入换届结果"})
    if elected_on > timezone.localdate():
        raise ValidationError({"elected_on": "选举日期不能晚于今天"})
    if ElectionResult.objects.filter(village=village, election_round=election_round).exists():
        raise ValidationError(f"{village.name}已录入本届换届结果")
    if not members:
        raise ValidationError({"members": "请至少填写一名当选人"})
    roles = Counter(role for _, role in members)
    for n, (_person, role) in enumerate(members, start=1):
        if role not in Role.values:
            raise ValidationError({"members": f"第{n}行：请选择职务"})
    for head in HEADS:
        if roles[head] > 1:
            raise ValidationError({"members": f"{head.label}只能有一人"})


def _from_reserve(people: list[int], election_round: ElectionRound) -> set[int]:
    stages = [*POOL_STAGES, Stage.APPOINTED]
    found = Candidate.objects.filter(
        person_id__in=people, election_round=election_round, stage__in=stages
    )
    return set(found.values_list("person_id", flat=True))


@transaction.atomic
def enter_result(
    *,
    village: Region,
    election_round: ElectionRound,
    elected_on: dt.date,
    members: Sequence[tuple[Person, str]],
    actor: Actor,
    organisations: Sequence[Organisation | None] = (),
) -> ElectionResult:
    """Closes every sitting post of the village the day before the election and opens the
    elected people's posts on its date. `organisations`, when given, is the committee of each
    member in turn (a 委员 of the party committee or of the villagers' committee); by default
    the role's own, a member's the party committee's."""
    _check(village, election_round, elected_on, members)
    seats = list(organisations) + [None] * (len(members) - len(organisations))
    for post in Post.objects.filter(village=village, term_end__isnull=True).select_related(
        "person"
    ):
        end_post(
            post, term_end=max(post.term_start, elected_on - dt.timedelta(days=1)), actor=actor
        )
    heads = {role: person.pk for person, role in members if role in HEADS}
    dual = Role.SECRETARY in heads and heads.get(Role.SECRETARY) == heads.get(Role.CHAIR)
    result = ElectionResult.objects.create(
        village=village,
        election_round=election_round,
        elected_on=elected_on,
        dual_role=dual,
        entered_by=acting_user(actor),
    )
    reserves = _from_reserve([person.pk for person, _ in members], election_round)
    for (person, role), organisation in zip(members, seats, strict=False):
        post = appoint_to_post(
            person=person,
            village=village,
            role=Role(role),
            term_start=elected_on,
            actor=actor,
            organisation=organisation,
            note="换届选举产生",
        )
        ElectedMember.objects.create(
            result=result, person=person, role=role, from_reserve=person.pk in reserves, post=post
        )
    changes = {"elected_on": elected_on, "members": len(members), "dual_role": dual}
    record(actor, "outcomes.election.entered", result, changes)
    return result
