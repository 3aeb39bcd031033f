"""`houbei bench goals --size county [--weeks 52] [--web]`: one database's share of `make bench`
(houbei.devtools.bench runs it on a throwaway PostgreSQL and a temporary SQLite file).

In an empty database: the fictional province (houbei.devtools.province) and a year of weekly
snapshots; then G5 (the weekly assessment against one SQL statement), G2 (the person export
against a chunked fetch written by XlsxWriter alone) and, with --web, G3, G4 and G6 against
`houbei serve` (two workers) on 127.0.0.1 with houbei.devtools.loadgen, each beside `/healthz`
at the same number of connections. The figures are printed and written as JSON.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import xlsxwriter
from django.db import connection
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.devtools import loadgen
from houbei.devtools.pgcluster import free_port
from houbei.devtools.province import SIZES, bench_users, build, history
from houbei.devtools.risk_bench import analyse, measure, prepare
from houbei.lib.workbooks import TEXT_AS_TEXT
from houbei.people import exporter
from houbei.people.models import Person
from houbei.regions.models import Level, Region
from houbei.reserves.models import Candidate
from houbei.risk.models import Assessment
from houbei.risk.rollups import refresh_towns
from houbei.rounds.models import ElectionRound

Write = Callable[[str], Any]
# `houbei serve` as the bench starts it; HOUBEI_WORKERS and HOUBEI_THREADS in the environment
# of `make bench` change it (docs/performance.md §4.3 compares them).
WORKERS = int(os.environ.get("HOUBEI_WORKERS") or 2)
THREADS = int(os.environ.get("HOUBEI_THREADS") or 1)
HOST = "127.0.0.1"


def run_goals(
    size: str,
    *,
    weeks: int,
    web: bool,
    seconds: float,
    export_rows: int,
    write: Write,
    accounts: int = 30,
) -> dict[str, Any]:
    stages: dict[str, float] = {}
    clock = [time.perf_counter()]

    def stage(name: str) -> float:
        """Seconds since the last stage ended, kept as this stage's (docs/performance.md §4.6)."""
        now = time.perf_counter()
        stages[name] = now - clock[0]
        clock[0] = now
        return stages[name]

    prepare()
    stage("migrate")
    election_round = build(SIZES[size], roster=web)
    built = stage("build")
    snapshots = history(election_round, weeks) if weeks else 0
    stage("history")
    analyse()
    stage("analyse")
    figures = counts() | {
        "size": size,
        "build_seconds": built,
        "history_seconds": stages["history"],
    }
    write(
        f"{connection.vendor}: {figures['villages']} 村，{figures['people']} 人，"
        f"{snapshots} 条研判快照；生成 {built:.1f} 秒，快照 {figures['history_seconds']:.1f} 秒"
    )
    stage("count")
    figures |= batch_goals(election_round, export_rows, write, stage)
    if web:
        figures["web"] = web_goals(election_round, seconds, write, accounts=accounts)
        stage("G3 G4 G6")
    figures["stages"] = stages
    return figures


def counts() -> dict[str, Any]:
    """The size of what was generated."""
    return {
        "vendor": connection.vendor,
        "villages": Region.objects.filter(level=Level.VILLAGE).count(),
        "people": Person.objects.count(),
        "snapshots": Assessment.objects.count(),
        "stages": dict(Counter(Candidate.objects.values_list("stage", flat=True))),
    }


def batch_goals(
    election_round: ElectionRound,
    export_rows: int,
    write: Write,
    stage: Callable[[str], float] = lambda name: 0.0,
) -> dict[str, Any]:
    """G5 (the weekly assessment against one SQL statement) and G2 (the person export);
    `stage` is told when each ends."""
    figures: dict[str, Any] = {}
    timing = measure(election_round, timezone.localdate())
    stage("G5")
    figures["g5"] = {
        "villages": timing.villages,
        "engine": timing.engine_seconds,
        "sql": timing.sql_seconds,
        "queries": timing.engine_queries,
        "agree": timing.agree,
    }
    write(f"G5: {figures['g5']}")
    # The engine's runs above are not the service's: the rollups after them, as run_assessment
    # would leave them, before any dashboard is read.
    started = time.perf_counter()
    figures["rollups"] = {
        "towns": len(refresh_towns(None)),
        "seconds": time.perf_counter() - started,
    }
    write(f"汇总：{figures['rollups']['towns']} 个乡镇，{figures['rollups']['seconds']:.2f} 秒")
    stage("rollups")
    figures["g2"] = export_goal(export_rows)
    stage("G2")
    write(f"G2: {figures['g2']}")
    return figures


