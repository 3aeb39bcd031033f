"""Where one page's time goes (docs/performance.md §4.5): `python -m houbei.devtools.page_profile
[--size county] [--repeat 15] [--cprofile FOLDER]`.

In a throwaway PostgreSQL (houbei.devtools.pgcluster) it builds the fictional county with a year
of weekly snapshots (houbei.devtools.province), logs in as the county officer and as a town
leader through the log-in page, then requests each page `repeat` times through Django's test
client (every middleware, no network) and splits each request into:

- each middleware's own time (a marker before every middleware and before the view: the
  middleware's share is the time between its marker and the next one, on the way in and out);
- the view (URL resolving, process_view hooks, the view itself), of which template rendering
  (the outermost `Template.render`) is shown apart;
- the queries, by what they read: the session, the account, the lockouts (axes), the page's own.

Medians over the repeats, in milliseconds. With --cprofile, each page's profile (the repeats
together) is written as a pstats file and its top functions printed. Nothing here touches the
project's own database.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Write = Callable[[str], Any]
PASSWORD = "Profile-Passw0rd-2026-9a"  # noqa: S105 - a throwaway database's accounts
_TABLE = re.compile(r'\b(?:FROM|INTO|UPDATE)\s+"?([a-z_0-9]+)"?', re.IGNORECASE)
_timeline: list[tuple[int, str, float]] = []


def _marker(index: int) -> type:
    class Marker:
        def __init__(self, get_response: Callable[[Any], Any]) -> None:
            self.get_response = get_response

        def __call__(self, request: Any) -> Any:
            _timeline.append((index, "in", time.perf_counter()))
            response = self.get_response(request)
            _timeline.append((index, "out", time.perf_counter()))
            return response

    Marker.__name__ = Marker.__qualname__ = f"Marker{index}"
    return Marker


MARKERS = {f"Marker{i}": _marker(i) for i in range(40)}
globals().update(MARKERS)


def category(sql: str) -> str:
    """What a query reads, by its first table."""
    found = _TABLE.search(sql)
    table = found.group(1) if found else ""
    if table in ("django_session", "accounts_usersession"):
        return "session"
    if table.startswith("accounts_"):
        return "account"
    if table.startswith("axes_"):
        return "axes"
    if not table:
        return "other (transaction, savepoint)"
    return "page"


@contextmanager
def _rendering(totals: dict[str, float]) -> Iterator[None]:
    """Adds the outermost template renders' time to totals['render']."""
    from django.template import base

    original, depth = base.Template.render, [0]

    def render(self: Any, context: Any) -> Any:
        depth[0] += 1
        started = time.perf_counter()
        try:
            return original(self, context)
        finally:
            depth[0] -= 1
            if depth[0] == 0:
                totals["render"] += time.perf_counter() - started

    base.Template.render = render  # type: ignore[method-assign]
    try:
        yield
    finally:
        base.Template.render = original  # type: ignore[method-assign]


def _one(
    client: Any, path: str, names: list[str], sql: list[str] | None = None
) -> dict[str, float]:
    from django.db import connection

    figures: dict[str, float] = defaultdict(float)

    def timed(execute: Any, statement: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(statement, params, many, context)
        finally:
            kind = category(statement)
            figures[f"sql {kind} ms"] += (time.perf_counter() - started) * 1000
            figures[f"sql {kind} n"] += 1
            if sql is not None:
                sql.append(f"{kind}: {statement[:160]}")

    _timeline.clear()
    started, cpu = time.perf_counter(), time.process_time()
    with connection.execute_wrapper(timed), _rendering(figures):
        response = client.get(path, secure=True)
    figures["total ms"] = (time.perf_counter() - started) * 1000
    # This process's CPU time (not PostgreSQL's): steadier than wall time on a shared machine.
    figures["cpu ms"] = (time.process_time() - cpu) * 1000
    figures["render ms"] = figures.pop("render", 0.0) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path}: {response.status_code}")
    figures["bytes"] = len(response.content)
    at = {(i, way): t for i, way, t in _timeline}
    last = len(names)
    for i, name in enumerate(names):
        own = (at[i + 1, "in"] - at[i, "in"]) + (at[i, "out"] - at[i + 1, "out"])
        figures[f"mw {name} ms"] = own * 1000
    figures["view ms"] = (at[last, "out"] - at[last, "in"]) * 1000
    figures["outside middleware ms"] = figures["total ms"] - (at[0, "out"] - at[0, "in"]) * 1000
    return figures


def _deep_path(client: Any, path: str, pages: int) -> str:
    """The list page reached by following its next-page link `pages` times (or fewer)."""
    import html

    from houbei.devtools.loadgen import NEXT_PAGE

    for _ in range(pages):
        found = NEXT_PAGE.search(client.get(path, secure=True).content.decode())
        if found is None:
            break
        path = f"{path.split('?', 1)[0]}?{html.unescape(found.group(1))}"
    return path


