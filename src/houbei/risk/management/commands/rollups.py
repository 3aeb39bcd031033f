"""`houbei rollups [--check]`: rebuild the dashboards' precomputed figures from the snapshots, or
compare them with a fresh count (houbei.risk.rollups)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from houbei.risk import rollups


class Command(BaseCommand):
    help = "重建选情研判看板的汇总数据（--check：只核对，不写入）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="只核对汇总与实时统计是否一致")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            found = rollups.differences()
            for line in found:
                self.stdout.write(line)
            if found:
                raise CommandError(
                    f"{len(found)} 个乡镇的汇总与实时统计不一致，请运行 houbei rollups 重建。"
                )
            self.stdout.write("汇总与实时统计一致。")
            return
        towns = rollups.rebuild()
        self.stdout.write(f"已重建 {towns} 个乡镇的研判汇总。")
