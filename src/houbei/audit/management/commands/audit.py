"""`houbei audit verify`: checks the hash chain of the audit log; exit status 1 when broken."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from houbei.audit.models import AuditEntry
from houbei.audit.services import verify_chain


class Command(BaseCommand):
    help = "审计日志工具：verify 校验哈希链是否完整。"

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        commands.add_parser("verify", help="校验审计日志哈希链")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self.verify()

    def verify(self) -> None:
        problems = 0
        for problem in verify_chain():
            problems += 1
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"审计日志哈希链已损坏：发现 {problems} 处问题。", returncode=1)
        count = AuditEntry.objects.count()
        self.stdout.write(f"审计日志哈希链完整：共 {count} 条记录。")
