"""`houbei bench_import --rows 100000`: times the people import against a baseline.

Baseline: calamine reads the same file and COPY (PostgreSQL) or executemany (SQLite) puts the raw
cells into a scratch table. Each phase runs in its own process so its peak memory
(ru_maxrss) and CPU time (ru_utime + ru_stime) are its own. The ratio that counts is CPU time:
the machine may be shared, which stretches wall time but not CPU time. On PostgreSQL the
server's own work is outside this process: wall time shows it. The CPU time of the child that
parses the workbook for the import (houbei.lib.spreadsheet) is counted with the import's.
Writes only to its own county (code 419999); use a scratch database (the audit log it writes
cannot be deleted).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xlsxwriter
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from python_calamine import CalamineWorkbook

from houbei.lib.idnumber import make_id_number
from houbei.people.importer import Scope, import_people
from houbei.people.importer.columns import HEADERS
from houbei.people.models import Person
from houbei.regions.models import Level, Region
from houbei.regions.services import create_region

COUNTY, TOWN = "419999000000", "419999100000"
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
)
GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国红玉峰志文辉鹏海波宇浩凯"
PHASES = ("idle", "baseline", "import", "reimport")
HELPERS = ("reset", "generate")


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def bench_town(villages: int) -> Region:
    town = Region.objects.filter(code=TOWN).first()
    if town is None:
        county = create_region(name="基准县", level=Level.COUNTY, parent=None, code=COUNTY)
        town = create_region(name="基准镇", level=Level.TOWN, parent=county, code=TOWN)
    for i in range(Region.objects.filter(town=town, level=Level.VILLAGE).count(), villages):
        create_region(
            name=f"基准{i}村", level=Level.VILLAGE, parent=town, code=f"419999100{200 + i}"
        )
    return town


def _row(i: int, rng: random.Random, villages: int) -> list[str]:
    birth = dt.date(1955, 1, 1) + dt.timedelta(days=rng.randrange(16000))
    party = rng.random() < 0.4
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    number = make_id_number(f"41{i // 1000 % 10000:04d}", birth, i % 1000)
    return [
        name, number, "", birth.isoformat(), "汉族", "中共党员" if party else "群众",
        f"{birth.year + 25}.7" if party else "", rng.choice(("本科", "大专", "高中", "初中")),
        "", f"139{i:08d}", f"基准{i % villages}村", rng.choice(("", "退役军人", "致富能手")),
        "健康", "",
    ]  # fmt: skip


def write_file(path: Path, rows: int, villages: int) -> int:
    rng = random.Random(2026)  # noqa: S311 - test data
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("人员")
    sheet.write_row(0, 0, HEADERS)
    for i in range(rows):
        for column, value in enumerate(_row(i, rng, villages)):
            sheet.write_string(i + 1, column, value)
    book.close()
    return rows


def baseline(path: str) -> int:
    """calamine read + raw insert of every cell into a scratch table."""
    columns = ", ".join(f"c{i} text" for i in range(len(HEADERS)))
    rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).iter_rows()
    next(rows)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE bench_scratch ({columns})")
        if connection.vendor == "postgresql":
            return _copy(cursor.cursor, rows)
        return _executemany(cursor, rows)


def _copy(raw: Any, rows: Any) -> int:
    count = 0
    with raw.copy("COPY bench_scratch FROM STDIN") as copy:
        for row in rows:
            copy.write_row([str(cell) for cell in row])
            count += 1
    return count


def _executemany(cursor: Any, rows: Any) -> int:
    marks = ", ".join("%s" for _ in HEADERS)
    count, batch = 0, []
    for row in rows:
        count += 1
        batch.append([str(cell) for cell in row])
        if len(batch) == 1000:
            cursor.executemany(f"INSERT INTO bench_scratch VALUES ({marks})", batch)  # noqa: S608
            batch = []
    if batch:
        cursor.executemany(f"INSERT INTO bench_scratch VALUES ({marks})", batch)  # noqa: S608
    return count


def reset(town: Region) -> int:
    """Deletes the bench people (in a child process: the deletion loads them all)."""
    deleted, _ = Person.objects.filter(village__town=town).delete()
    return deleted


def run_phase(phase: str, path: str, rows: int = 0, villages: int = 0) -> dict[str, Any]:
    town = Region.objects.get(code=TOWN)
    jobs: dict[str, Callable[[], int]] = {
        "reset": lambda: reset(town),
        "generate": lambda: write_file(Path(path), rows, villages),
        "idle": lambda: 0,
        "baseline": lambda: baseline(path),
        "import": lambda: _import(path, town),
        "reimport": lambda: _import(path, town),
    }
    started, cpu = time.perf_counter(), _cpu_seconds()
    children = _cpu_seconds(resource.RUSAGE_CHILDREN)
    done = jobs[phase]()
    child_cpu = _cpu_seconds(resource.RUSAGE_CHILDREN) - children
    return {
        "phase": phase,
        "rows": done,
        "seconds": time.perf_counter() - started,
        # The import's workbook is parsed in a child process (houbei.lib.spreadsheet); the
        # baseline reads it in its own: the child's CPU counts (docs/decisions/0027).
        "cpu": _cpu_seconds() - cpu + child_cpu,
        "child_cpu": child_cpu,
        "peak_mib": _peak_mib(),
    }


def _import(path: str, town: Region) -> int:
    report = import_people(path, scope=Scope.of_town(town), actor=None, filename="bench.xlsx")
    if not report.written:
        raise RuntimeError("\n".join(report.lines()[:10]))
    return report.created + report.updated + report.unchanged


class Command(BaseCommand):
    help = "人员导入基准测试（只写入代码 419999 的基准县，请在测试库上运行）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--villages", type=int, default=40)
        parser.add_argument("--phase", choices=HELPERS + PHASES, help=argparse.SUPPRESS)
        parser.add_argument(
            "--file", help="reuse this generated file (generated there first if it does not exist)"
        )
        parser.add_argument(
            "--phases",
            default=",".join(PHASES),
            help="the measured phases, comma-separated (default: all); `make bench` QUICK "
            "runs baseline,import",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["phase"]:
            figures = run_phase(
                options["phase"], options["file"], options["rows"], options["villages"]
            )
            self.stdout.write(json.dumps(figures))
            return
        bench_town(options["villages"])
        with tempfile.TemporaryDirectory() as folder:
            path = options["file"] or str(Path(folder) / "bench.xlsx")
            extra = ["--rows", str(options["rows"]), "--villages", str(options["villages"])]
            self._spawn("reset", path)
            # A --file that does not exist yet is generated there, to be reused by the next run
            # (`make bench` generates its file once for both databases).
            if not Path(path).exists():
                made = self._spawn("generate", path, extra)
                self.stdout.write(json.dumps(made))
                self.stdout.write(f"generated {made['rows']} rows in {made['seconds']:.1f} s")
            chosen = [phase for phase in PHASES if phase in options["phases"].split(",")]
            results = [self._spawn(phase, path) for phase in chosen]
        for result in results:
            self.stdout.write(json.dumps(result))
        self._print(results)

    def _spawn(self, phase: str, path: str, extra: list[str] | None = None) -> dict[str, Any]:
        """Each phase in a fresh process, so ru_maxrss is that phase's own peak."""
        command = [sys.executable, "-m", "houbei", "bench_import", "--skip-checks"]
        command += ["--phase", phase, "--file", path, *(extra or [])]
        done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
        return dict(json.loads(done.stdout.strip().splitlines()[-1]))

    def _print(self, results: list[dict[str, Any]]) -> None:
        base = next(r for r in results if r["phase"] == "baseline")
        self.stdout.write(
            f"database: {connection.vendor}. ratio = CPU time (resource.getrusage, user + system, "
            "of the phase's own process) / the baseline's; wall seconds for reference only "
            "(shared machine; on PostgreSQL they include the server's work). Goal G1: import "
            "ratio <= 1.5."
        )
        head = f"{'phase':<10}{'rows':>9}{'wall s':>9}{'cpu s':>8}{'ratio':>7}{'peak MiB':>10}"
        self.stdout.write(head)
        for r in results:
            ratio = r["cpu"] / base["cpu"] if base["cpu"] else 0
            figures = f"{r['rows']:>9}{r['seconds']:>9.2f}{r['cpu']:>8.2f}{ratio:>7.2f}"
            self.stdout.write(f"{r['phase']:<10}{figures}{r['peak_mib']:>10.1f}")
