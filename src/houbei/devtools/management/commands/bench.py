"""`houbei bench assess --villages 46000`: the weekly assessment at province scale against one
SQL statement computing the same colours (houbei.devtools.risk_bench does the work).
Other `houbei bench <name>` calls are passed to a `bench_<name>` command when one exists.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "性能基准：houbei bench assess --villages 46000（在临时数据库中生成数据并计时）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="基准名称：assess；其他名称转交 bench_<名称> 命令")
        parser.add_argument("--villages", type=int, default=46000, help="村数（默认 46000）")
        parser.add_argument(
            "--in-place", action="store_true", help="SQLite 也使用已配置的数据库（须为空库）"
        )
        parser.add_argument("rest", nargs="*", help="转交给其他基准命令的参数")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["name"] != "assess":
            self._delegate(options["name"], options["rest"])
            return
        from houbei.devtools.risk_bench import bench_assess

        bench_assess(options["villages"], in_place=options["in_place"], write=self.stdout.write)

    def _delegate(self, name: str, rest: list[str]) -> None:
        if f"bench_{name}" not in get_commands():
            raise CommandError(f"没有名为“{name}”的基准（可用：assess）")
        call_command(f"bench_{name}", *rest)
