"""Writing and verifying the audit chain."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from houbei.audit.context import current
from houbei.audit.models import AuditEntry

GENESIS = "0" * 64


def _entry_digest(entry: AuditEntry) -> str:
    payload = {
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "username": entry.actor_username,
        "role": entry.actor_role,
        "ip": entry.ip,
        "action": entry.action,
        "target": [entry.target_type, entry.target_id, entry.target_repr],
        "region": entry.region_id,
        "changes": entry.changes,
        "outcome": entry.outcome,
        "prev": entry.prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(4242001)")


def _target_region_id(target: Any, region: Any) -> int | None:
    if region is not None:
        return int(region.pk)
    if target is None:
        return None
    if hasattr(target, "audit_region_id"):
        value = target.audit_region_id()
        return int(value) if value is not None else None
    return None


def _jsonable(changes: dict[str, Any] | None) -> dict[str, Any]:
    return json.loads(json.dumps(changes or {}, ensure_ascii=False, default=str))  # type: ignore[no-any-return]


@transaction.atomic
def record(
    actor: Any,
    action: str,
    target: Any = None,
    changes: dict[str, Any] | None = None,
    *,
    outcome: str = "ok",
    region: Any = None,
) -> AuditEntry:
    _lock_chain()
    context = current.get()
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor if authenticated else None,
        actor_username=getattr(actor, "username", "") or "",
        actor_role=getattr(actor, "role", "") or "",
        ip=context.ip if context else None,
        action=action,
        target_type=target._meta.label_lower if isinstance(target, Model) else "",
        target_id=str(target.pk) if isinstance(target, Model) else "",
        target_repr=str(target)[:200] if target is not None else "",
        region_id=_target_region_id(target, region),
        changes=_jsonable(changes),
        outcome=outcome,
    )
    last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
    entry.prev_hash = last or GENESIS
    entry.hash = _entry_digest(entry)
    entry.save()
    return entry


def _plain(value: Any) -> Any:
    """What _jsonable makes of a value (non-JSON types as str), without a JSON round trip."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


@transaction.atomic
def record_many(
    actor: Any,
    items: Iterable[tuple[str, Model, dict[str, Any]]],
    *,
    outcome: str = "ok",
    batch_size: int = 1000,
) -> int:
    """Many chained entries in one bulk insert (imports): (action, target, changes) each.

    The caller passes one batch at a time; the entries take ids, and so their chain order,
    in the order given."""
    _lock_chain()
    context = current.get()
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    at = timezone.now()
    previous = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS
    entries = []
    for action, target, changes in items:
        entry = AuditEntry(
            at=at,
            actor=actor if authenticated else None,
            actor_username=getattr(actor, "username", "") or "",
            actor_role=getattr(actor, "role", "") or "",
            ip=context.ip if context else None,
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            target_repr=str(target)[:200],
            region_id=_target_region_id(target, None),
            changes=_plain(changes),
            outcome=outcome,
            prev_hash=previous,
        )
        entry.hash = previous = _entry_digest(entry)
        entries.append(entry)
    AuditEntry.objects.bulk_create(entries, batch_size=batch_size)
    return len(entries)


def verify_chain(batch_size: int = 5000) -> Iterator[str]:
    """Yields a Chinese description of every broken link; nothing when the chain is intact."""
    previous = GENESIS
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch_size):
        if entry.prev_hash != previous:
            yield f"第 {entry.pk} 条记录的前序哈希不连续（记录被删除或插入）"
        if _entry_digest(entry) != entry.hash:
            yield f"第 {entry.pk} 条记录的内容与哈希不符（记录被篡改）"
        previous = entry.hash


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Old and new values of the fields that changed."""
    return {
        key: {"old": before.get(key), "new": after.get(key)}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


@transaction.atomic
def record_export(actor: Any, *, filters: dict[str, Any], file_format: str) -> AuditEntry:
    """The auditor exported the log: which filters, which format."""
    from houbei.audit.filters import described

    changes = {"filters": described(filters), "format": file_format}
    return record(actor, "audit.log.exported", None, changes, region=getattr(actor, "region", None))
