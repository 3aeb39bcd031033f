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


def menu(client: Client, who: Any, **query: Any) -> tuple[Any, list[str]]:
    client.force_login(who)
    response = client.get(reverse("people:person_list"), query)
    assert response.status_code == 200
    form = response.context["form"]
    return form, [label for value, label in form.fields["village"].choices if value != ""]


def test_a_county_officer_filters_by_town_and_sees_town_and_village_in_the_menu(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    make_person(name="本镇", village=tree["a1"])
    make_person(name="外镇", village=tree["b1"])

    assert names(client, personas, "county", town=tree["town_b"].pk) == ["外镇"]
    form, labels = menu(client, personas["county"])
    assert f"{tree['town_a'].name} 张屯村" in labels and f"{tree['town_b'].name} 蒋庄村" in labels
    form, labels = menu(client, personas["county"], town=tree["town_a"].pk)
    assert labels == ["张屯村", "潘村", "王展村"]
    # A town officer's scope is one town: no town menu.
    form, _ = menu(client, personas["town"])
    assert "town" not in form.fields


def test_past_the_limit_the_menu_waits_for_a_town_and_a_linked_village_still_works(
    client: Client, personas: Any, make_person: Any, tree: Any, monkeypatch: Any
) -> None:
    from houbei.people.forms import small

    monkeypatch.setattr(small, "MENU_LIMIT", 3)
    make_person(name="外镇", village=tree["b1"])

    form, labels = menu(client, personas["county"])
    assert labels == [] and "请先选择乡镇" in str(form.fields["village"].help_text)
    form, labels = menu(client, personas["county"], town=tree["town_a"].pk)
    assert len(labels) == 3
    form, labels = menu(client, personas["county"], village=tree["b1"].pk)
    assert labels == [f"{tree['town_b'].name} 蒋庄村"]
    assert names(client, personas, "county", village=tree["b1"].pk) == ["外镇"]


def test_a_village_outside_the_chosen_town_is_an_error_not_a_silent_empty_list(
    client: Client, personas: Any, tree: Any
) -> None:
    form, _ = menu(client, personas["county"], town=tree["town_a"].pk, village=tree["b1"].pk)
    assert form.errors["village"] == ["所选村不属于所选乡镇"]


def test_the_county_menu_costs_the_same_queries_below_and_past_the_limit(
    client: Client, personas: Any, tree: Any, monkeypatch: Any
) -> None:
    from houbei.people.forms import small
    from houbei.regions.models import Level
    from houbei.regions.services import create_region

    monkeypatch.setattr(small, "MENU_LIMIT", 6)
    client.force_login(personas["county"])
    below = count_queries(client)
    below_in_town = count_queries(client, town=tree["town_b"].pk)
    for i in range(10):
        create_region(name=f"新村{i}", level=Level.VILLAGE, parent=tree["town_b"])
    assert count_queries(client) == below
    assert count_queries(client, town=tree["town_b"].pk) == below_in_town