def profile(
    size: str, repeat: int, folder: Path | None, write: Write, only: str = ""
) -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings

    from houbei.accounts.models import User
    from houbei.devtools.province import SIZES, bench_users, build, history
    from houbei.devtools.risk_bench import analyse, prepare
    from houbei.people.models import Person

    tables = connection.introspection.table_names()
    existing = User.objects.filter(username__startswith="bench-").order_by("pk")
    if (
        User._meta.db_table in tables and existing.count() >= 2
    ):  # `--database-url` of a database this command built before
        county, town = existing[:2]
    else:
        prepare()
        started = time.perf_counter()
        election_round = build(SIZES[size])
        history(election_round, 52)
        analyse()
        write(f"{size}: built in {time.perf_counter() - started:.1f} s")
        county, town = bench_users(election_round, PASSWORD, towns=1)
    person = Person.objects.filter(village__town=town.region_id).order_by("pk").first()
    assert person is not None
    names = [path.rsplit(".", 1)[1] for path in settings.MIDDLEWARE]
    interleaved = []
    for i, path in enumerate(settings.MIDDLEWARE):
        interleaved += [f"{__name__}.Marker{i}", path]
    interleaved.append(f"{__name__}.Marker{len(names)}")
    pages = [
        ("town dashboard", town, "/risk/"),
        ("county dashboard", county, "/risk/"),
        ("person list", county, "/people/"),
        ("person detail", county, f"/people/{person.pk}/"),
    ]
    results: dict[str, Any] = {}
    with override_settings(MIDDLEWARE=interleaved):
        clients = {}
        for user in (county, town):
            client = Client()
            answer = client.post(
                "/accounts/login/", {"username": user.username, "password": PASSWORD}, secure=True
            )
            if answer.status_code != 302:
                raise RuntimeError(f"log-in as {user.username}: {answer.status_code}")
            clients[user.pk] = client
        deep = _deep_path(clients[county.pk], "/people/", 40)
        pages.insert(3, ("person list deep", county, deep))
        for label, user, path in pages:
            if only not in label:
                continue
            client = clients[user.pk]
            for _ in range(3):  # warm: templates compiled, caches filled
                _one(client, path, names)
            statements: list[str] = []
            _one(client, path, names, statements)
            runs = []
            profiler = cProfile.Profile() if folder else None
            for _ in range(repeat):
                if profiler:
                    profiler.enable()
                runs.append(_one(client, path, names))
                if profiler:
                    profiler.disable()
            keys = sorted({k for run in runs for k in run})
            median = {k: statistics.median(run.get(k, 0.0) for run in runs) for k in keys}
            results[label] = median
            write(report(label, path, median))
            write("\n".join(f"   - {line}" for line in statements))
            if profiler and folder:
                profiler.dump_stats(str(folder / f"{label.replace(' ', '-')}.pstats"))
                text = io.StringIO()
                stats = pstats.Stats(profiler, stream=text).sort_stats("tottime")
                stats.print_stats(25)
                write(text.getvalue())
    return results


def report(label: str, path: str, median: dict[str, float]) -> str:
    lines = [
        f"== {label} {path[:40]}: {median['total ms']:.1f} ms (cpu {median['cpu ms']:.1f} ms), "
        f"{median['bytes'] / 1024:.0f} KiB; "
        f"view {median['view ms']:.1f} ms of which rendering {median['render ms']:.1f} ms"
    ]
    middleware = sorted(
        ((k[3:-3], v) for k, v in median.items() if k.startswith("mw ")), key=lambda kv: -kv[1]
    )
    lines.append(
        "   middleware: " + ", ".join(f"{name} {ms:.1f}" for name, ms in middleware if ms >= 0.1)
    )
    sql = sorted(k[4:-3] for k in median if k.startswith("sql ") and k.endswith(" ms"))
    lines.append(
        "   queries: "
        + ", ".join(
            f"{kind} {median[f'sql {kind} n']:.0f} in {median[f'sql {kind} ms']:.1f} ms"
            for kind in sql
        )
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from houbei.devtools.pgcluster import throwaway_cluster

    parser = argparse.ArgumentParser(description="页面耗时剖析（docs/performance.md §4.5）")
    parser.add_argument("--size", default="county")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--cprofile", help="folder for the pstats files")
    parser.add_argument("--only", help="pages whose name contains this")
    parser.add_argument(
        "--database-url", help="a PostgreSQL this command filled before (kept), not a new one"
    )
    options = parser.parse_args(argv)
    if options.database_url:
        return _run(options, options.database_url)
    with throwaway_cluster() as cluster:
        return _run(options, cluster.url)


def _run(options: argparse.Namespace, url: str) -> int:
    from houbei.devtools.bench import _env

    with tempfile.TemporaryDirectory() as folder:
        env = _env(Path(folder), url) | {
            "ALLOWED_HOSTS": "testserver",
            "MFA_REQUIRED_ROLES": "",
            "TRUSTED_PROXY_COUNT": "0",
        }
        args = ["bench", "pages", "--size", options.size, "--repeat", str(options.repeat)]
        if options.cprofile:
            args += ["--cprofile", options.cprofile]
        if options.only:
            args += ["--only", options.only]
        return subprocess.call([sys.executable, "-m", "houbei", *args], env=env)  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
