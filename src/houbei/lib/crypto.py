"""Encryption of sensitive fields at rest, and blind indexes to find them.

One module, so the algorithm can be swapped (SM4 where 密评 applies). Today: AES-256-GCM,
keys from FIELD_ENCRYPTION_KEYS (first encrypts, all decrypt) or derived from SECRET_KEY.
Ciphertext text format: "v1.<key index>.<base64(nonce + ciphertext)>".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings


class DecryptionError(RuntimeError):
    pass


def _derive(label: str) -> bytes:
    return hashlib.sha256(f"houbei:{label}:{settings.SECRET_KEY}".encode()).digest()


@cache
def _keys() -> tuple[bytes, ...]:
    configured = [base64.b64decode(k) for k in settings.FIELD_ENCRYPTION_KEYS]
    keys = tuple(configured) or (_derive("field-encryption"),)
    if any(len(k) != 32 for k in keys):
        raise DecryptionError("FIELD_ENCRYPTION_KEYS 中的密钥须为32字节（base64编码）")
    return keys


@cache
def _index_key() -> bytes:
    configured = settings.BLIND_INDEX_KEY
    return base64.b64decode(configured) if configured else _derive("blind-index")


@cache
def _cipher(index: int) -> AESGCM:
    """The cipher of one key, built once (building it costs as much as a short encryption)."""
    return AESGCM(_keys()[index])


def reset_keys() -> None:
    """Forget cached keys (after settings change, in tests and key rotation)."""
    _keys.cache_clear()
    _index_key.cache_clear()
    _cipher.cache_clear()


def encrypt(plaintext: str) -> str:
    nonce = os.urandom(12)
    sealed = _cipher(0).encrypt(nonce, plaintext.encode(), None)
    return "v1.0." + base64.b64encode(nonce + sealed).decode()


def encrypt_many(plaintexts: list[str]) -> list[str]:
    """encrypt() of each, with one call for all the nonces (imports encrypt thousands)."""
    seal = _cipher(0).encrypt
    random = os.urandom(12 * len(plaintexts))
    nonces = [random[start : start + 12] for start in range(0, len(random), 12)]
    return [
        "v1.0." + base64.b64encode(nonce + seal(nonce, text.encode(), None)).decode()
        for nonce, text in zip(nonces, plaintexts, strict=True)
    ]


def decrypt(token: str) -> str:
    try:
        version, index, payload = token.split(".", 2)
        raw = base64.b64decode(payload)
        key = _keys()[int(index)] if version == "v1" else None
    except (ValueError, IndexError) as error:
        raise DecryptionError("密文格式错误") from error
    if key is None:
        raise DecryptionError("不支持的密文版本")
    for candidate in (key, *_keys()):
        try:
            return AESGCM(candidate).decrypt(raw[:12], raw[12:], None).decode()
        except Exception:  # noqa: S112 - try the next key
            continue
    raise DecryptionError("无法解密：密钥错误或数据被篡改")


def blind_index(value: str) -> str:
    """HMAC-SHA256 of the value, hex (one-shot: the same digest as hmac.new(...).hexdigest())."""
    return hmac.digest(_index_key(), value.encode(), "sha256").hex()
