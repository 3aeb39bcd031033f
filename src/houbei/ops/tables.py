"""Which tables a backup holds, and how a row becomes one portable line of JSON.

A row is a JSON array of its concrete columns in model order. Values are JSON-native, with
dates and times as ISO 8601 (full precision, so audit hashes survive), decimals and UUIDs as
text, binary as base64. The same encoding gives each table's content hash, so a backup taken on
SQLite restores on PostgreSQL and the two compare equal.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Model

# Sessions are never restored (a restore must not bring logins back).
SKIPPED = {"sessions.session", "accounts.usersession"}
# Rows that `migrate` writes itself; a restore replaces them with the backup's.
MIGRATION_ROWS = ["auth.permission", "contenttypes.contenttype"]
CHUNK = 2000
# Columns derived from others that a backup leaves empty: the masked ID number beside the birth
# date would give away all but 4 characters of the number (docs/security.md §2). The restore
# derives them again (restore.derive_columns).
DERIVED = {"people.person": frozenset({"id_number_masked"})}


def backed_up_models() -> list[type[Model]]:
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in SKIPPED:
            continue
        found.append(model)
    return sorted(found, key=lambda m: m._meta.label_lower)


def columns(model: type[Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.concrete_fields)


def encode(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        from django.utils.duration import duration_iso_string

        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    return value


def decode(field: models.Field[Any, Any], value: Any) -> Any:
    if value is None or isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.BinaryField):
        return base64.b64decode(value)
    return field.to_python(value)


def line(values: tuple[Any, ...] | list[Any]) -> bytes:
    text = json.dumps([encode(v) for v in values], ensure_ascii=False, sort_keys=True)
    return text.encode() + b"\n"


def table_lines(model: type[Model]) -> Iterator[bytes]:
    names = [f.attname for f in columns(model)]
    derived = DERIVED.get(model._meta.label_lower, frozenset())
    blank = [index for index, name in enumerate(names) if name in derived]
    rows = model._base_manager.order_by("pk").values_list(*names)
    for values in rows.iterator(chunk_size=CHUNK):
        if blank:
            values = tuple("" if i in blank else v for i, v in enumerate(values))
        yield line(values)


def table_digest(model: type[Model]) -> tuple[int, str]:
    """(row count, sha256 of the table's lines) as the database holds it now."""
    digest = hashlib.sha256()
    count = 0
    for data in table_lines(model):
        digest.update(data)
        count += 1
    return count, digest.hexdigest()


def digests() -> dict[str, dict[str, Any]]:
    """Every backed-up table's count and hash: what a round trip must preserve."""
    result = {}
    for model in backed_up_models():
        count, sha = table_digest(model)
        result[model._meta.label_lower] = {"count": count, "sha256": sha}
    return result


def applied_migrations() -> dict[str, list[str]]:
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied
