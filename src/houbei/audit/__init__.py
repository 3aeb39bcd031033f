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
