"""Every export leaves a trace (docs/security.md §1: record who exported what)."""

from __future__ import annotations

from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit import record


@transaction.atomic
def record_export(*, actor: Actor, kind: str, rows: int) -> None:
    region = getattr(actor, "region", None)
    record(actor, "risk.export.downloaded", None, {"kind": kind, "rows": rows}, region=region)
