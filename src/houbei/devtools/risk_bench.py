"""`houbei bench assess --villages 46000`: the weekly assessment at province scale against one
SQL statement computing the same colours (docs/performance.md G5, houbei.devtools.risk_sql).

A synthetic province (houbei.devtools.province: regions, committees, surveys, facts and
reserves for N villages, deterministic) is built in a scratch database: on SQLite a temporary
file (unless in place); on PostgreSQL the configured database, which must be empty (for
instance the throwaway cluster of `python -m houbei.devtools.pgcluster -- houbei bench assess ...`).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, reset_queries, transaction
from django.db.utils import OperationalError, ProgrammingError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from houbei.devtools import risk_sql
from houbei.devtools.province import Factory, build, put_in_pool
from houbei.regions.models import Region
from houbei.risk.engine.run import assess_villages, villages_under
from houbei.risk.models import Assessment, RunSource
from houbei.rounds.models import ElectionRound

__all__ = ["Factory", "analyse", "build", "measure", "put_in_pool"]


def analyse() -> None:
    """Planner statistics after the bulk load, as autovacuum (or a DBA) would have them."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@dataclass
class Timing:
    villages: int
    engine_seconds: float
    engine_queries: int
    sql_seconds: float
    disagreements: dict[int, tuple[Any, Any]]

    @property
    def agree(self) -> bool:
        return not self.disagreements

    @property
    def ratio(self) -> float:
        return self.engine_seconds / self.sql_seconds if self.sql_seconds else float("inf")


def _engine(villages: Any) -> tuple[float, int]:
    reset_queries()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        started = time.perf_counter()
        assess_villages(region=None, villages=villages, actor=None, source=RunSource.COMMAND)
        seconds = time.perf_counter() - started
    return seconds, len(queries)


def measure(election_round: ElectionRound, today: dt.date) -> Timing:
    villages = villages_under(election_round.region)
    _engine(villages)  # the first week: no previous snapshots
    engine_seconds, engine_queries = _engine(villages)  # a later week: the steady state
    risk, ctx = risk_sql.round_rules(election_round, today)
    started = time.perf_counter()
    found = risk_sql.colours(villages, election_round, risk, ctx)
    sql_seconds = time.perf_counter() - started
    engine = {
        pk: (score, colour)
        for pk, score, colour in Assessment.objects.filter(is_latest=True).values_list(
            "village_id", "score", "computed_colour"
        )
    }
    differ = {pk: (engine.get(pk), found.get(pk)) for pk in set(engine) | set(found)}
    differ = {pk: pair for pk, pair in differ.items() if pair[0] != pair[1]}
    return Timing(len(engine), engine_seconds, engine_queries, sql_seconds, differ)


# The command (houbei.devtools.management.commands.bench) -----------------------------------


def use_scratch_sqlite(path: Path, write: Callable[[str], Any]) -> None:
    connections["default"].close()
    connections["default"].settings_dict["NAME"] = str(path)
    write(f"临时 SQLite 数据库：{path}")


def prepare() -> None:
    """Refuse a database holding data; migrate; JIT off as the engine has it for its reads."""
    try:
        if Region.objects.exists():
            raise CommandError("数据库不为空：基准只在空库或临时库中运行，以免改动真实数据。")
    except (OperationalError, ProgrammingError):
        connection.close()  # no tables yet: a fresh database
    call_command("migrate", verbosity=0, interactive=False)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")


def run(villages: int, write: Callable[[str], Any]) -> None:
    started = time.perf_counter()
    election_round = build(villages)
    analyse()
    write(f"生成 {villages} 个村的数据用时 {time.perf_counter() - started:.1f} 秒")
    timing = measure(election_round, timezone.localdate())
    if not timing.agree:
        sample = list(timing.disagreements.items())[:5]
        raise CommandError(
            f"引擎与单条 SQL 的计算结果不一致：{len(timing.disagreements)} 个村，"
            f"如（村编号: (引擎得分, 颜色), (SQL得分, 颜色)）{sample}"
        )
    write(
        f"数据库 {connection.vendor}；村 {timing.villages}；"
        f"引擎（含写入快照） {timing.engine_seconds:.2f} 秒，{timing.engine_queries} 条查询；"
        f"单条 SQL {timing.sql_seconds:.2f} 秒；倍数 {timing.ratio:.2f}；结果一致"
    )


def bench_assess(villages: int, *, in_place: bool, write: Callable[[str], Any]) -> None:
    """`houbei bench assess`: in a temporary SQLite file unless in place or on PostgreSQL."""
    with tempfile.TemporaryDirectory(prefix="houbei-bench-") as folder:
        if connection.vendor == "sqlite" and not in_place:
            use_scratch_sqlite(Path(folder) / "bench.sqlite3", write)
        prepare()
        run(villages, write)
