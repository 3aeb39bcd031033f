"""`houbei backup FILE`: a portable zip of per-table JSON lines with a manifest.

    manifest.json   format, the audit log's signed checkpoint (houbei.audit.checkpoints), time,
                    database vendor, applied migrations, and per table:
                    model, db table, columns, row count, sha256 of its lines
    tables/<app>.<model>.jsonl

Rows stream from the database in chunks into the zip, so memory stays flat. On PostgreSQL the
whole backup reads one REPEATABLE READ snapshot. ID numbers and screening results are stored
encrypted at rest and stay so in the backup, and the file itself is encrypted under the field
keys (houbei.lib.crypto.encrypt_stream): restoring needs the same FIELD_ENCRYPTION_KEYS.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from houbei.accounts.types import Actor
from houbei.audit import checkpoints, record
from houbei.lib import crypto
from houbei.lib.datadir import write_private
from houbei.ops.tables import applied_migrations, backed_up_models, columns, table_lines

FORMAT = "houbei-backup/1"
MANIFEST = "manifest.json"


def _snapshot(outermost: bool) -> None:
    """One consistent view of every table (PostgreSQL; SQLite's transaction already is one)."""
    if outermost and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def _write_table(archive: zipfile.ZipFile, model: Any) -> dict[str, Any]:
    label = model._meta.label_lower
    name = f"tables/{label}.jsonl"
    digest = hashlib.sha256()
    count = 0
    with archive.open(name, "w", force_zip64=True) as out:
        for data in table_lines(model):
            out.write(data)
            digest.update(data)
            count += 1
    return {
        "model": label,
        "db_table": model._meta.db_table,
        "columns": [f.attname for f in columns(model)],
        "file": name,
        "count": count,
        "sha256": digest.hexdigest(),
    }


def write_backup(path: Path, *, actor: Actor | None = None) -> dict[str, Any]:
    """Writes the backup to `path` (atomically: a temporary file renamed at the end)."""
    record(actor, "ops.backup.created", None, {"file": path.name})
    partial = path.with_name(path.name + ".partial")
    plain = path.with_name(path.name + ".plain")
    outermost = not connection.in_atomic_block
    try:
        write_private(plain, b"")  # 0600 before the first row is written
        write_private(partial, b"")
        with transaction.atomic(), zipfile.ZipFile(plain, "w", zipfile.ZIP_DEFLATED) as zf:
            _snapshot(outermost)
            manifest = {
                "format": FORMAT,
                "audit_checkpoint": checkpoints.take(),
                "created_at": timezone.now().isoformat(),
                "vendor": connection.vendor,
                "migrations": applied_migrations(),
                "tables": [_write_table(zf, model) for model in backed_up_models()],
            }
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        with plain.open("rb") as source, partial.open("wb") as target:
            crypto.encrypt_stream(source, target)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
        plain.unlink(missing_ok=True)
    return manifest
