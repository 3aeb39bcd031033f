"""`houbei flush` empties every table, the audit log included, for development and tests only
(Django's test runner calls it after each transactional test). In production it refuses."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import flush

from houbei.audit.maintenance import audit_deletes_allowed


class Command(flush.Command):
    help = "清空全部数据（含审计日志），仅用于开发与测试环境。"

    def handle(self, **options: Any) -> None:
        if not (settings.DEBUG or getattr(settings, "TESTING", False)):
            raise CommandError("生产环境不能清空数据库：审计日志须保留。")
        with audit_deletes_allowed("flush", using=options["database"]):
            super().handle(**options)
