"""Keyset pagination: every page costs the same, however deep (docs/performance.md G4).

The token that leads to the next page holds the last row's sort values (a person's pinyin
name, say), so it is encrypted (AES-GCM under a key derived from SECRET_KEY for this use only)
and signed with a time stamp (django.core.signing): nothing can be read from a URL, and a
tampered, foreign or stale token gives the first page (docs/security.md item 23)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, Model, Q, QuerySet

M = TypeVar("M", bound=Model)
PAGE_SIZE = 50
SALT = "houbei.lib.paging"
MAX_AGE = 24 * 3600  # seconds a token stays valid


@dataclass
class Page(Generic[M]):
    items: list[M]
    next_token: str | None
    first: bool


def _cipher() -> AESGCM:
    return AESGCM(hashlib.sha256(f"houbei:{SALT}:{settings.SECRET_KEY}".encode()).digest())


def encode_token(values: list[Any]) -> str:
    nonce = os.urandom(12)
    sealed = _cipher().encrypt(nonce, json.dumps(values, default=str).encode(), None)
    text = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
    return signing.TimestampSigner(salt=SALT).sign(text)


def decode_token(token: str, width: int) -> list[Any] | None:
    """The values of a token this module made (for a sort of `width` keys), or None."""
    try:
        text = signing.TimestampSigner(salt=SALT).unsign(token, max_age=MAX_AGE)
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        values = json.loads(_cipher().decrypt(raw[:12], raw[12:], None))
    except (signing.BadSignature, binascii.Error, InvalidTag, ValueError):
        return None
    return values if isinstance(values, list) and len(values) == width else None


def _after(keys: tuple[str, ...], values: list[Any], nullable: set[str]) -> Q:
    """Rows strictly after `values` in the order of `keys` (NULLs last on nullable keys)."""
    names = [key.lstrip("-") for key in keys]
    condition = Q()
    for i, key in enumerate(keys):
        equal = Q()
        for name, value in zip(names[:i], values[:i], strict=True):
            equal &= Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
        if values[i] is None:
            continue  # nothing sorts after NULL at this key: only the later keys can advance
        op = "lt" if key.startswith("-") else "gt"
        beyond = Q(**{f"{names[i]}__{op}": values[i]})
        if names[i] in nullable:
            beyond |= Q(**{f"{names[i]}__isnull": True})
        condition |= equal & beyond
    return condition


def _may_be_null(model: type[Model], name: str) -> bool:
    try:
        return bool(getattr(model._meta.get_field(name), "null", False))
    except FieldDoesNotExist:
        return False  # an annotation: the view makes it NOT NULL (Coalesce) when it sorts by it


def _ordering(model: type[Model], keys: tuple[str, ...]) -> tuple[list[Any], set[str]]:
    """ORDER BY terms for `keys`, with NULLs last (on both databases) where a field allows NULL."""
    nullable = {key.lstrip("-") for key in keys if _may_be_null(model, key.lstrip("-"))}
    terms: list[Any] = []
    for key in keys:
        name = key.lstrip("-")
        if name not in nullable:
            terms.append(key)
        elif key.startswith("-"):
            terms.append(F(name).desc(nulls_last=True))
        else:
            terms.append(F(name).asc(nulls_last=True))
    return terms, nullable


def keyset_page(
    queryset: QuerySet[M], *, keys: tuple[str, ...], token: str | None, size: int = PAGE_SIZE
) -> Page[M]:
    """One page ordered by `keys` ("-" for descending; the last one unique), after `token`."""
    values = decode_token(token, len(keys)) if token else None
    terms, nullable = _ordering(queryset.model, keys)
    if values is not None:
        queryset = queryset.filter(_after(keys, values, nullable))
        first = keys[0].lstrip("-")
        if values[0] is not None and first not in nullable:
            # The same rows, plus a bound an index on the first key can start from: PostgreSQL
            # cannot start an index scan at `a > x OR (a = x AND b > y)`, so without it a deep
            # page read the index from its start (page 41 of a county's people 3.8 × the first
            # at province scale; docs/performance.md §4.5).
            op = "lte" if keys[0].startswith("-") else "gte"
            queryset = queryset.filter(**{f"{first}__{op}": values[0]})
    rows = list(queryset.order_by(*terms)[: size + 1])
    items = rows[:size]
    next_token = None
    if len(rows) > size:
        last = items[-1]
        next_token = encode_token([getattr(last, k.lstrip("-")) for k in keys])
    return Page(items=items, next_token=next_token, first=values is None)
