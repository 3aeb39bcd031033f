"""Adding, correcting and reading a person through the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from houbei.audit.models import AuditEntry
from houbei.lib.idnumber import make_id_number
from houbei.people.models import Person

pytestmark = pytest.mark.django_db

NUMBER = make_id_number("410782", dt.date(1975, 3, 8), 13)
WRONG = NUMBER[:17] + ("0" if NUMBER[17] != "0" else "1")


def login(client: Client, personas: Any, who: str = "town") -> Client:
    client.force_login(personas[who])
    return client


def form_data(tree: Any, **changes: Any) -> dict[str, Any]:
    values = {
        "name": "张三",
        "id_number": NUMBER,
        "ethnicity": "01",
        "political_status": "13",
        "education": "21",
        "village": tree["a1"].pk,
        "health": "healthy",
        "phone": "13800000000",
    }
    values.update(changes)
    return values


def edit_data(person: Any, **changes: Any) -> dict[str, Any]:
    values = {
        "name": person.name,
        "id_number": "",
        "ethnicity": person.ethnicity,
        "political_status": person.political_status,
        "education": person.education,
        "village": person.village_id,
        "health": person.health,
        "version": person.version,
    }
    values.update(changes)
    return values


def test_adding_a_person_saves_and_shows_the_person(
    client: Client, personas: Any, tree: Any
) -> None:
    response = login(client, personas).post(reverse("people:person_create"), form_data(tree))

    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person_detail", args=[person.pk])
    assert (person.birth_date, person.sex) == (dt.date(1975, 3, 8), "1")
    assert AuditEntry.objects.filter(action="people.person.created", target_id=person.pk).exists()


def test_a_wrong_check_character_shows_the_message_and_saves_nothing(
    client: Client, personas: Any, tree: Any
) -> None:
    response = login(client, personas).post(
        reverse("people:person_create"), form_data(tree, id_number=WRONG)
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert Person.objects.count() == 0
    assert f"公民身份号码校验位错误：第18位应为 {NUMBER[17]}，实际为 {WRONG[17]}" in html
    assert 'id="field-id_number"' in html and "field-error" in html


def test_the_add_page_is_refused_to_a_liaison(client: Client, personas: Any) -> None:
    response = login(client, personas, "liaison").get(reverse("people:person_create"))

    assert response.status_code == 403


def test_the_add_page_refuses_other_methods(client: Client, personas: Any) -> None:
    response = login(client, personas).delete(reverse("people:person_create"))

    assert response.status_code == 405


def test_a_person_cannot_be_added_to_another_towns_village(
    client: Client, personas: Any, tree: Any
) -> None:
    login(client, personas).post(
        reverse("people:person_create"), form_data(tree, village=tree["b1"].pk)
    )

    assert Person.objects.count() == 0


def test_an_edit_saves_and_the_history_shows_who_changed_what_in_chinese(
    client: Client, personas: Any, make_person: Any
) -> None:
    person = make_person(name="李四", phone="13800000001")
    url = reverse("people:person_update", args=[person.pk])

    response = login(client, personas).post(url, edit_data(person, phone="13900000002"))
    page = client.get(reverse("people:person_detail", args=[person.pk])).content.decode()

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.version) == ("13900000002", 2)
    history = page[page.index("变更记录") :]
    assert "修改人员信息" in history and "town" in history
    assert "联系电话</b>：13800000001 → 13900000002" in history
    assert "政治面貌</b>" in history and "群众" in history
    assert "political_status</b>" not in history


def test_a_stale_version_is_a_conflict_and_saves_nothing(
    client: Client, personas: Any, make_person: Any
) -> None:
    person = make_person(phone="13800000001")
    url = reverse("people:person_update", args=[person.pk])
    login(client, personas).post(url, edit_data(person, phone="13900000002"))

    response = client.post(url, edit_data(person, phone="13700000003", version=1))

    assert response.status_code == 200
    assert "该人员信息已被他人修改" in response.content.decode()
    person.refresh_from_db()
    assert person.phone == "13900000002"


def test_changing_the_id_number_audits_only_the_masked_number(
    client: Client, personas: Any, make_person: Any
) -> None:
    person = make_person(birth=dt.date(1975, 3, 8))
    url = reverse("people:person_update", args=[person.pk])

    login(client, personas).post(url, edit_data(person, id_number=NUMBER))

    person.refresh_from_db()
    assert person.id_number_masked == NUMBER[:6] + "********" + NUMBER[-4:]
    dumped = " ".join(str(e.changes) for e in AuditEntry.objects.all())
    assert NUMBER not in dumped and person.id_number_masked in dumped


def test_another_towns_person_cannot_be_edited_or_seen(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    person = make_person(village=tree["b1"])
    client = login(client, personas)

    assert client.get(reverse("people:person_update", args=[person.pk])).status_code == 404
    assert client.get(reverse("people:person_detail", args=[person.pk])).status_code == 404


def test_a_liaison_sees_a_person_of_their_village_but_cannot_edit(
    client: Client, personas: Any, make_person: Any
) -> None:
    person = make_person()
    client = login(client, personas, "liaison")

    page = client.get(reverse("people:person_detail", args=[person.pk])).content.decode()

    assert person.name in page and "修改信息" not in page and "查看完整身份号码" not in page
    assert client.get(reverse("people:person_update", args=[person.pk])).status_code == 403


def test_the_edit_page_refuses_other_methods(
    client: Client, personas: Any, make_person: Any
) -> None:
    person = make_person()

    response = login(client, personas).put(reverse("people:person_update", args=[person.pk]))

    assert response.status_code == 405


def test_the_person_page_shows_the_number_masked_and_never_in_full(
    client: Client, personas: Any, make_person: Any
) -> None:
    person = make_person()
    from houbei.lib import crypto

    page = login(client, personas).get(reverse("people:person_detail", args=[person.pk]))

    html = page.content.decode()
    assert person.id_number_masked in html
    assert crypto.decrypt(person.id_number_encrypted) not in html
    assert page["Cache-Control"] == "no-store"


def test_the_person_page_refuses_a_post_and_an_auditor(
    client: Client, personas: Any, make_person: Any
) -> None:
    url = reverse("people:person_detail", args=[make_person().pk])

    assert login(client, personas).post(url).status_code == 405
    assert login(client, personas, "auditor").get(url).status_code == 403
