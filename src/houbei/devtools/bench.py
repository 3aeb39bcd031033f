"""`make bench` (`python -m houbei.devtools.bench [--quick]`): every goal of docs/performance.md
measured on a fictional province, one line a goal with its baseline run side by side.

1. A throwaway PostgreSQL (houbei.devtools.pgcluster): `houbei bench goals --web` loads the
   province and a year of weekly snapshots, measures G5 and G2, then G3, G4 and G6 against
   `houbei serve` (two workers) with houbei.devtools.loadgen; `houbei bench_import` measures G1.
2. A temporary SQLite file: the same batch goals (G1, G2, G5), without snapshots or pages.
3. The table: what, the measured figure, its baseline, the ratio, the goal, `met`/`NOT MET`.

--quick: a county (540 villages), 10,000 import rows, 3-second load runs and G6's 50
connections as 10 town leaders (under 3 minutes); otherwise a province (46,000 villages,
~360,000 people, 52 weeks), 100,000 rows, 15 seconds, 30 town leaders.
Absolute budgets are the province's; at county scale the row and village budgets are scaled to
the rows and villages measured, the page budgets are not. Nothing here touches the project's own
database or data folder.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from houbei.devtools.pgcluster import ClusterError, throwaway_cluster

PROVINCE_VILLAGES = 46_000


@dataclass(frozen=True)
class Scale:
    size: str
    weeks: int
    seconds: float
    rows: int
    accounts: int  # town leaders whose sessions the 50 connections of G6 share


QUICK = Scale("county", 52, 3.0, 10_000, 10)
FULL = Scale("province", 52, 15.0, 100_000, 30)


def _key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()


def _env(folder: Path, database_url: str) -> dict[str, str]:
    """A production-like environment (DEBUG off) with throwaway keys: the same ones for the
    commands and the `houbei serve` they start, so the audit chain and blind indexes agree."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "HOUBEI_DATA_DIR": str(folder),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": _key(),
        "BLIND_INDEX_KEY": _key(),
        "AUDIT_HMAC_KEY": _key(),
        "DEBUG": "false",
    }


def _houbei(args: list[str], env: dict[str, str], echo: Callable[[str], None]) -> str:
    """Runs `houbei ARGS`, echoing its output as it comes; returns the output."""
    process = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "houbei", *args], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines = []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        echo(f"  | {line.rstrip()}")
    if process.wait() != 0:
        raise RuntimeError(f"houbei {' '.join(args)} failed ({process.returncode})")
    return "".join(lines)


def _import(rows: int, env: dict[str, str], echo: Callable[[str], None]) -> dict[str, Any]:
    # The two phases a line needs, each in its own process (bench_import's docstring).
    output = _houbei(
        ["bench_import", "--rows", str(rows), "--phases", "baseline,import"], env, echo
    )
    phases = {}
    for line in output.splitlines():
        if line.startswith("{"):
            found = json.loads(line)
            phases[found["phase"]] = found
    return phases


