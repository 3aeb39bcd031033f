"""The village list costs the same number of queries however many villages there are."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from houbei.regions.models import Level, Region
from houbei.regions.services import build_region

pytestmark = pytest.mark.django_db


def add_villages(parent: Region, count: int, start: int) -> None:
    villages = [
        build_region(
            name=f"测试{i}村",
            level=Level.VILLAGE,
            parent=parent,
            code=f"410782106{400 + i:03d}" if i < 500 else None,
        )
        for i in range(start, start + count)
    ]
    Region.objects.bulk_create(villages)


def count_queries(client: Client, **query: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("regions:village_list"), query)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("query", [{}, {"q": "ceshi"}])
def test_the_village_list_runs_the_same_queries_at_10_and_1000_villages(
    client: Client, personas: Any, tree: Any, query: dict[str, str]
) -> None:
    client.force_login(personas["town"])
    add_villages(tree["district"], 6, start=0)  # 4 from the tree + 6 = 10
    small = count_queries(client, **query)
    add_villages(tree["town_a"], 990, start=6)

    assert count_queries(client, **query) == small


def test_a_deep_page_runs_the_same_queries_as_the_first(
    client: Client, personas: Any, tree: Any
) -> None:
    client.force_login(personas["town"])
    add_villages(tree["town_a"], 200, start=0)
    first = client.get(reverse("regions:village_list"))
    token = first.context["page"].next_token

    assert count_queries(client, after=token) == count_queries(client)
