"""The append-only audit log. `record()` is the one way to write it, from inside a service."""

from __future__ import annotations

from typing import Any

from houbei.accounts.types import Actor


def record(
    actor: Actor | None,
    action: str,
    target: Any = None,
    changes: dict[str, Any] | None = None,
    *,
    outcome: str = "ok",
    region: Any = None,
) -> Any:
    from houbei.audit.services import record as _record

    return _record(actor, action, target, changes, outcome=outcome, region=region)


def record_read(
    actor: Actor | None, action: str, target: Any, *, people: Any, region: Any = None
) -> Any:
    """One page view of personal data, naming the people whose records the page showed."""
    from houbei.audit.services import record_read as _record_read

    return _record_read(actor, action, target, people=people, region=region)


def people_ids(people: Any) -> list[int]:
    from houbei.audit.services import people_ids as _people_ids

    return _people_ids(people)
