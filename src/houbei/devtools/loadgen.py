"""A bounded load generator for `make bench` (docs/performance.md G3, G4, G6): threads, each with
its own keep-alive connection (http.client) and logged-in session, request pages back to back
for a fixed time; latencies give p50/p95/p99, unexpected answers count as errors.

Closed loop: at most `connections` requests are in flight, so the server is never flooded
beyond what many users clicking would do, and a run always ends on time (each request has a
timeout). The server is addressed as if behind a TLS proxy (`X-Forwarded-Proto: https`, with
`TRUSTED_PROXY_COUNT=1` on the server), as `houbei serve` runs in production.
"""

from __future__ import annotations

import html
import http.client
import random
import re
import statistics
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NEXT_PAGE = re.compile(r'href="\?([^"]*after=[^"]+)"')
TIMEOUT = 30.0


class LoadError(RuntimeError):
    """A step before the measurement (log-in, a setup page) failed."""


@dataclass
class Answer:
    status: int
    body: bytes
    location: str


class Client:
    """One keep-alive connection with its cookies; reconnects after a dropped connection."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def _headers(self, extra: dict[str, str]) -> dict[str, str]:
        origin = f"https://{self.host}:{self.port}"
        headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "127.0.0.1",
            "Origin": origin,
            "Referer": f"{origin}/",
            **extra,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Answer:
        body = urllib.parse.urlencode(form).encode() if form is not None else None
        extra = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
            try:
                self.connection.request(method, path, body=body, headers=self._headers(extra))
                response = self.connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    raise
                continue
            for cookie in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return Answer(response.status, data, response.getheader("Location", ""))
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")

    def login(self, username: str, password: str) -> None:
        page = self.request("GET", "/accounts/login/")
        token = CSRF_FIELD.search(page.body.decode(errors="replace"))
        if page.status != 200 or token is None:
            raise LoadError(f"login page: status {page.status}, no CSRF token")
        form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
        answer = self.request("POST", "/accounts/login/", form)
        if answer.status != 302 or "/accounts/login" in answer.location:
            raise LoadError(f"logging in as {username} failed (status {answer.status})")

    def follow_next(self, path: str, pages: int) -> str:
        """The path reached by following the list's next-page link `pages` times."""
        for _ in range(pages):
            page = self.request("GET", path)
            found = NEXT_PAGE.search(page.body.decode(errors="replace"))
            if page.status != 200 or found is None:
                raise LoadError(f"{path}: status {page.status}, no next page")
            path = f"{path.split('?', 1)[0]}?{html.unescape(found.group(1))}"
        return path


def sessions(
    host: str, port: int, logins: Sequence[tuple[str, str]], parallel: int = 2
) -> list[dict[str, str]]:
    """Logs in once per (username, password), `parallel` at a time (a password check is the
    dearest request there is, and not what a run measures); the cookies of each, in order.
    Several clients given the same cookies share one session, as one user's tabs do."""
    jars: list[dict[str, str]] = [{} for _ in logins]

    def log_in(i: int) -> None:
        client = Client(host, port)
        client.login(*logins[i])
        client.close()
        jars[i] = dict(client.cookies)

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        list(pool.map(log_in, range(len(logins))))
    return jars


@dataclass
class Step:
    """A request: its name, method, and a path (and form) from the thread's random generator
    and its number; the status that counts as a success."""

    name: str
    path: Callable[[random.Random, int, int], str]
    method: str = "GET"
    form: Callable[[Client, int, int], dict[str, str]] | None = None
    expect: int = 200
    weight: float = 1.0


def get(name: str, path: str, weight: float = 1.0) -> Step:
    return Step(name, lambda rng, thread, n: path, weight=weight)


