"""Readable differences between two versions of a round's rules."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    path: str
    old: str
    new: str


def _show(value: Any) -> str:
    if value is None:
        return "（无）"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _key(index: int, item: Any) -> str:
    if isinstance(item, dict) and isinstance(item.get("code"), str):
        return f"[{item['code']}]"
    return f"[{index + 1}]"


def flatten(value: Any, path: str = "") -> dict[str, Any]:
    """Leaf values by path; list items with a "code" are keyed by it, so a reorder is no change."""
    if isinstance(value, dict) and value:
        found: dict[str, Any] = {}
        for key, child in value.items():
            found |= flatten(child, f"{path}.{key}" if path else str(key))
        return found
    if isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
        found = {}
        for index, item in enumerate(value):
            found |= flatten(item, f"{path}{_key(index, item)}")
        return found
    return {path: value}


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    old, new = flatten(before), flatten(after)
    return [
        Change(path, _show(old.get(path)), _show(new.get(path)))
        for path in sorted(set(old) | set(new))
        if old.get(path) != new.get(path)
    ]
