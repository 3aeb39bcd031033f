"""`houbei restore FILE`: see houbei.ops.restore."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from houbei.ops.restore import RestoreError, restore_backup


class Command(BaseCommand):
    help = "把备份恢复到空数据库，并逐表核对行数与内容哈希、校验审计日志哈希链。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="houbei backup 生成的 zip 文件")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"找不到备份文件：{path}")
        try:
            report = restore_backup(path)
        except RestoreError as error:
            raise CommandError(f"恢复失败，数据库未改动：{error}") from error
        rows = sum(t["count"] for t in report)
        self.stdout.write(
            f"已恢复 {len(report)} 张表、{rows} 行；逐表核对一致，审计日志哈希链完整。"
        )