# G2 -------------------------------------------------------------------------------------------


def bench_export(villages: int, rows: int, write: Write) -> dict[str, Any]:
    """`houbei bench export`: G2 alone, in an empty database: a province of `villages` villages
    (about 7.6 people a village, so 13,300 villages give the 100,000 rows of G2), then
    export_goal."""
    prepare()
    started = time.perf_counter()
    build(villages)
    analyse()
    figures = counts() | {"build_seconds": time.perf_counter() - started}
    write(
        f"{connection.vendor}: {figures['villages']} 村，{figures['people']} 人；"
        f"生成 {figures['build_seconds']:.1f} 秒"
    )
    figures["g2"] = export_goal(rows)
    g2 = figures["g2"]
    write(
        f"G2 | {connection.vendor} | 导出 {g2['rows']} 行：{g2['export']:.2f} 秒，"
        f"基线 {g2['baseline']:.2f} 秒，倍数 {g2['export'] / g2['baseline']:.2f}×；"
        f"内存峰值 {g2['export_peak_mib']:.1f} MiB（基线 {g2['baseline_peak_mib']:.1f} MiB）；"
        f"文件 {g2['file_mib']:.1f} MiB"
    )
    return figures


def export_goal(rows: int, repeats: int = 2) -> dict[str, Any]:
    """The person export (people.exporter.write_list, the writer `write_people` runs after
    scoping, through lib.exports) of the first `rows` people against the same rows fetched in
    chunks and written by XlsxWriter alone in constant-memory mode (docs/performance.md G2).

    Each is run `repeats` times, alternately, and the best time kept; then once more each under
    tracemalloc for the peak of Python memory while writing."""
    ids = Person.objects.order_by("pk").values_list("pk", flat=True)
    last = ids[min(rows, ids.count()) - 1]
    people = Person.objects.filter(pk__lte=last)
    with tempfile.TemporaryDirectory(prefix="houbei-bench-") as folder:
        base_path, export_path = Path(folder) / "base.xlsx", Path(folder) / "export.xlsx"
        times: dict[str, list[float]] = {"baseline": [], "export": []}
        count = 0
        for _ in range(repeats):
            times["baseline"].append(_timed(lambda: _baseline_export(people, base_path)))
            held: list[int] = []
            times["export"].append(
                _timed(lambda: exporter.write_list(export_path, people, held))  # noqa: B023
            )
            count = len(held)
        base_peak = _peak(lambda: _baseline_export(people, base_path))
        export_peak = _peak(lambda: exporter.write_list(export_path, people, []))
        size = export_path.stat().st_size
    return {
        "rows": count,
        "export": min(times["export"]),
        "baseline": min(times["baseline"]),
        "runs": times,
        "export_peak_mib": export_peak / 2**20,
        "baseline_peak_mib": base_peak / 2**20,
        "file_mib": size / 2**20,
    }


def _baseline_export(people: Any, path: Path) -> None:
    """A chunked fetch of the export's columns written by XlsxWriter alone, every cell as text
    (with the export's options: constant memory, no formulas, links or numbers guessed)."""
    with open(path, "wb") as file:
        book = xlsxwriter.Workbook(file, {"constant_memory": True, **TEXT_AS_TEXT})
        sheet = book.add_worksheet("人员")
        sheet.write_row(0, 0, exporter.SHEET.headers)
        values = people.order_by("name_pinyin", "id").values_list(*exporter.KEYS)
        for i, row in enumerate(values.iterator(chunk_size=2000), start=1):
            sheet.write_row(i, 0, ["" if v is None else str(v) for v in row])
        book.close()


