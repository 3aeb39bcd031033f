"""The newcomer's first command, tried the way a newcomer runs it.

    python -m houbei.devtools.smoke [--timeout SECONDS] [--keep]

clones the repository's committed HEAD into a temporary folder (a real ``git clone``: untracked
and ignored files such as ``.venv/``, ``var/`` or ``node_modules/`` cannot hide a missing step),
runs ``make run PORT=<a free port>`` there in its own process group, waits for ``/healthz``,
logs in as the demo account ``town`` over HTTP (with the CSRF token, as a browser does), opens
the village list and counts the demo's 42 villages, then stops the server by its process group.
Any failing step ends the run with exit status 1 and the tail of the ``make run`` log. pip and
npm use their usual per-user caches, so the clone does not download what the project already did.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

DEMO_USER = "town"
DEMO_PASSWORD = "Houbei-Demo-2026"  # noqa: S105 - the published demo password (README)
DEMO_VILLAGES = 42
# Variables of the calling environment that would make the clone's `make run` differ from a
# newcomer's: another database or data folder, the caller's virtualenv, the caller's make.
INHERITED_NOT = (
    "DATABASE_URL", "HOUBEI_DATA_DIR", "DEBUG", "SECRET_KEY", "VIRTUAL_ENV", "PYTHONPATH",
    "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "DJANGO_SETTINGS_MODULE",
    "PYTEST_VERSION", "ALLOWED_HOSTS",
)  # fmt: skip
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VILLAGE_LINK = re.compile(r'href="/regions/villages/(\d+)/"')
LOG_TAIL_LINES = 60


class SmokeError(RuntimeError):
    """A step of the newcomer's path failed; the message says which and why."""


@dataclass
class Timings:
    started: float = field(default_factory=time.monotonic)
    steps: list[tuple[str, float]] = field(default_factory=list)
    last: float = field(default_factory=time.monotonic)

    def step(self, name: str) -> None:
        now = time.monotonic()
        self.steps.append((name, now - self.last))
        self.last = now
        print(f"smoke: {name} ({now - self.started:.0f} s in all)", flush=True)

    def summary(self) -> str:
        parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.steps)
        return f"{parts}; total {time.monotonic() - self.started:.1f} s"


def project_root() -> Path:
    done = subprocess.run(
        ["git", "-c", "safe.directory=*", "rev-parse", "--show-toplevel"],  # noqa: S607 - git from PATH
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SmokeError(f"not inside a git repository: {done.stderr.strip()}")
    return Path(done.stdout.strip())


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def clone(root: Path, into: Path) -> str:
    # safe.directory: CI may check the repository out as another user than the one running this.
    command = ["git", "-c", "safe.directory=*", "clone", "--quiet", "--no-hardlinks"]
    command += [str(root), str(into)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SmokeError(f"git clone failed: {done.stderr.strip()}")
    head = subprocess.run(  # noqa: S603 - git with fixed arguments
        ["git", "-C", str(into), "log", "-1", "--format=%h"],  # noqa: S607
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return head.stdout.strip()


def newcomer_environment() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in INHERITED_NOT}
    # The caller's virtualenv must not shadow the clone's own interpreter choice.
    venv = os.environ.get("VIRTUAL_ENV")
    if venv:
        paths = env.get("PATH", "").split(os.pathsep)
        env["PATH"] = os.pathsep.join(p for p in paths if not p.startswith(venv))
    return env


@contextmanager
def make_run(clone_dir: Path, port: int, log_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`make run PORT=port` in its own process group; the whole group is stopped on exit."""
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603
            ["make", "run", f"PORT={port}"],  # noqa: S607 - make from PATH, as a newcomer types
            cwd=clone_dir, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=newcomer_environment(), start_new_session=True,
        )  # fmt: skip
        try:
            yield process
        finally:
            stop_group(process)


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the whole group (make, runserver and its reloader child), then SIGKILL to
    whatever of the group is left."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=15)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def wait_healthy(base: str, process: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SmokeError(f"make run exited with status {process.returncode} before serving")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(1)
    raise SmokeError(f"{base}/healthz did not answer 200 in time")


def log_in_and_count(base: str) -> int:
    """Logs in as the demo town officer and returns the villages on the village list."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_url = f"{base}/accounts/login/"
    with opener.open(login_url, timeout=30) as page:
        token = CSRF_FIELD.search(page.read().decode())
    if token is None:
        raise SmokeError("the login page has no CSRF token")
    form = {"csrfmiddlewaretoken": token.group(1), "username": DEMO_USER, "password": DEMO_PASSWORD}
    request = urllib.request.Request(  # noqa: S310 - a URL this script built
        login_url, data=urllib.parse.urlencode(form).encode(), headers={"Referer": login_url}
    )
    with opener.open(request, timeout=30) as answer:
        if answer.url.rstrip("/").endswith("/accounts/login"):
            raise SmokeError(f"logging in as {DEMO_USER} failed (still on the login page)")
    with opener.open(f"{base}/regions/villages/", timeout=30) as page:
        if "/accounts/login/" in page.url:
            raise SmokeError("the village list sent the logged-in user back to the login page")
        return len(set(VILLAGE_LINK.findall(page.read().decode())))


def print_tail(log_path: Path) -> None:
    lines = log_path.read_text(errors="replace").splitlines() if log_path.exists() else []
    print(f"--- last {LOG_TAIL_LINES} lines of the make run log ({log_path}) ---", file=sys.stderr)
    for line in lines[-LOG_TAIL_LINES:]:
        print(line, file=sys.stderr)
    print("--- end of the make run log ---", file=sys.stderr)


def run(timeout: float, keep: bool) -> int:
    timings = Timings()
    workdir = Path(tempfile.mkdtemp(prefix="houbei-smoke-"))
    clone_dir, log_path = workdir / "houbei", workdir / "make-run.log"
    ok = False
    try:
        head = clone(project_root(), clone_dir)
        timings.step(f"git clone of {head}")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with make_run(clone_dir, port, log_path) as process:
            wait_healthy(base, process, time.monotonic() + timeout)
            timings.step(f"make run PORT={port} serving {base}/healthz")
            villages = log_in_and_count(base)
            if villages != DEMO_VILLAGES:
                raise SmokeError(f"the village list shows {villages} villages, not {DEMO_VILLAGES}")
            timings.step(f"logged in as {DEMO_USER}, village list shows {villages} villages")
        timings.step("server stopped by its process group")
        ok = True
    except (SmokeError, OSError, subprocess.SubprocessError) as error:
        print(f"smoke: FAILED: {error}", file=sys.stderr)
        print_tail(log_path)
    finally:
        if ok and not keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"smoke: the clone and its log are kept in {workdir}", file=sys.stderr)
    if ok:
        print(f"smoke: passed: {timings.summary()}")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--timeout", type=float, default=270, help="seconds for make run to serve")
    parser.add_argument("--keep", action="store_true", help="keep the clone and its log")
    options = parser.parse_args(argv)
    return run(options.timeout, options.keep)


if __name__ == "__main__":
    sys.exit(main())
