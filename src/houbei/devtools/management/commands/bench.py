"""`houbei bench assess --villages 46000`: the weekly assessment at province scale against one
SQL statement computing the same colours (houbei.devtools.risk_bench does the work).
`houbei bench goals --size county [--weeks 52] [--web] [--json FILE]`: one database's share of
`make bench` (houbei.devtools.goals), in an empty database.
`houbei bench export [--villages 13300] [--export-rows 100000] [--json FILE]`: G2 alone (the
person export against a chunked fetch written by XlsxWriter), in an empty database.
`houbei bench pages --size county [--repeat 15] [--cprofile FOLDER]`: where a page's time goes
(houbei.devtools.page_profile), in an empty database.
Other `houbei bench <name>` calls are passed to a `bench_<name>` command when one exists.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser

from houbei.devtools.province import SIZES


class Command(BaseCommand):
    help = "性能基准：houbei bench assess --villages 46000（在临时数据库中生成数据并计时）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "name", help="基准名称：assess、goals、export；其他名称转交 bench_<名称> 命令"
        )
        parser.add_argument("--villages", type=int, default=46000, help="村数（默认 46000）")
        parser.add_argument(
            "--in-place", action="store_true", help="SQLite 也使用已配置的数据库（须为空库）"
        )
        parser.add_argument("--size", choices=sorted(SIZES), default="county", help="数据规模")
        parser.add_argument("--weeks", type=int, default=52, help="研判快照周数（0：不生成）")
        parser.add_argument("--web", action="store_true", help="同时测量页面（houbei serve）")
        parser.add_argument("--seconds", type=float, default=10.0, help="每项负载测量的秒数")
        parser.add_argument("--export-rows", type=int, default=100_000, help="导出测量的行数")
        parser.add_argument("--accounts", type=int, default=30, help="混合负载使用的乡镇账号数")
        parser.add_argument("--json", help="结果另存为 JSON 文件")
        parser.add_argument("--repeat", type=int, default=15, help="pages：每页请求次数")
        parser.add_argument("--cprofile", help="pages：cProfile 结果存放的文件夹")
        parser.add_argument("--only", default="", help="pages：只测名称含此文字的页面")
        parser.add_argument("rest", nargs="*", help="转交给其他基准命令的参数")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["name"] == "goals":
            self._goals(options)
            return
        if options["name"] == "export":
            self._export(options)
            return
        if options["name"] == "pages":
            self._pages(options)
            return
        if options["name"] != "assess":
            self._delegate(options["name"], options["rest"])
            return
        from houbei.devtools.risk_bench import bench_assess

        bench_assess(options["villages"], in_place=options["in_place"], write=self.stdout.write)

    def _goals(self, options: dict[str, Any]) -> None:
        from houbei.devtools.goals import run_goals

        def write(line: str) -> None:
            self.stdout.write(line)
            self.stdout.flush()

        figures = run_goals(
            options["size"], weeks=options["weeks"], web=options["web"],
            seconds=options["seconds"], export_rows=options["export_rows"], write=write,
            accounts=options["accounts"],
        )  # fmt: skip
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(figures, ensure_ascii=False, indent=1))

    def _export(self, options: dict[str, Any]) -> None:
        from houbei.devtools.goals import bench_export

        def write(line: str) -> None:
            self.stdout.write(line)
            self.stdout.flush()

        villages = options["villages"] if options["villages"] != 46000 else 13_300
        figures = bench_export(villages, options["export_rows"], write)
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(figures, ensure_ascii=False, indent=1))

    def _pages(self, options: dict[str, Any]) -> None:
        from houbei.devtools.page_profile import profile

        def write(line: str) -> None:
            self.stdout.write(line)
            self.stdout.flush()

        folder = Path(options["cprofile"]) if options["cprofile"] else None
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
        figures = profile(options["size"], options["repeat"], folder, write, options["only"])
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(figures, ensure_ascii=False, indent=1))

    def _delegate(self, name: str, rest: list[str]) -> None:
        if f"bench_{name}" not in get_commands():
            raise CommandError(f"没有名为“{name}”的基准（可用：assess、goals、export、pages）")
        call_command(f"bench_{name}", *rest)
