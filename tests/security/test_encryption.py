"""ID numbers at rest: ciphertext in the table, found by blind index, keys rotate, a wrong key
fails loudly."""

from __future__ import annotations

import base64
import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from houbei.audit.models import AuditEntry
from houbei.lib import crypto
from houbei.lib.idnumber import make_id_number
from houbei.ops.keys import encrypted_fields, rotate_keys
from houbei.people.services import find_by_id_number

NUMBER = make_id_number("410782", dt.date(1977, 7, 7), 21)


def _key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


@pytest.fixture
def keys(settings: Any) -> Iterator[Any]:
    """Sets FIELD_ENCRYPTION_KEYS and forgets cached keys, before and after."""

    def use(*configured: str) -> None:
        settings.FIELD_ENCRYPTION_KEYS = list(configured)
        crypto.reset_keys()

    yield use
    crypto.reset_keys()


def _raw_rows() -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM people_person")
        return list(cursor.fetchall())


def _raw_ciphertext(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number_encrypted FROM people_person WHERE id = %s", [pk])
        return str(cursor.fetchone()[0])


def test_the_table_holds_no_plaintext_id_number(make_person: Any) -> None:
    person = make_person(birth=dt.date(1981, 2, 3))
    number = crypto.decrypt(person.id_number_encrypted)
    rows = _raw_rows()
    assert len(rows) == 1
    assert number not in repr(rows)
    assert number[:6] + "********" + number[-4:] in repr(rows)  # the masked form only


def test_the_blind_index_finds_a_person(tree: Any) -> None:
    from houbei.people.services import create_person

    person = create_person(
        fields={"name": "孙七", "id_number": NUMBER, "education": "61", "village": tree["a1"]},
        actor=None,
    )
    assert find_by_id_number(NUMBER) == person
    assert find_by_id_number(make_id_number("410782", dt.date(1977, 7, 7), 23)) is None


def test_key_rotation_re_encrypts_with_the_first_key(keys: Any, make_person: Any) -> None:
    old, new = _key(), _key()
    keys(old)
    person = make_person()
    number = crypto.decrypt(person.id_number_encrypted)
    before = _raw_ciphertext(person.pk)

    keys(new, old)
    counts = rotate_keys(actor=None)

    assert counts["people.person.id_number_encrypted"] == 1
    after = _raw_ciphertext(person.pk)
    assert after != before
    keys(new)  # the old key is gone: the data must open with the new one alone
    assert crypto.decrypt(after) == number
    assert AuditEntry.objects.filter(action="ops.keys.rotated").count() == 1


def test_every_encrypted_column_is_found() -> None:
    assert ("people.person", "id_number_encrypted") in {
        (model._meta.label_lower, column) for model, column in encrypted_fields()
    }


def test_a_wrong_key_fails_loudly(keys: Any, make_person: Any) -> None:
    keys(_key())
    person = make_person()
    keys(_key())
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(_raw_ciphertext(person.pk))


def test_rotation_with_a_missing_old_key_changes_nothing(keys: Any, make_person: Any) -> None:
    keys(_key())
    person = make_person()
    before = _raw_ciphertext(person.pk)
    keys(_key())
    with pytest.raises(CommandError, match="无法解密现有数据"):
        call_command("rotate_keys")
    assert _raw_ciphertext(person.pk) == before
    assert not AuditEntry.objects.filter(action="ops.keys.rotated").exists()


def test_a_malformed_key_is_refused(keys: Any) -> None:
    keys(base64.b64encode(b"short").decode())
    with pytest.raises(crypto.DecryptionError):
        crypto.encrypt("x")


def test_persons_are_never_looked_up_by_a_url_carrying_an_id_number() -> None:
    from django.urls import get_resolver

    def patterns(resolver: Any, prefix: str = "") -> list[str]:
        found = []
        for item in resolver.url_patterns:
            text = prefix + str(item.pattern)
            found += patterns(item, text) if hasattr(item, "url_patterns") else [text]
        return found

    for text in patterns(get_resolver()):
        assert "id_number" not in text.replace("id-number", "") and "<str:" not in text, text
