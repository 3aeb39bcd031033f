"""Facts about people against the round's negative list: 不能 stops, 不宜 waits for a leader."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from houbei.reserves import services
from houbei.reserves.models import DisqualifierDecision, PersonFact
from houbei.reserves.rules import disqualifier_items
from houbei.reserves.services import GuardError
from houbei.reserves.services.disqualifiers import counts
from houbei.rulebook.registry import default_rules

pytestmark = pytest.mark.django_db


def _fact(person: Any, kind: str, occurred: dt.date, end: dt.date | None = None) -> PersonFact:
    return services.record_fact(
        person=person,
        kind=kind,
        occurred_on=occurred,
        period_end=end,
        note="判决书",
        source="公安",
        actor=None,
    )


def test_a_must_not_fact_stops_the_candidate_and_names_the_item(walk: Any) -> None:
    candidate = walk("screened")
    _fact(candidate.person, "criminal_penalty", dt.date(2015, 1, 1))

    blockers = services.move_blockers(candidate, "vote")

    assert any("不能" in b and "hn2020-n1" in b and "受过刑事处罚的" in b for b in blockers)
    with pytest.raises(GuardError):
        services.record_vote(
            candidate,
            meeting_type="joint",
            held_on=dt.date(2026, 3, 1),
            eligible=10,
            attended=10,
            votes_for=10,
            votes_against=0,
            abstentions=0,
            actor=None,
        )


def test_a_must_not_fact_refuses_nomination(young: Any, election_round: Any) -> None:
    person = young()
    _fact(person, "gang_or_bully", dt.date(2020, 1, 1))

    with pytest.raises(GuardError, match="涉黑涉恶"):
        services.nominate(
            person=person,
            village=person.village,
            election_round=election_round,
            target_post="member",
            source="field_survey",
            background="other",
            actor=None,
        )


def test_a_must_not_hit_cannot_be_waved_through(walk: Any, personas: Any) -> None:
    candidate = walk("screened")
    fact = _fact(candidate.person, "criminal_penalty", dt.date(2015, 1, 1))

    with pytest.raises(Exception, match="不能由领导决定"):
        services.decide(
            candidate,
            fact=fact,
            item_code="hn2020-n1",
            decision="allow",
            reason="x",
            actor=personas["leader"],
        )


def test_a_should_not_fact_waits_for_a_leaders_decision(walk: Any, personas: Any) -> None:
    candidate = walk("screened")
    fact = _fact(candidate.person, "abnormal_petition", dt.date(2024, 5, 1))

    assert any("须乡镇领导作出决定" in b for b in services.move_blockers(candidate, "vote"))
    with pytest.raises(PermissionDenied):
        services.decide(
            candidate,
            fact=fact,
            item_code="hn2020-s1",
            decision="allow",
            reason="已息访",
            actor=personas["town"],
        )

    services.decide(
        candidate,
        fact=fact,
        item_code="hn2020-s1",
        decision="allow",
        reason="已息访两年",
        actor=personas["leader"],
    )

    decision = DisqualifierDecision.objects.get(candidate=candidate)
    assert decision.decided_by == personas["leader"] and decision.rule_set.version == 1
    assert not any("不宜" in b for b in services.move_blockers(candidate, "vote"))


def test_a_leaders_stop_decision_keeps_blocking(walk: Any, personas: Any) -> None:
    candidate = walk("screened")
    fact = _fact(candidate.person, "dishonest_debtor", dt.date(2025, 5, 1))
    services.decide(
        candidate,
        fact=fact,
        item_code="hn2020-s3",
        decision="stop",
        reason="仍未履行",
        actor=personas["leader"],
    )

    assert any("决定不予继续" in b for b in services.move_blockers(candidate, "vote"))


def test_a_withdrawn_fact_no_longer_counts(walk: Any) -> None:
    candidate = walk("screened")
    fact = _fact(candidate.person, "criminal_penalty", dt.date(2015, 1, 1))
    services.withdraw_fact(fact, reason="录入错误，系同名他人", actor=None)

    assert services.move_blockers(candidate, "vote") == []


def test_waiting_periods_and_fact_periods() -> None:
    items = {i.code: i for i in disqualifier_items(default_rules())}
    on = dt.date(2026, 6, 1)
    member = PersonFact(kind="unqualified_member", occurred_on=dt.date(2023, 7, 1))
    old_member = PersonFact(kind="unqualified_member", occurred_on=dt.date(2023, 5, 1))
    sanction = PersonFact(
        kind="sanction", occurred_on=dt.date(2024, 1, 1), period_end=dt.date(2026, 1, 1)
    )
    listed = PersonFact(kind="dishonest_debtor", occurred_on=dt.date(2024, 1, 1))

    assert counts(member, items["sbx2021-7c"], on)  # within 3 years
    assert not counts(old_member, items["sbx2021-7c"], on)  # more than 3 years ago
    assert not counts(sanction, items["hn2020-s5"], on)  # the sanction's period is over
    assert counts(listed, items["sbx2021-9c"], on)  # still listed
    assert not counts(listed, items["hn2020-n1"], on)  # a different kind


def test_a_fact_cannot_end_before_it_happened(young: Any) -> None:
    with pytest.raises(Exception, match="不能早于"):
        _fact(young(), "sanction", dt.date(2024, 1, 1), dt.date(2023, 1, 1))