@dataclass
class Result:
    name: str
    connections: int
    seconds: float
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    # (thread, n) of every write (a step other than GET) answered as expected in the window.
    writes: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    unfinished: int = 0  # requests in flight when the window closed (not counted)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values()) + sum(self.errors.values())

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def successes(self, step: str) -> int:
        return len(self.latencies.get(step, []))

    def percentile(self, p: float, step: str | None = None) -> float:
        """Milliseconds; every step's requests unless one is named."""
        values = self.latencies.get(step, []) if step else sum(self.latencies.values(), [])
        if not values:
            return float("nan")
        if len(values) == 1:
            return values[0] * 1000
        return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] * 1000

    def summary(self) -> str:
        return (
            f"{self.name}: {self.connections} conn, {self.requests} req in {self.seconds:.1f} s = "
            f"{self.throughput:.1f} req/s, p50 {self.percentile(50):.0f} ms, "
            f"p95 {self.percentile(95):.0f} ms, p99 {self.percentile(99):.0f} ms, "
            f"errors {self.error_count}, in flight at the end {self.unfinished}"
        )

    def by_step(self) -> str:
        """Each step's requests and median, when there are several steps."""
        return ", ".join(
            f"{name} {len(values)} req p50 {self.percentile(50, name):.0f} ms"
            for name, values in sorted(self.latencies.items())
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "connections": self.connections,
            "seconds": self.seconds,
            "requests": self.requests,
            "throughput": self.throughput,
            "p50": self.percentile(50),
            "p95": self.percentile(95),
            "p99": self.percentile(99),
            "errors": self.error_count,
            "unfinished": self.unfinished,
            "error_samples": self.error_samples[:5],
            "steps": {name: len(values) for name, values in self.latencies.items()},
            "step_p50": {name: self.percentile(50, name) for name in self.latencies},
        }


def run(
    name: str,
    host: str,
    port: int,
    steps: Sequence[Step],
    *,
    connections: int,
    seconds: float,
    cookies: Sequence[dict[str, str]] = (),
    seed: int = 2026,
    warmup: float = 1.0,
) -> Result:
    """`connections` threads, each with the session cookies[i % len(cookies)] (none: anonymous;
    see `sessions`), request the weighted steps for `warmup` + `seconds`, every thread starting
    together. Counted: the answers that arrive in the `seconds` after the warm-up (templates
    compiled, connections opened), so the throughput is answers a second in that window even
    when a request takes as long as the window; requests still in flight at its end are waited
    for and counted apart (`unfinished`)."""
    clients = [Client(host, port) for _ in range(connections)]
    for i, client in enumerate(clients):
        if cookies:
            client.cookies = dict(cookies[i % len(cookies)])
    result = Result(name, connections, seconds)
    lock, barrier = threading.Lock(), threading.Barrier(connections + 1)
    weights = [step.weight for step in steps]
    deadline: list[float] = []
    unfinished = [0] * connections

    def work(thread: int) -> None:
        client, rng = clients[thread], random.Random(seed + thread)  # noqa: S311 - not secret
        latencies: dict[str, list[float]] = {s.name: [] for s in steps}
        writes: dict[str, list[tuple[int, int]]] = {}
        errors: dict[str, int] = {}
        samples: list[str] = []
        barrier.wait()
        n = 0
        while (started := time.perf_counter()) < deadline[1]:
            step = rng.choices(steps, weights)[0]
            n += 1
            path = step.path(rng, thread, n)
            form = step.form(client, thread, n) if step.form else None
            try:
                answer = client.request(step.method, path, form)
                ok = answer.status == step.expect
                said = f"{step.method} {path}: {answer.status}"
            except (OSError, http.client.HTTPException) as error:
                ok, said = False, f"{step.method} {path}: {error!r}"
            finished = time.perf_counter()
            if finished > deadline[1]:
                unfinished[thread] = 1
            if not deadline[0] <= finished <= deadline[1]:
                continue  # the warm-up, or after the window
            if ok:
                latencies[step.name].append(finished - started)
                if step.method != "GET":
                    writes.setdefault(step.name, []).append((thread, n))
            else:
                errors[step.name] = errors.get(step.name, 0) + 1
                samples.append(said)
        client.close()
        with lock:
            for key, values in latencies.items():
                result.latencies.setdefault(key, []).extend(values)
            for key, count in errors.items():
                result.errors[key] = result.errors.get(key, 0) + count
            for key, done in writes.items():
                result.writes.setdefault(key, []).extend(done)
            result.error_samples.extend(samples[:3])

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(connections)]
    for thread in threads:
        thread.start()
    measured_from = time.perf_counter() + warmup
    deadline += [measured_from, measured_from + seconds]
    barrier.wait()
    for thread in threads:
        thread.join(timeout=warmup + seconds + TIMEOUT * 2 + 5)
    result.unfinished = sum(unfinished)
    return result
