"""The one way to delete audit entries: a maintenance transaction (see migration 0003)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connections, transaction


@contextmanager
def audit_deletes_allowed(reason: str, using: str = "default") -> Iterator[None]:
    """Inside this transaction, and only here, the triggers let deletes of audit entries pass.
    Development and tests only: a production process refuses (and under the database roles of
    docs/database-roles.md its account cannot write the switch table at all)."""
    if not (settings.DEBUG or getattr(settings, "TESTING", False)):
        raise PermissionError("生产环境不能打开审计日志维护开关。")
    connection = connections[using]
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO audit_maintenance (reason) VALUES (%s)", [reason[:100]])
        yield
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_maintenance")