def _timed(run: Callable[[], Any]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _peak(run: Callable[[], Any]) -> int:
    """The peak of memory allocated by Python while `run` runs (bytes, tracemalloc)."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# G3, G4, G6 -----------------------------------------------------------------------------------


def _server_env(folder: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "HOUBEI_DATA_DIR": str(folder),
        "HOUBEI_BIND": f"127.0.0.1:{port}",
        "HOUBEI_WORKERS": str(WORKERS),
        "HOUBEI_THREADS": str(THREADS),
        "ALLOWED_HOSTS": "127.0.0.1",
        "TRUSTED_PROXY_COUNT": "1",  # the load generator stands in for the TLS proxy
        "MFA_REQUIRED_ROLES": "",  # the bench accounts log in with a password only
        "DEBUG": "false",
    }


@contextmanager
def serve(folder: Path, write: Write) -> Iterator[int]:
    """`houbei serve` with two workers on a free port, in its own process group; stopped after."""
    port = free_port()
    log = open(folder / "serve.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "houbei", "serve"],
        env=_server_env(folder, port), stdout=log, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        _wait_healthy(port, process, folder)
        write(f"houbei serve：127.0.0.1:{port}，{WORKERS} 个进程，每个 {THREADS} 个线程")
        yield port
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=20)
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        log.close()


def _wait_healthy(port: int, process: subprocess.Popen[bytes], folder: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = (folder / "serve.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"houbei serve 已退出（{process.returncode}）：{tail}")
        url = f"http://127.0.0.1:{port}/healthz"
        with (
            suppress(urllib.error.URLError, ConnectionError, TimeoutError),
            urllib.request.urlopen(url, timeout=5) as answer,  # noqa: S310 - our own server
        ):
            if answer.status == 200:
                return
        time.sleep(0.5)
    raise RuntimeError("houbei serve 未能在两分钟内就绪")


def _scopes(users: list[Any]) -> list[dict[str, list[int]]]:
    """Per town user: the town's village ids and the ids of some of its people."""
    found = []
    for user in users:
        villages = list(
            Region.objects.filter(town=user.region_id, level=Level.VILLAGE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        people = list(
            Person.objects.filter(village__town=user.region_id)
            .order_by("pk")
            .values_list("pk", flat=True)[:200]
        )
        found.append({"villages": villages, "people": people})
    return found


def write_note(thread: int, n: int) -> str:
    """The note a G6 write saves: which thread's which request, to find it in the audit log."""
    return f"基准写入 {thread}-{n}"


def writes_stored(result: loadgen.Result, after_entry: int) -> int:
    """How many of the writes answered in the measured window (not the warm-up) are in the
    audit log: their notes among the facts entries written since `after_entry`."""
    answered = {write_note(thread, n) for thread, n in result.writes.get("write", [])}
    changes = AuditEntry.objects.filter(action="risk.facts.saved", pk__gt=after_entry)
    notes = {c.get("notes", {}).get("new") for c in changes.values_list("changes", flat=True)}
    return len(answered & notes)


def mixed_steps(scopes: list[dict[str, list[int]]]) -> list[loadgen.Step]:
    """G6: 70% lists and details, 20% dashboards, 10% writes (each thread its own village)."""

    def scope(thread: int) -> dict[str, list[int]]:
        return scopes[thread % len(scopes)]

    def own_village(thread: int) -> int:
        villages = scope(thread)["villages"]
        return villages[(thread // len(scopes)) % len(villages)]

    def facts(client: loadgen.Client, thread: int, n: int) -> dict[str, str]:
        return {
            "csrfmiddlewaretoken": client.csrf(), "open_conflicts": str(n % 3),
            "petition_backlog": "0", "clan_disputes": "0", "past_trouble": "0",
            "notes": write_note(thread, n),
        }  # fmt: skip

    return [
        loadgen.get("person list", "/people/", weight=25),
        loadgen.get("village list", "/regions/villages/", weight=15),
        loadgen.Step(
            "person detail",
            lambda rng, t, n: f"/people/{rng.choice(scope(t)['people'])}/",
            weight=15,
        ),
        loadgen.Step(
            "village risk",
            lambda rng, t, n: f"/risk/villages/{rng.choice(scope(t)['villages'])}/",
            weight=15,
        ),
        loadgen.get("dashboard", "/risk/", weight=20),
        loadgen.Step(
            "write",
            lambda rng, t, n: f"/risk/villages/{own_village(t)}/facts/",
            method="POST",
            form=facts,
            expect=302,
            weight=10,
        ),
    ]


def web_goals(
    election_round: ElectionRound,
    seconds: float,
    write: Write,
    *,
    port: int | None = None,
    connections: tuple[int, int] = (WORKERS, 50),
    warmup: float = 1.0,
    accounts: int = 30,
) -> dict[str, Any]:
    """G3, G4 and G6 against `houbei serve` started here, or against the server on `port`
    (the smoke test's live server); `connections`: for one page at a time, and for G6."""
    password = f"Bench-{secrets.token_urlsafe(12)}-9a"
    users = bench_users(election_round, password, towns=accounts)
    if port is not None:
        return _web_runs(users, password, port, seconds, write, connections, warmup)
    with (
        tempfile.TemporaryDirectory(prefix="houbei-serve-") as name,
        serve(Path(name), write) as served,
    ):
        return _web_runs(users, password, served, seconds, write, connections, warmup)


def _web_runs(
    users: list[Any],
    password: str,
    port: int,
    seconds: float,
    write: Write,
    connections: tuple[int, int],
    warmup: float,
) -> dict[str, Any]:
    few, many = connections
    county, towns = users[0], users[1:]
    started = time.perf_counter()
    logins = [(user.username, password) for user in users]
    jars = loadgen.sessions(HOST, port, logins, parallel=few)
    write(f"登录 {len(users)} 个账号：{time.perf_counter() - started:.1f} 秒（不计入测量）")
    county_jar, town_jars = jars[:1], jars[1:]
    results: dict[str, Any] = {}

    def measure_run(
        key: str, steps: list[loadgen.Step], threads: int, cookies: list[dict[str, str]]
    ) -> loadgen.Result:
        result = loadgen.run(
            key, HOST, port, steps, connections=threads, seconds=seconds, cookies=cookies,
            warmup=warmup,
        )  # fmt: skip
        write(result.summary())
        if len(steps) > 1:
            write(f"  {result.by_step()}")
        for sample in result.error_samples[:3]:
            write(f"  错误示例：{sample}")
        results[key] = result.as_dict()
        return result

    measure_run("healthz", [loadgen.get("healthz", "/healthz")], few, [])
    measure_run("town dashboard", [loadgen.get("dashboard", "/risk/")], few, town_jars[:1])
    measure_run("county dashboard", [loadgen.get("dashboard", "/risk/")], few, county_jar)
    walker = loadgen.Client(HOST, port)
    walker.cookies = dict(county_jar[0])
    pages = max(
        1, min(40, Person.objects.filter(village__county=county.region_id).count() // 50 - 1)
    )
    deep = walker.follow_next("/people/", pages)
    walker.close()
    results["deep_pages"] = pages
    measure_run("person list first", [loadgen.get("first", "/people/")], few, county_jar)
    measure_run("person list deep", [loadgen.get("deep", deep)], few, county_jar)
    measure_run("healthz 50", [loadgen.get("healthz", "/healthz")], many, [])
    last_entry = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    mixed = measure_run("mixed", mixed_steps(_scopes(towns)), many, town_jars)
    results["writes_stored"] = writes_stored(mixed, last_entry)
    results["writes_answered"] = len(mixed.writes.get("write", []))
    results |= {"connections": many, "few": few, "workers": WORKERS, "threads": THREADS}
    results["accounts"] = len(towns)
    write(f"写入：应答 {results['writes_answered']}，已存（审计）{results['writes_stored']}")
    return results