def measure_database(
    name: str, url: str, scale: Scale, *, web: bool, echo: Callable[[str], None]
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"houbei-bench-{name}-") as folder:
        env = _env(Path(folder), url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        out = Path(folder) / "goals.json"
        args = ["bench", "goals", "--size", scale.size, "--weeks", str(scale.weeks if web else 0)]
        args += ["--seconds", str(scale.seconds), "--export-rows", str(scale.rows)]
        args += ["--accounts", str(scale.accounts)]
        args += ["--json", str(out), *(["--web"] if web else [])]
        _houbei(args, env, echo)
        figures: dict[str, Any] = json.loads(out.read_text())
        figures["g1"] = _import(scale.rows, env, echo)
    return figures


# The table ------------------------------------------------------------------------------------


def _ratio(measured: float, baseline: float) -> float:
    """measured / baseline; infinite (never met) when the baseline took no measurable time."""
    return measured / baseline if baseline else float("inf")


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def _line(
    goal: str, what: str, measured: str, baseline: str, ratio: str, target: str, ok: bool
) -> str:
    """One goal: what | measured | baseline | ratio | goal | met or NOT MET."""
    fields = (goal, what, measured, f"baseline {baseline}", ratio, f"goal {target}", _verdict(ok))
    return " | ".join(fields)


def sizes(pg: dict[str, Any], scale: Scale) -> str:
    """What was run: the data set, the import and export rows, the load runs."""
    web = pg.get("web", {})
    return (
        f"sizes: {pg['villages']} villages, {pg['people']} people, {pg['snapshots']} snapshots "
        f"({scale.weeks} weeks); import {scale.rows} rows, export {pg['g2']['rows']} rows; "
        f"load runs {scale.seconds:.0f} s each after a 1 s warm-up, {web.get('few')} connections "
        f"(G3, G4) and {web.get('connections')} (G6, as {web.get('accounts')} town leaders) "
        "against houbei serve with "
        f"{web.get('workers')} workers × {web.get('threads', 1)} threads"
    )


def lines(pg: dict[str, Any], sqlite: dict[str, Any], scale: Scale) -> list[str]:
    share = pg["villages"] / PROVINCE_VILLAGES
    found = []
    found.append(_g1(pg, sqlite, scale))
    found.append(_g2(pg, sqlite, scale))
    web = pg["web"]
    health = web["healthz"]
    dashboards = [web["town dashboard"], web["county dashboard"]]
    ratios = [_ratio(d["throughput"], health["throughput"]) for d in dashboards]
    found.append(
        _line(
            "G3", f"town / county dashboard ({health['connections']} conn)",
            " / ".join(f"{d['throughput']:.0f} req/s p95 {d['p95']:.0f} ms" for d in dashboards),
            f"/healthz {health['throughput']:.0f} req/s",
            " / ".join(f"{r:.3f}×" for r in ratios), "≥ 0.3×, p95 ≤ 50 ms",
            all(r >= 0.3 for r in ratios) and all(d["p95"] <= 50 for d in dashboards),
        )
    )  # fmt: skip
    first, deep = web["person list first"], web["person list deep"]
    ratio = _ratio(deep["p50"], first["p50"])
    found.append(
        _line(
            "G4", f"person list page {web['deep_pages'] + 1} vs page 1 ({pg['people']} people)",
            f"deep p50 {deep['p50']:.0f} ms p95 {deep['p95']:.0f} ms",
            f"page 1 p50 {first['p50']:.0f} ms p95 {first['p95']:.0f} ms", f"{ratio:.2f}×",
            "≤ 1.5×, p95 ≤ 100 ms", ratio <= 1.5 and max(first["p95"], deep["p95"]) <= 100,
        )
    )  # fmt: skip
    found.append(_g5(pg, sqlite, share))
    mixed, health50 = web["mixed"], web["healthz 50"]
    ratio = _ratio(mixed["throughput"], health50["throughput"])
    stored = web["writes_stored"] == web["writes_answered"]
    found.append(
        _line(
            "G6", f"mixed 70/20/10, {mixed['connections']} conn",
            f"{mixed['throughput']:.0f} req/s p95 {mixed['p95']:.0f} ms p99 {mixed['p99']:.0f} ms, "
            f"{mixed['errors']} errors, "
            f"writes {web['writes_stored']}/{web['writes_answered']} stored",
            f"/healthz {health50['throughput']:.0f} req/s", f"{ratio:.3f}×",
            "≥ 0.04×, ≥ 150 req/s, p95 ≤ 300 ms, no errors",
            ratio >= 0.04 and mixed["throughput"] >= 150 and mixed["p95"] <= 300
            and mixed["errors"] == 0 and stored,
        )
    )  # fmt: skip
    return found


def _g1(pg: dict[str, Any], sqlite: dict[str, Any], scale: Scale) -> str:
    parts, ratios, ok = [], [], True
    for label, figures, budget in (("PostgreSQL", pg, 6.5), ("SQLite", sqlite, 10.0)):
        done, base = figures["g1"]["import"], figures["g1"]["baseline"]
        ratio = _ratio(done["cpu"], base["cpu"])
        budget *= scale.rows / 100_000
        ok = ok and ratio <= 1.5 and done["seconds"] <= budget
        parts.append(f"{label} {done['seconds']:.1f} s (cpu {done['cpu']:.1f} s)")
        ratios.append(f"{ratio:.2f}×")
        base_text = f"cpu {base['cpu']:.1f} s"
        parts[-1] += f" vs {base_text}"
    return _line(
        "G1", f"import {scale.rows} rows", "; ".join(parts),
        "calamine + COPY/executemany", " / ".join(ratios),
        f"≤ 1.5× cpu, ≤ {6.5 * scale.rows / 100_000:.2f} s PG, "
        f"≤ {10 * scale.rows / 100_000:.2f} s SQLite", ok,
    )  # fmt: skip


def _g2(pg: dict[str, Any], sqlite: dict[str, Any], scale: Scale) -> str:
    parts, ratios, ok = [], [], True
    for label, figures in (("PostgreSQL", pg), ("SQLite", sqlite)):
        g2 = figures["g2"]
        ratio = _ratio(g2["export"], g2["baseline"])
        ok = ok and ratio <= 1.3 and g2["export"] <= 18 * g2["rows"] / 100_000
        parts.append(
            f"{label} {g2['export']:.1f} s vs {g2['baseline']:.1f} s, "
            f"peak {g2['export_peak_mib']:.1f} vs {g2['baseline_peak_mib']:.1f} MiB"
        )
        ratios.append(f"{ratio:.2f}×")
    rows = pg["g2"]["rows"]
    return _line(
        "G2", f"export {rows} people to xlsx", "; ".join(parts), "chunked fetch + XlsxWriter",
        " / ".join(ratios), f"≤ 1.3×, ≤ {18 * rows / 100_000:.1f} s", ok,
    )  # fmt: skip


def _g5(pg: dict[str, Any], sqlite: dict[str, Any], share: float) -> str:
    parts, ratios, ok = [], [], True
    budget = 3.0 * share
    for label, figures in (("PostgreSQL", pg), ("SQLite", sqlite)):
        g5 = figures["g5"]
        ratio = _ratio(g5["engine"], g5["sql"])
        ok = ok and ratio <= 3 and g5["engine"] <= budget and g5["agree"]
        parts.append(f"{label} {g5['engine']:.2f} s ({g5['queries']} queries) vs {g5['sql']:.2f} s")
        ratios.append(f"{ratio:.2f}×")
    return _line(
        "G5", f"re-assess {pg['g5']['villages']} villages", "; ".join(parts),
        "one SQL statement", " / ".join(ratios), f"≤ 3×, ≤ {budget:.2f} s", ok,
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="houbei 性能目标 G1–G6（docs/performance.md）")
    parser.add_argument("--quick", action="store_true", help="县级规模，三分钟内")
    parser.add_argument("--json", help="write every figure to this file too")
    options = parser.parse_args(argv)
    scale = QUICK if options.quick else FULL
    started = time.monotonic()

    def echo(text: str) -> None:
        print(f"[{time.monotonic() - started:5.0f} s] {text}", flush=True)

    try:
        with throwaway_cluster() as cluster:
            echo(f"PostgreSQL {cluster.url}")
            pg = measure_database("pg", cluster.url, scale, web=True, echo=echo)
    except ClusterError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    echo("SQLite")
    sqlite = measure_database("sqlite", "", scale, web=False, echo=echo)
    if options.json:
        Path(options.json).write_text(json.dumps({"postgresql": pg, "sqlite": sqlite}, indent=1))
    print()
    print(
        f"houbei bench ({scale.size}: {pg['villages']} villages, {pg['people']} people, "
        f"{pg['snapshots']} snapshots; {time.monotonic() - started:.0f} s in all)"
    )
    print(sizes(pg, scale))
    for line in lines(pg, sqlite, scale):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
