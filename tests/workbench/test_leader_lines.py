"""The leader's lines for 不宜 hits and proposed appointments (docs/decisions/0032): counted,
scoped, linked to a list with exactly that many rows, one query each at any size."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from houbei.reserves import services
from tests.workbench.conftest import lines_of, rows_at

HOME = reverse("home")
UNFIT = reverse("workbench:waiting_unfit")
APPOINTMENTS = reverse("workbench:waiting_appointments")


def _fact(person: Any, kind: str, occurred: dt.date = dt.date(2024, 5, 1)) -> Any:
    return services.record_fact(
        person=person,
        kind=kind,
        occurred_on=occurred,
        period_end=None,
        note="信访记录",
        source="信访局",
        actor=None,
    )


def _proposed(candidate: Any, election_round: Any) -> Any:
    from houbei.outcomes.models import Appointment
    from houbei.rounds.services import current_rules

    today = timezone.localdate()
    return Appointment.objects.create(
        candidate=candidate,
        role="member",
        term_start=today,
        term_until=today.replace(year=today.year + 5),
        document="吴村镇党委〔2026〕12号",
        rule_set=current_rules(election_round),
    )


def _line(client: Any, key: str) -> tuple[str, int]:
    return lines_of(client.get(HOME).content.decode())[key]


def test_a_should_not_hit_is_counted_until_the_leader_decides(
    walk: Any, personas: Any, login: Any
) -> None:
    candidate = walk("screened")
    fact = _fact(candidate.person, "abnormal_petition")  # 不宜 hn2020-s1
    walk("screened", village=candidate.village, name="李四")  # no fact: not counted
    barred = walk("screened", name="王五")
    _fact(barred.person, "criminal_penalty", dt.date(2015, 1, 1))  # 不能: nothing to decide

    leader = login("leader")
    url, count = _line(leader, "approval_unfit")
    assert url == UNFIT and count == rows_at(leader, url) >= 1
    page = leader.get(UNFIT).content.decode()
    assert "李四" not in page and "王五" not in page
    assert "上访" not in page  # the fact's kind stays sealed; the item's code is shown

    waiting = [h for h in _hits(personas["leader"]) if h.candidate_id == candidate.pk]
    for hit in waiting:
        services.decide(
            candidate,
            fact=fact,
            item_code=hit.item.code,
            decision="allow",
            reason="已息访两年",
            actor=personas["leader"],
        )
    assert _line(leader, "approval_unfit")[1] == count - len(waiting) == rows_at(leader, UNFIT)


def _hits(user: Any) -> list[Any]:
    from houbei.workbench.providers import unfit_hits

    return unfit_hits(user, timezone.localdate())


def test_a_withdrawn_fact_or_a_removed_candidate_waits_for_nothing(
    walk: Any, personas: Any
) -> None:
    first = walk("screened")
    fact = _fact(first.person, "abnormal_petition")
    second = walk("screened", name="李四")
    _fact(second.person, "abnormal_petition")
    assert {h.candidate_id for h in _hits(personas["leader"])} == {first.pk, second.pk}

    services.withdraw_fact(fact, reason="录入错误", actor=None)
    services.remove(second, reason="other", note="本人放弃", actor=personas["leader"])

    assert _hits(personas["leader"]) == []


def test_the_lines_stay_inside_the_leaders_town(
    walk: Any, tree: Any, election_round: Any, personas: Any, login: Any
) -> None:
    mine = walk("reviewed", village=tree["a1"])
    theirs = walk("reviewed", village=tree["b1"], name="李四")
    for candidate in (mine, theirs):
        _fact(candidate.person, "abnormal_petition")
    _proposed(theirs, election_round)

    leader = login("leader")
    assert {h.candidate_id for h in _hits(personas["leader"])} == {mine.pk}
    assert _line(leader, "approval_appointment")[1] == 0 == rows_at(leader, APPOINTMENTS)
    assert "李四" not in leader.get(UNFIT).content.decode()

    county = login("county")
    assert _line(county, "approval_appointment")[1] == 1 == rows_at(county, APPOINTMENTS)
    assert {h.candidate_id for h in _hits(personas["county"])} == {mine.pk, theirs.pk}


def test_a_proposed_appointment_is_counted_until_decided(
    walk: Any, election_round: Any, personas: Any, login: Any
) -> None:
    first = _proposed(walk("reviewed"), election_round)
    _proposed(walk("reviewed", name="李四"), election_round)

    leader = login("leader")
    url, count = _line(leader, "approval_appointment")
    assert (url, count) == (APPOINTMENTS, 2) and rows_at(leader, url) == 2
    page = leader.get(APPOINTMENTS).content.decode()
    assert f'href="/outcomes/candidates/{first.candidate_id}/#appointment-{first.pk}"' in page

    first.status, first.decided_at = "rejected", timezone.now()
    first.save()
    assert _line(leader, "approval_appointment")[1] == 1 == rows_at(leader, APPOINTMENTS)


def test_the_staff_and_the_liaison_have_neither_line_nor_list(walk: Any, login: Any) -> None:
    _fact(walk("screened").person, "abnormal_petition")
    for role in ("town", "liaison"):
        client = login(role)
        keys = set(lines_of(client.get(HOME).content.decode()))
        assert not {"approval_unfit", "approval_appointment"} & keys
        assert client.get(UNFIT).status_code == 403
        assert client.get(APPOINTMENTS).status_code == 403


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [HOME, UNFIT, APPOINTMENTS])
def test_the_lines_and_lists_cost_the_same_queries_at_two_sizes(
    walk: Any, election_round: Any, tree: Any, login: Any, url: str
) -> None:
    client = login("leader")
    found = []
    for n in (1, 5):
        for i in range(n):
            candidate = walk("reviewed", village=tree["a1" if i % 2 else "a2"], name=f"人{n}{i}")
            _fact(candidate.person, "abnormal_petition")
            _fact(candidate.person, "dishonest_debtor")
            _proposed(candidate, election_round)
        found.append(_queries(client, url))
    assert found[0] == found[1], found
    assert _line(client, "approval_unfit")[1] == rows_at(client, UNFIT) >= 12
    assert _line(client, "approval_appointment")[1] == rows_at(client, APPOINTMENTS) == 6


def test_each_provider_is_one_query(walk: Any, personas: Any, election_round: Any) -> None:
    from houbei.workbench import providers

    candidate = walk("reviewed")
    _fact(candidate.person, "abnormal_petition")
    _proposed(candidate, election_round)
    today = timezone.localdate()
    for provider in (providers.unfit_decisions, providers.appointments):
        with CaptureQueriesContext(connection) as queries:
            group = provider(personas["leader"], today)
        assert len(queries) == 1 and group.lines[0].count >= 1
