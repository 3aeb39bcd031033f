"""The reviewing departments a reviewer account may be tied to (资格联审部门): the fixed list in
the rules of the round that applies to the account's county, chosen, never typed.

accounts sits below reserves (CONTRIBUTING.md, "Which app may import which"), so the list is
looked up by name and an absent reserves app means no department can be chosen.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

PROVIDER = ("houbei.reserves.queries", "review_departments")
# The seeded list's names, for showing a stored code without a query (docs/domain.md §6.7).
DEFAULTS = ("houbei.reserves.defaults", "REVIEW_DEPARTMENTS")


def _provider() -> Callable[[Any], list[tuple[str, str]]] | None:
    module, function = PROVIDER
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name != module:
            raise
        return None
    provider: Callable[[Any], list[tuple[str, str]]] | None = getattr(found, function, None)
    return provider


def review_departments(region: Any) -> list[tuple[str, str]]:
    """(code, name) of the departments in the round's rules for `region`; with None, of every
    current round."""
    provider = _provider()
    return provider(region) if provider is not None else []


def known_department(stored: str, listed: list[tuple[str, str]]) -> str | None:
    """The code of a stored department (its code, or its name as older accounts hold it);
    None when the list does not have it."""
    for code, name in listed:
        if stored in (code, name):
            return code
    return None


def department_label(stored: str) -> str:
    """A stored department in Chinese: the seeded list's name for a code (police → 公安); an
    older account's name, or a code a county added itself, as stored."""
    module, name = DEFAULTS
    try:
        seeded = getattr(importlib.import_module(module), name, {})
    except ModuleNotFoundError as error:
        if error.name != module:
            raise
        return stored
    names: dict[str, str] = {d["code"]: d["name"] for d in seeded.get("departments", [])}
    return names.get(stored, stored)
