"""Revealing a full ID number: a POST with a reason, audited, never cached, never in a URL."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from houbei.audit.models import AuditEntry
from houbei.lib import crypto

pytestmark = pytest.mark.django_db


def reveal(client: Client, personas: Any, person: Any, who: str = "town", **data: Any) -> Any:
    client.force_login(personas[who])
    return client.post(reverse("people:person_reveal", args=[person.pk]), data)


def test_a_reason_reveals_the_number_on_an_uncached_page(
    client: Client, personas: Any, make_person: Any
) -> None:
    person = make_person()
    number = crypto.decrypt(person.id_number_encrypted)

    response = reveal(client, personas, person, reason="核对换届资格")

    assert response.status_code == 200
    assert number in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert number not in response.request["PATH_INFO"] + response.request.get("QUERY_STRING", "")


def test_a_reveal_writes_one_audit_entry_with_the_reason_and_no_number(
    client: Client, personas: Any, make_person: Any
) -> None:
    person = make_person()
    number = crypto.decrypt(person.id_number_encrypted)

    reveal(client, personas, person, reason="核对换届资格")

    entry = AuditEntry.objects.get(action="people.id_number.revealed")
    assert entry.changes == {"reason": "核对换届资格"}
    assert (entry.actor_username, entry.target_id) == ("town", str(person.pk))
    assert number not in str(entry.changes) + entry.target_repr


def test_without_a_reason_nothing_is_revealed_or_audited(
    client: Client, personas: Any, make_person: Any
) -> None:
    person = make_person()

    response = reveal(client, personas, person, reason="  ")

    assert response.status_code == 400
    assert crypto.decrypt(person.id_number_encrypted) not in response.content.decode()
    assert not AuditEntry.objects.filter(action="people.id_number.revealed").exists()


def test_a_get_is_refused(client: Client, personas: Any, make_person: Any) -> None:
    person = make_person()
    client.force_login(personas["town"])

    assert client.get(reverse("people:person_reveal", args=[person.pk])).status_code == 405


def test_a_liaison_may_not_reveal(client: Client, personas: Any, make_person: Any) -> None:
    person = make_person()

    assert reveal(client, personas, person, "liaison", reason="x").status_code == 403


def test_another_towns_person_is_not_found(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    person = make_person(village=tree["b1"])

    assert reveal(client, personas, person, reason="核对").status_code == 404
    assert not AuditEntry.objects.filter(action="people.id_number.revealed").exists()


def test_the_county_may_reveal_within_the_county(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    person = make_person(village=tree["b1"])

    assert reveal(client, personas, person, "county", reason="备案核对").status_code == 200
