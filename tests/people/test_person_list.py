"""The person list: search by name, pinyin and initials; filters; constant cost per page."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.people.factories import bulk_people

pytestmark = pytest.mark.django_db


def names(client: Client, personas: Any, who: str = "town", **query: Any) -> list[str]:
    client.force_login(personas[who])
    response = client.get(reverse("people:person_list"), query)
    assert response.status_code == 200
    return [p.name for p in response.context["page"].items]


@pytest.mark.parametrize("text", ["张三", "zhangsan", "zs", "ZS"])
def test_a_person_is_found_by_name_pinyin_or_initials(
    client: Client, personas: Any, make_person: Any, text: str
) -> None:
    make_person(name="张三")
    make_person(name="李四")

    assert names(client, personas, q=text) == ["张三"]


def test_filters_by_village_political_status_and_education(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    make_person(name="甲", village=tree["a1"], education="21")
    make_person(name="乙", village=tree["a2"], education="21")
    make_person(
        name="丙", village=tree["a2"], political_status="01", party_joined_on=None, education="31"
    )

    assert names(client, personas, village=tree["a2"].pk) == ["丙", "乙"]
    assert names(client, personas, political_status="01") == ["丙"]
    assert names(client, personas, education="2") == ["甲", "乙"]


def test_other_towns_people_are_not_listed(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    make_person(name="本镇", village=tree["a1"])
    make_person(name="外镇", village=tree["b1"])

    assert names(client, personas) == ["本镇"]
    assert names(client, personas, "county") == ["本镇", "外镇"]


def test_a_liaison_sees_only_the_people_of_their_villages(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    make_person(name="包联村", village=tree["a1"])
    make_person(name="非包联村", village=tree["a3"])

    assert names(client, personas, "liaison") == ["包联村"]


def test_the_next_page_keeps_the_filters(client: Client, personas: Any, tree: Any) -> None:
    bulk_people(tree["a1"], 60)
    bulk_people(tree["a2"], 60, start=60)
    client.force_login(personas["town"])

    first = client.get(reverse("people:person_list"), {"village": tree["a2"].pk})
    token = first.context["page"].next_token
    second = client.get(reverse("people:person_list"), {"village": tree["a2"].pk, "after": token})

    people = first.context["page"].items + second.context["page"].items
    assert len(people) == 60 and {p.village_id for p in people} == {tree["a2"].pk}
    assert f"village={tree['a2'].pk}&amp;after=" in first.content.decode()


def count_queries(client: Client, **query: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("people:person_list"), query)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("query", [{}, {"q": "zhao"}, {"political_status": "13"}])
def test_the_list_runs_the_same_number_of_queries_at_10_and_1000_people(
    client: Client, personas: Any, tree: Any, query: dict[str, str]
) -> None:
    client.force_login(personas["town"])
    bulk_people(tree["a1"], 10)
    small = count_queries(client, **query)
    bulk_people(tree["a2"], 990, start=10)

    assert count_queries(client, **query) == small


def test_the_list_refuses_a_post_and_a_reviewer(client: Client, personas: Any) -> None:
    client.force_login(personas["town"])
    assert client.post(reverse("people:person_list")).status_code == 405
    client.force_login(personas["reviewer"])
    assert client.get(reverse("people:person_list")).status_code == 403
