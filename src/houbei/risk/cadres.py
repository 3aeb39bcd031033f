"""The sitting cadres of one village with their latest survey, the suggested outlook (进退留转)
and staff's confirmation: what the village page and the survey form show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from houbei.people.models import Person, Post
from houbei.regions.models import Region
from houbei.risk.engine.context import context_for
from houbei.risk.engine.measures import cadre_values, collect, flagged_people, transfer_reason
from houbei.risk.engine.scoring import Rules
from houbei.risk.models import CadreOutlook, Outlook, Survey
from houbei.risk.rules import risk_rules
from houbei.risk.transfer import transfer_rule
from houbei.rounds.models import ElectionRound
from houbei.rounds.services import current_rules


@dataclass
class CadreRow:
    person: Person
    roles: list[str]
    age: int
    survey: Survey | None
    suggested: str
    suggested_reason: str
    confirmed: CadreOutlook | None

    @property
    def outlook(self) -> str:
        return self.confirmed.outlook if self.confirmed else self.suggested

    @property
    def outlook_label(self) -> str:
        return str(Outlook(self.outlook).label)

    @property
    def suggested_label(self) -> str:
        return str(Outlook(self.suggested).label)


def cadre_rows(village: Region, election_round: ElectionRound, today: dt.date) -> list[CadreRow]:
    rule_set = current_rules(election_round)
    ctx = context_for(election_round, rule_set, today)
    one = Region.objects.filter(pk=village.pk)
    inputs = collect(one, election_round, ctx)[village.pk]
    flagged = flagged_people(one, ctx.cutoff)
    posts = Post.objects.sitting(today).filter(village=village).select_related("person")
    people: dict[int, tuple[Person, list[str]]] = {}
    for post in posts.order_by("role", "person__name"):
        people.setdefault(post.person_id, (post.person, []))[1].append(post.get_role_display())
    surveys = {
        s.person_id: s
        for s in Survey.objects.filter(
            election_round=election_round, village=village, is_latest=True
        )
    }
    confirmed = {
        o.person_id: o
        for o in CadreOutlook.objects.filter(election_round=election_round, village=village)
    }
    compiled, rows = Rules(risk_rules(rule_set).section), []
    transfer = transfer_rule(rule_set)
    for person_id, (person, roles) in people.items():
        age, bits = inputs.cadres[person_id]
        values = cadre_values(age, bits, inputs.surveys.get(person_id), ctx, person_id in flagged)
        suggested, reason = compiled.outlooks[compiled.suggest_index(*values)]
        if suggested == Outlook.LEAVE:
            moved = transfer_reason(transfer, age, bits, values, ctx.caps)
            suggested, reason = (Outlook.MOVE, moved) if moved else (suggested, reason)
        rows.append(
            CadreRow(person, roles, age, surveys.get(person_id), suggested, reason,
                     confirmed.get(person_id))
        )  # fmt: skip
    return rows
