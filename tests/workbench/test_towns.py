"""The county's towns side by side, and the drill-down into one town's villages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

TOWNS = reverse("workbench:town_list")


def _row(page: str, pk: int) -> list[str]:
    """The figures of one row (by town id): every cell's text, tags stripped."""
    found = re.search(rf'<tr data-town="{pk}">(.*?)</tr>', page, re.S)
    assert found is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)
    return [re.sub(r"<[^>]+>", " ", cell).split() for cell in cells]  # type: ignore[misc]


def _problem(tree: Any, election_round: Any, village: str, days: int) -> None:
    from houbei.risk.services import create_problem

    due = timezone.localdate() + dt.timedelta(days=days)
    fields = {"kind": "other", "title": "问题", "owner_name": "x", "due_on": due}
    create_problem(village=tree[village], election_round=election_round, fields=fields, actor=None)


def test_a_county_officer_compares_two_towns_on_one_page(
    tree: Any, personas: Any, election_round: Any, walk: Any, login: Any
) -> None:
    _problem(tree, election_round, "a1", -2)
    _problem(tree, election_round, "a2", 5)
    _problem(tree, election_round, "b1", -1)
    walk("reviewed", village=tree["b1"])

    page = login("county").get(TOWNS).content.decode()

    town_a, town_b = _row(page, tree["town_a"].pk), _row(page, tree["town_b"].pk)
    # villages, colours, changed, without ready secretary, reviews, open, overdue, trainees
    assert town_a[1] == ["3"] and town_b[1] == ["1"]
    assert town_a[4] == ["3"] and town_b[4] == ["1"]  # nobody ready in the pool yet
    assert town_a[5] == ["0"] and int(town_b[5][0]) > 0  # the candidate sent to review
    assert (town_a[6], town_a[7]) == (["2"], ["1"])
    assert (town_b[6], town_b[7]) == (["1"], ["1"])


def test_the_county_drills_into_one_town(
    tree: Any, personas: Any, election_round: Any, login: Any
) -> None:
    _problem(tree, election_round, "a1", -2)

    page = login("county").get(reverse("workbench:town_detail", args=[tree["town_a"].pk]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "张屯村" in text and "王展村" in text and "蒋庄村" not in text


def test_a_region_that_is_not_a_town_of_the_county_is_not_found(
    tree: Any, personas: Any, login: Any
) -> None:
    client = login("county")

    assert client.get(reverse("workbench:town_detail", args=[tree["a1"].pk])).status_code == 404
    assert client.get(reverse("workbench:town_detail", args=[999999])).status_code == 404


def test_town_staff_may_not_compare_towns(personas: Any, login: Any) -> None:
    assert login("town").get(TOWNS).status_code == 403
    assert login("leader").get(TOWNS).status_code == 403


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_towns_page_costs_the_same_queries_at_two_sizes(
    tree: Any, personas: Any, election_round: Any, walk: Any, login: Any
) -> None:
    client = login("county")
    detail = reverse("workbench:town_detail", args=[tree["town_a"].pk])
    counts = []
    for n in (1, 5):
        for i in range(n):
            _problem(tree, election_round, "a1", -1)
            _problem(tree, election_round, "b1", 3)
            walk("reviewed", village=tree["a2"], name=f"人{n}{i}")
        counts.append((_queries(client, TOWNS), _queries(client, detail)))

    assert counts[0] == counts[1]
    assert counts[0][0] <= 12
