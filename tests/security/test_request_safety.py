"""Every POST needs a CSRF token; no GET, by anyone, changes data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from houbei.people.services import appoint_to_post
from tests.conftest import PASSWORD
from tests.security.walk import (
    allowed_roles,
    changed,
    counted_tables,
    row_counts,
    url_names,
    urls_for,
)


@pytest.fixture
def world(personas: Any, tree: Any, make_person: Any) -> dict[str, Any]:
    """A person with a post in a1 and one in b1, so detail pages have something to show."""
    person = make_person(tree["a1"], name="张三")
    other = make_person(tree["b1"], name="李四")
    post = appoint_to_post(
        person=person,
        village=tree["a1"],
        role="secretary",
        term_start=dt.date(2021, 3, 1),
        actor=None,
    )
    pks = sorted({person.pk, other.pk, post.pk, tree["a1"].pk, personas["town"].pk, 999999})
    return {"personas": personas, "pks": pks}


def _client(personas: Any, role: str | None, **options: Any) -> Client:
    client = Client(**options)
    if role is not None:
        client.force_login(personas[role])
    return client


@pytest.mark.parametrize("name", url_names())
def test_a_post_without_a_csrf_token_is_refused(world: Any, name: str) -> None:
    tables = counted_tables()
    before = row_counts(tables)
    for role in allowed_roles(name) or [None]:
        client = _client(world["personas"], role, enforce_csrf_checks=True)
        for url in urls_for(name, world["pks"]):
            response = client.post(url, {"reason": "x", "name": "x"})
            if name.startswith("api:") and response.status_code in (401, 405):
                # The API's calls read only a bearer token, never the session cookie, so a
                # forged cross-site POST carries nothing they accept (its documentation pages
                # are session pages and answer 403 as every other page).
                continue
            assert response.status_code == 403, (role, url)
            assert "页面已过期" in response.content.decode(), (role, url)
    assert changed(before, row_counts(tables)) == {}


def test_a_post_with_its_token_passes_the_csrf_check(personas: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("accounts:login"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("accounts:login"),
        {"username": "town", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "role",
    [None, "county", "leader", "town", "liaison", "reviewer", "auditor", "sysadmin", "secadmin"],
)
def test_no_get_changes_any_table(world: Any, role: str | None) -> None:
    client = _client(world["personas"], role)
    tables = counted_tables()
    wrong = {}
    served = 0
    before = row_counts(tables)
    for name in url_names():
        for url in urls_for(name, world["pks"]):
            served += client.get(url).status_code == 200
            after = row_counts(tables)  # nothing else writes: the next URL's "before"
            difference = changed(before, after)
            if difference:
                wrong[url] = difference
            before = after
    assert wrong == {}
    assert served >= (1 if role is None else 2)  # the walk reached real pages
