"""`houbei backup FILE`: see houbei.ops.backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from houbei.ops.backup import write_backup


class Command(BaseCommand):
    help = "备份数据库到一个可移植的 zip 文件（SQLite 与 PostgreSQL 通用）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="备份文件路径，如 houbei-20260101.zip")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        manifest = write_backup(path)
        rows = sum(t["count"] for t in manifest["tables"])
        if options["verbosity"] < 1:
            return
        self.stdout.write(f"已备份 {len(manifest['tables'])} 张表、{rows} 行到 {path}")
        for table in manifest["tables"]:
            if table["count"]:
                self.stdout.write(f"  {table['model']}: {table['count']} 行 {table['sha256'][:12]}")
