"""`houbei bench assess --villages 46000`: the weekly assessment at province scale against one
SQL statement computing the same colours (docs/performance.md G5).

Builds a synthetic province in a scratch database: on SQLite a temporary file (unless
--in-place); on PostgreSQL the configured database, which must be empty (for instance the
throwaway cluster of `python -m houbei.devtools.pgcluster -- houbei bench assess ...`).
Other `houbei bench <name>` calls are passed to a `bench_<name>` command when one exists.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections
from django.db.utils import OperationalError, ProgrammingError
from django.utils import timezone


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
        with tempfile.TemporaryDirectory(prefix="houbei-bench-") as folder:
            if connection.vendor == "sqlite" and not options["in_place"]:
                self._use_scratch_sqlite(Path(folder) / "bench.sqlite3")
            self._prepare()
            self._run(options["villages"])

    def _delegate(self, name: str, rest: list[str]) -> None:
        if f"bench_{name}" not in get_commands():
            raise CommandError(f"没有名为“{name}”的基准（可用：assess）")
        call_command(f"bench_{name}", *rest)

    def _use_scratch_sqlite(self, path: Path) -> None:
        connections["default"].close()
        connections["default"].settings_dict["NAME"] = str(path)
        self.stdout.write(f"临时 SQLite 数据库：{path}")

    def _prepare(self) -> None:
        from houbei.regions.models import Region

        try:
            if Region.objects.exists():
                raise CommandError("数据库不为空：基准只在空库或临时库中运行，以免改动真实数据。")
        except (OperationalError, ProgrammingError):
            connection.close()  # no tables yet: a fresh database
        call_command("migrate", verbosity=0, interactive=False)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # as the engine does for its own reads
                cursor.execute("SET jit = off")

    def _run(self, villages: int) -> None:
        from houbei.risk.benchmark import analyse, build, measure

        started = time.perf_counter()
        election_round = build(villages)
        analyse()
        self.stdout.write(f"生成 {villages} 个村的数据用时 {time.perf_counter() - started:.1f} 秒")
        timing = measure(election_round, timezone.localdate())
        if not timing.agree:
            sample = list(timing.disagreements.items())[:5]
            raise CommandError(
                f"引擎与单条 SQL 的计算结果不一致：{len(timing.disagreements)} 个村，"
                f"如（村编号: (引擎得分, 颜色), (SQL得分, 颜色)）{sample}"
            )
        self.stdout.write(
            f"数据库 {connection.vendor}；村 {timing.villages}；"
            f"引擎（含写入快照） {timing.engine_seconds:.2f} 秒，{timing.engine_queries} 条查询；"
            f"单条 SQL {timing.sql_seconds:.2f} 秒；倍数 {timing.ratio:.2f}；结果一致"
        )
