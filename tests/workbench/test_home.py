"""The workbench: each role lands on what is waiting for them, counted, scoped and linked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.workbench.conftest import lines_of, rows_at

HOME = reverse("home")


@pytest.mark.parametrize("role", ["county", "leader", "town", "liaison", "reviewer"])
def test_every_count_of_the_demo_opens_a_list_with_exactly_that_many_rows(
    demo: Any, client: Any, role: str
) -> None:
    client.force_login(demo.users[role])
    page = client.get(HOME).content.decode()

    lines = lines_of(page)
    assert lines, "the workbench shows no counted line"
    found = {key: (count, rows_at(client, url)) for key, (url, count) in lines.items()}
    assert {key: pair for key, pair in found.items() if pair[0] != pair[1]} == {}


def test_the_demo_town_officer_is_told_what_is_waiting(demo: Any, client: Any) -> None:
    from houbei.risk.models import Problem

    client.force_login(demo.users["town"])
    lines = lines_of(client.get(HOME).content.decode())

    still_open = Problem.objects.filter(village__town=demo.town, status="open").count()
    assert still_open > 0
    assert lines["problems_open"][1] == still_open
    assert {"problems_overdue", "candidates_nominated", "surveys_stale"} <= set(lines)


def test_each_role_sees_only_its_own_kinds_of_work(demo: Any, client: Any) -> None:
    keys = {}
    for role in ("county", "leader", "town", "liaison", "reviewer"):
        client.force_login(demo.users[role])
        keys[role] = set(lines_of(client.get(HOME).content.decode()))

    assert "approval_colour" in keys["leader"] and "approval_colour" not in keys["town"]
    assert keys["reviewer"] == {"my_reviews"}
    assert "towns" in keys["county"] and "towns" not in keys["leader"]
    assert "my_villages" in keys["liaison"] and not any(
        k.startswith("reviews_") for k in keys["liaison"]
    )


def test_counts_stay_inside_the_users_town(
    tree: Any, personas: Any, election_round: Any, login: Any
) -> None:
    from houbei.risk.services import create_problem

    late = timezone.localdate() - dt.timedelta(days=3)
    fields = {"kind": "other", "title": "土地纠纷", "owner_name": "张", "due_on": late}
    create_problem(village=tree["a1"], election_round=election_round, fields=fields, actor=None)

    mine = lines_of(login("town").get(HOME).content.decode())
    other = lines_of(login("town_b").get(HOME).content.decode())

    assert mine["problems_overdue"][1] == 1 and mine["problems_open"][1] == 1
    assert other["problems_overdue"][1] == 0 and other["problems_open"][1] == 0


def test_a_village_surveyed_this_week_is_not_listed_as_stale(
    tree: Any, personas: Any, election_round: Any, make_person: Any, login: Any
) -> None:
    from houbei.risk.services import record_survey

    fields = {"source": "talk", "attitude": "stay", "performance": 4, "conduct": 4}
    record_survey(
        village=tree["a1"],
        person=make_person(village=tree["a1"]),
        election_round=election_round,
        fields={**fields, "intention": "run_again"},
        actor=None,
    )

    page = login("liaison").get(reverse("workbench:stale_surveys")).content.decode()

    assert "潘村" in page and "张屯村" not in page
    assert lines_of(login("liaison").get(HOME).content.decode())["surveys_stale"][1] == 1


def test_the_administrators_land_on_their_own_page(login: Any) -> None:
    assert login("auditor").get(HOME)["Location"] == reverse("audit:entry_list")
    assert login("sysadmin").get(HOME)["Location"] == reverse("accounts:user_list")


def _grow(tree: Any, election_round: Any, walk: Any, n: int) -> None:
    from houbei.risk.services import create_problem

    late = timezone.localdate() - dt.timedelta(days=1)
    for i in range(n):
        fields = {"kind": "other", "title": f"问题{n}-{i}", "owner_name": "x", "due_on": late}
        for village in ("a1", "a2", "b1"):
            create_problem(
                village=tree[village], election_round=election_round, fields=fields, actor=None
            )
        walk("reviewed", village=tree["a1" if i % 2 else "a2"], name=f"人{n}{i}")


def _home_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME).status_code == 200
    return len(queries)


def test_each_roles_workbench_costs_the_same_queries_at_two_sizes(
    tree: Any, personas: Any, election_round: Any, walk: Any, client: Any
) -> None:
    roles = ("county", "leader", "town", "liaison", "reviewer")
    counts: dict[str, list[int]] = {role: [] for role in roles}
    for n in (1, 6):
        _grow(tree, election_round, walk, n)
        for role in roles:
            client.force_login(personas[role])
            counts[role].append(_home_queries(client))

    assert all(small == large for small, large in counts.values()), counts
    assert max(large for _, large in counts.values()) <= 14, counts
