"""Keyset pagination: every page costs the same, however deep (docs/performance.md G4)."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Model, Q, QuerySet

M = TypeVar("M", bound=Model)
PAGE_SIZE = 50


@dataclass
class Page(Generic[M]):
    items: list[M]
    next_token: str | None
    first: bool


def _encode(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, default=str).encode()).decode()


def _decode(token: str, width: int) -> list[Any] | None:
    try:
        values = json.loads(base64.urlsafe_b64decode(token.encode()))
    except ValueError:
        return None
    return values if isinstance(values, list) and len(values) == width else None


def _after(keys: tuple[str, ...], values: list[Any]) -> Q:
    names = [key.lstrip("-") for key in keys]
    condition = Q()
    for i, key in enumerate(keys):
        equal = {k: v for k, v in zip(names[:i], values[:i], strict=True)}
        op = "lt" if key.startswith("-") else "gt"
        condition |= Q(**equal, **{f"{names[i]}__{op}": values[i]})
    return condition


def keyset_page(
    queryset: QuerySet[M], *, keys: tuple[str, ...], token: str | None, size: int = PAGE_SIZE
) -> Page[M]:
    """One page ordered by `keys` ("-" for descending; the last one unique), after `token`."""
    values = _decode(token, len(keys)) if token else None
    if values is not None:
        queryset = queryset.filter(_after(keys, values))
    rows = list(queryset.order_by(*keys)[: size + 1])
    items = rows[:size]
    next_token = None
    if len(rows) > size:
        last = items[-1]
        next_token = _encode([getattr(last, k.lstrip("-")) for k in keys])
    return Page(items=items, next_token=next_token, first=values is None)
