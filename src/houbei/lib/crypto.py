"""Encryption of sensitive fields at rest, and blind indexes to find them.

One module, so the algorithm can be swapped (SM4 where 密评 applies). Today: AES-256-GCM,
keys from FIELD_ENCRYPTION_KEYS (first encrypts, all decrypt); only in development and tests
are they derived from SECRET_KEY (a deployment without them fails `check --deploy`, and a
process that is neither refuses to derive them: docs/decisions/0016-trust.md).
Ciphertext text format: "v1.<key index>.<base64(nonce + ciphertext)>"; a sealed value, bound
to its table, row and column as associated data, is "v2.<key index>.<...>" (seal / unseal).
Backup files are encrypted whole, in chunks (encrypt_stream / decrypt_stream).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import cache
from typing import BinaryIO

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings


class DecryptionError(RuntimeError):
    pass


def _derive(label: str) -> bytes:
    return hashlib.sha256(f"houbei:{label}:{settings.SECRET_KEY}".encode()).digest()


def may_derive_keys() -> bool:
    """Keys derived from SECRET_KEY are for development and tests only."""
    return bool(settings.DEBUG or getattr(settings, "TESTING", False))


@cache
def _keys() -> tuple[bytes, ...]:
    configured = [base64.b64decode(k) for k in settings.FIELD_ENCRYPTION_KEYS]
    if not configured and not may_derive_keys():
        raise DecryptionError(
            "未配置 FIELD_ENCRYPTION_KEYS：生产环境不得由 SECRET_KEY 派生字段密钥"
        )
    keys = tuple(configured) or (_derive("field-encryption"),)
    if any(len(k) != 32 for k in keys):
        raise DecryptionError("FIELD_ENCRYPTION_KEYS 中的密钥须为32字节（base64编码）")
    return keys


@cache
def _index_key() -> bytes:
    configured = settings.BLIND_INDEX_KEY
    if not configured and not may_derive_keys():
        raise DecryptionError("未配置 BLIND_INDEX_KEY：生产环境不得由 SECRET_KEY 派生索引密钥")
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


def seal(plaintext: str, *, context: str) -> str:
    """encrypt(), bound to `context` (table, column, row) as associated data: a ciphertext
    copied to another row or column no longer opens."""
    nonce = os.urandom(12)
    sealed = _cipher(0).encrypt(nonce, plaintext.encode(), context.encode())
    return "v2.0." + base64.b64encode(nonce + sealed).decode()


def unseal(token: str, *, context: str) -> str:
    try:
        version, index, payload = token.split(".", 2)
        raw = base64.b64decode(payload)
        first = int(index)
    except (ValueError, IndexError) as error:
        raise DecryptionError("密文格式错误") from error
    if version != "v2":
        raise DecryptionError("不支持的密文版本")
    keys = _keys()
    order = [first, *range(len(keys))] if first < len(keys) else list(range(len(keys)))
    for position in order:
        try:
            return _cipher(position).decrypt(raw[:12], raw[12:], context.encode()).decode()
        except Exception:  # noqa: S112 - try the next key
            continue
    raise DecryptionError("无法解密：密钥错误、数据被篡改或被移到了别的行")


STREAM_MAGIC = b"HOUBEI-ENC1\n"
STREAM_CHUNK = 1 << 20


def _stream_key(index: int) -> AESGCM:
    return AESGCM(hmac.digest(_keys()[index], b"houbei:backup-file", "sha256"))


def encrypt_stream(source: BinaryIO, target: BinaryIO) -> None:
    """The file in 1 MiB chunks, each sealed with its number and whether it is the last
    (so chunks cannot be reordered, dropped or the file cut short)."""
    cipher = _stream_key(0)
    target.write(STREAM_MAGIC)
    number = 0
    chunk = source.read(STREAM_CHUNK)
    while True:
        following = source.read(STREAM_CHUNK)
        last = not following
        nonce = os.urandom(12)
        sealed = cipher.encrypt(nonce, chunk, _chunk_aad(number, last))
        target.write(len(sealed).to_bytes(4, "big") + nonce + sealed)
        if last:
            return
        chunk, number = following, number + 1


def is_encrypted_stream(head: bytes) -> bool:
    return head.startswith(STREAM_MAGIC)


def decrypt_stream(source: BinaryIO, target: BinaryIO) -> None:
    if source.read(len(STREAM_MAGIC)) != STREAM_MAGIC:
        raise DecryptionError("不是加密的备份文件")
    ciphers = [_stream_key(i) for i in range(len(_keys()))]
    number, cipher = 0, None
    while True:
        size = source.read(4)
        if len(size) < 4:
            raise DecryptionError("加密文件不完整（被截断）")
        nonce, sealed = source.read(12), source.read(int.from_bytes(size, "big"))
        plain, last, cipher = _open_chunk(ciphers, cipher, nonce, sealed, number)
        target.write(plain)
        if last:
            if source.read(1):
                raise DecryptionError("加密文件末尾有多余内容")
            return
        number += 1


def _chunk_aad(number: int, last: bool) -> bytes:
    return number.to_bytes(8, "big") + (b"\x01" if last else b"\x00")


def _open_chunk(
    ciphers: list[AESGCM], known: AESGCM | None, nonce: bytes, sealed: bytes, number: int
) -> tuple[bytes, bool, AESGCM]:
    for cipher in [known] if known is not None else ciphers:
        for last in (False, True):
            try:
                return cipher.decrypt(nonce, sealed, _chunk_aad(number, last)), last, cipher
            except Exception:  # noqa: S112 - the other flag or key
                continue
    raise DecryptionError("无法解密备份文件：密钥错误或文件被改动")
