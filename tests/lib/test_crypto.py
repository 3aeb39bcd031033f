"""Encryption helpers the importer uses in bulk give what the one-at-a-time ones give."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Iterator
from typing import Any

import pytest

from houbei.lib import crypto


@pytest.fixture(autouse=True)
def _fresh_keys() -> Iterator[None]:
    crypto.reset_keys()
    yield
    crypto.reset_keys()


def test_encrypting_many_gives_values_each_decrypting_to_its_own_text() -> None:
    texts = [f"41078219750308{i:04d}" for i in range(50)]

    sealed = crypto.encrypt_many(texts)

    assert [crypto.decrypt(token) for token in sealed] == texts
    assert len({token.split(".")[2][:16] for token in sealed}) == 50  # a fresh nonce each


def test_encrypting_nothing_gives_nothing() -> None:
    assert crypto.encrypt_many([]) == []


def test_the_blind_index_is_the_hmac_sha256_of_the_text() -> None:
    expected = hmac.new(crypto._index_key(), b"410782", hashlib.sha256).hexdigest()

    assert crypto.blind_index("410782") == expected


def test_a_new_key_is_used_once_the_cached_cipher_is_forgotten(settings: Any) -> None:
    old = crypto.encrypt("x")
    settings.FIELD_ENCRYPTION_KEYS = [base64.b64encode(os.urandom(32)).decode()]
    crypto.reset_keys()

    new = crypto.encrypt_many(["x"])[0]

    assert crypto.decrypt(new) == "x"
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(old)
