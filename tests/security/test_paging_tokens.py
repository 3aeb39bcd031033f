"""Paging tokens are opaque and signed (docs/security.md item 23): no name or other value of a
row can be read from them, and a tampered token gives the first page, never a server error."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from houbei.lib import paging
from houbei.people.models import Person

pytestmark = pytest.mark.django_db

# Every list that pages by keyset, and who may open it.
LISTS = [
    ("people:person_list", "town"),
    ("regions:village_list", "town"),
    ("risk:problem_list", "town"),
    ("reserves:talk_list", "town"),
    ("reserves:pool", "town"),
    ("reserves:bench", "town"),
    ("audit:entry_list", "auditor"),
    ("accounts:user_list", "sysadmin"),
    ("risk:meeting_list", "town"),
    ("risk:action_list", "town"),
]


def _b64(values: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


TAMPERED = [
    _b64(["x", "y"]),
    _b64(["x", "y", "z", "w"]),
    _b64(["x"]),
    _b64([[1], {"a": 2}]),
    "not-a-token",
    "",
    _b64([1, 2])[:-3] + "abc",
]


@pytest.mark.parametrize(("name", "persona"), LISTS)
def test_a_tampered_token_gives_the_first_page_never_an_error(
    personas: Any, name: str, persona: str
) -> None:
    client = Client()
    client.force_login(personas[persona])
    first = client.get(reverse(name))
    assert first.status_code == 200
    for token in TAMPERED:
        response = client.get(reverse(name), {"after": token})
        assert response.status_code in (200, 400), (token, response.status_code)


def test_a_token_holds_no_value_of_the_row(personas: Any, make_person: Any, tree: Any) -> None:
    for n in range(paging.PAGE_SIZE + 1):
        make_person(tree["a1"], name=f"欧阳{n:02d}")
    token = paging.keyset_page(
        Person.objects.all(), keys=("name_pinyin", "id"), token=None
    ).next_token
    assert token is not None
    assert "ouyang" not in token
    for text in _decodings(token):
        assert "ouyang" not in text


def _decodings(token: str) -> list[str]:
    """Whatever the token's parts read as, once base64-decoded."""
    found = []
    for part in token.replace(":", ".").split("."):
        try:
            found.append(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode("latin-1"))
        except ValueError:
            continue
    return found


def test_a_signed_token_from_a_page_leads_to_the_next(
    personas: Any, make_person: Any, tree: Any
) -> None:
    for n in range(paging.PAGE_SIZE + 3):
        make_person(tree["a1"], name=f"李{n:02d}")
    people = Person.objects.all()
    first = paging.keyset_page(people, keys=("name_pinyin", "id"), token=None)
    second = paging.keyset_page(people, keys=("name_pinyin", "id"), token=first.next_token)
    assert not second.first and len(second.items) == 3
    assert not set(second.items) & set(first.items)


def test_tampered_foreign_and_stale_tokens_read_as_none(settings: Any) -> None:
    good = paging.encode_token(["ouyang", 7])
    assert paging.decode_token(good, 2) == ["ouyang", 7]
    assert paging.decode_token(good, 3) is None
    for token in [*TAMPERED, good[:-1] + ("A" if good[-1] != "A" else "B"), good.upper()]:
        assert paging.decode_token(token, 2) is None, token
    settings.SECRET_KEY = "another-" + settings.SECRET_KEY
    assert paging.decode_token(good, 2) is None
