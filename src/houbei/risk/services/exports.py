"""Every export leaves a trace (docs/security.md §1: record who exported what)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from houbei.audit import record


@transaction.atomic
def record_export(*, actor: Any, kind: str, rows: int) -> None:
    region = getattr(actor, "region", None)
    record(actor, "risk.export.downloaded", None, {"kind": kind, "rows": rows}, region=region)
