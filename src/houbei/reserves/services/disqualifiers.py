"""Facts about people checked against the round's negative list (负面清单), and 不宜 decisions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.types import Actor, acting_user, signed_in_user
from houbei.audit import record
from houbei.people.models import Person
from houbei.reserves.models import Candidate, Decision, DisqualifierDecision, FactKind, PersonFact
from houbei.reserves.rules import DisqualifierItem, disqualifier_items
from houbei.reserves.services.common import log_event, rules_for
from houbei.rounds.models import RuleSet


@dataclass(frozen=True)
class Hit:
    item: DisqualifierItem
    fact: PersonFact
    decision: DisqualifierDecision | None = None

    @property
    def label(self) -> str:
        fact = f"{self.fact.get_kind_display()}，{self.fact.occurred_on:%Y-%m-%d}"
        item = self.item
        return f"{item.list_name} {item.klass}·{item.code}“{item.text}”（{fact}）"

    @property
    def blocks(self) -> bool:
        if self.item.must_not:
            return True
        return self.decision is None or self.decision.decision != Decision.ALLOW

    @property
    def blocker(self) -> str:
        if self.item.must_not:
            return f"触及负面清单“不能”情形，不能继续：{self.label}"
        if self.decision is None:
            return f"触及“不宜”情形，须乡镇领导作出决定：{self.label}"
        return f"乡镇领导决定不予继续（{self.decision.reason}）：{self.label}"


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def counts(fact: PersonFact, item: DisqualifierItem, on: dt.date) -> bool:
    """Whether a fact still falls under an item on a day.

    With a waiting period: until that many years after the fact's period end (or date).
    Without one: while the fact's own period runs (no period end: for good).
    """
    if fact.withdrawn or fact.kind not in item.facts or fact.occurred_on > on:
        return False
    if item.waiting_years:
        return on < _add_years(fact.period_end or fact.occurred_on, item.waiting_years)
    return fact.period_end is None or fact.period_end >= on


def find_hits(
    facts: Iterable[PersonFact], items: list[DisqualifierItem], on: dt.date | None = None
) -> list[Hit]:
    day = on or timezone.localdate()
    return [Hit(item, fact) for fact in facts for item in items if counts(fact, item, day)]


def candidate_hits(candidate: Candidate, rule_set: RuleSet | None = None) -> list[Hit]:
    """Every hit on the candidate under the round's current list, with any leader decision."""
    rules = rule_set or rules_for(candidate)
    facts = PersonFact.objects.filter(person_id=candidate.person_id, withdrawn=False)
    decisions = {
        (d.fact_id, d.item_code): d
        for d in DisqualifierDecision.objects.filter(candidate=candidate)
    }
    return [
        Hit(hit.item, hit.fact, decisions.get((hit.fact.pk, hit.item.code)))
        for hit in find_hits(facts, disqualifier_items(rules))
    ]


def disqualifier_blockers(candidate: Candidate, rule_set: RuleSet | None = None) -> list[str]:
    return [hit.blocker for hit in candidate_hits(candidate, rule_set) if hit.blocks]


@transaction.atomic
def record_fact(
    *,
    person: Person,
    kind: str,
    occurred_on: dt.date,
    period_end: dt.date | None,
    note: str,
    source: str,
    actor: Actor | None,
) -> PersonFact:
    if kind not in FactKind.values:
        raise ValidationError({"kind": "未知的情形"})
    if period_end is not None and period_end < occurred_on:
        raise ValidationError({"period_end": "影响期截止日期不能早于发生日期"})
    fact = PersonFact(
        person=person,
        occurred_on=occurred_on,
        period_end=period_end,
        source=source,
        recorded_by=acting_user(actor),
    )
    fact.kind, fact.note = kind, note
    fact.save()
    # The kind is sealed in its row; the audit trail names the fact, not what it is.
    changes = {"occurred_on": occurred_on, "period_end": period_end}
    record(actor, "reserves.fact.recorded", fact, changes)
    return fact


@transaction.atomic
def note_facts_read(person: Person, *, actor: Actor) -> None:
    """Facts are sensitive personal information: every read of a person's list is audited."""
    record(actor, "reserves.facts.read", person, {})


@transaction.atomic
def withdraw_fact(fact: PersonFact, *, reason: str, actor: Actor | None) -> PersonFact:
    if not reason.strip():
        raise ValidationError({"reason": "请填写撤销理由"})
    fact.withdrawn = True
    fact.save(update_fields=["withdrawn"])
    record(actor, "reserves.fact.withdrawn", fact, {"reason": reason.strip()})
    return fact


def decision_blockers(candidate: Candidate, *, fact_id: int, item_code: str) -> list[str]:
    hits = [
        h for h in candidate_hits(candidate) if (h.fact.pk, h.item.code) == (fact_id, item_code)
    ]
    if not hits:
        return ["该情形已不构成负面清单条目，无需决定"]
    if hits[0].item.must_not:
        return ["“不能”情形不能由领导决定继续，只能调整出列"]
    if hits[0].decision is not None:
        return ["该情形已有决定"]
    return []


@transaction.atomic
def decide(
    candidate: Candidate,
    *,
    fact: PersonFact,
    item_code: str,
    decision: str,
    reason: str,
    actor: Actor,
) -> DisqualifierDecision:
    """A town leader's recorded decision on a 不宜 hit (go on / stop)."""
    _check_decision(candidate, fact=fact, item_code=item_code, reason=reason, actor=actor)
    rule_set = rules_for(candidate)
    item = next(i for i in disqualifier_items(rule_set) if i.code == item_code)
    made = DisqualifierDecision(
        candidate=candidate,
        fact=fact,
        item_code=item_code,
        item_text=item.text[:300],
        decision=decision,
        decided_by=signed_in_user(actor),
        rule_set=rule_set,
    )
    made.reason = reason.strip()
    made.save()
    note = f"{item.code} {Decision(decision).label}"  # the reason stays sealed in its row
    log_event(candidate, action="不宜情形决定", actor=actor, rule_set=rule_set, note=note)
    changes = {"item": item_code, "decision": decision, "version": rule_set.version}
    record(actor, "reserves.disqualifier.decided", candidate, changes)
    return made


def _check_decision(
    candidate: Candidate, *, fact: PersonFact, item_code: str, reason: str, actor: Actor
) -> None:
    if not has_capability(actor, Capability.DECIDE_CANDIDATES):
        raise PermissionDenied("只有乡镇领导可以对“不宜”情形作出决定")
    if not reason.strip():
        raise ValidationError({"reason": "请填写决定理由"})
    blockers = decision_blockers(candidate, fact_id=fact.pk, item_code=item_code)
    if blockers:
        raise ValidationError(blockers)
