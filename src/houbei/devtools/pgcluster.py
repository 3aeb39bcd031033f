"""A throwaway PostgreSQL cluster for one test run.

    python -m houbei.devtools.pgcluster -- pytest -m "not browser"

starts a private cluster in a temporary directory, runs the command with
DATABASE_URL pointing at it, then stops the cluster and deletes the directory,
whatever happened. Tests, benchmarks and fault-injection code use the same
cluster through ``throwaway_cluster()``.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

MISSING_MESSAGE = "PostgreSQL binaries not found: skipping the PostgreSQL run (install postgresql)"
DATABASE = "houbei"
SUPERUSER = "postgres"
# A test cluster holds nothing worth keeping: trade durability for speed.
SPEED_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


class ClusterError(RuntimeError):
    """The cluster could not be created, started or stopped."""


def running_in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def _has_server_binaries(bindir: Path) -> bool:
    return (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file()


def _pg_config_bindir() -> Path | None:
    pg_config = shutil.which("pg_config")
    if pg_config is None:
        return None
    result = subprocess.run(  # noqa: S603 - the pg_config found on PATH
        [pg_config, "--bindir"], capture_output=True, text=True, check=False
    )
    return Path(result.stdout.strip()) if result.returncode == 0 else None


def _newest_debian_bindir() -> Path | None:
    def major(bindir: Path) -> int:
        name = bindir.parent.name
        return int(name) if name.isdigit() else -1

    bindirs = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=major, reverse=True)
    return bindirs[0] if bindirs else None


def _path_bindir() -> Path | None:
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def find_bindir() -> Path | None:
    """Return the first directory holding initdb and pg_ctl, or None."""
    from_env = os.environ.get("PG_BINDIR")
    candidates = [Path(from_env) if from_env else None, _pg_config_bindir()]
    candidates += [_newest_debian_bindir(), _path_bindir()]
    for bindir in candidates:
        if bindir is not None and _has_server_binaries(bindir):
            return bindir
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Cluster:
    """A PostgreSQL cluster living in ``root``; ``url`` reaches its ``houbei`` database."""

    bindir: Path
    root: Path
    port: int

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        return self.root / "postgres.log"

    @property
    def url(self) -> str:
        return f"postgres://{SUPERUSER}@127.0.0.1:{self.port}/{DATABASE}"

    def __str__(self) -> str:
        return self.url

    def run(self, program: str, *args: str) -> None:
        """Run a PostgreSQL program, as the postgres user when we are root."""
        command = [str(self.bindir / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        # Output goes to a file, not a pipe: a server started here must not hold our pipe open.
        # A new session keeps the server out of the terminal's Ctrl-C.
        with tempfile.TemporaryFile() as output:
            returncode = subprocess.call(  # noqa: S603 - PostgreSQL's own programs
                command,
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            if returncode != 0:
                output.seek(0)
                said = output.read().decode(errors="replace")
                raise ClusterError(f"{program} failed ({returncode}): {said}{self._log_tail()}")

    def _log_tail(self) -> str:
        return self.logfile.read_text(errors="replace")[-2000:] if self.logfile.exists() else ""

    def start(self) -> None:
        self.run("pg_ctl", "start", "-w", "-t", "60", *self._where())

    def _where(self) -> list[str]:
        # pg_ctl restart forgets the log file of the first start: name it every time.
        return ["-D", str(self.datadir), "-l", str(self.logfile)]

    def stop(self) -> None:
        self.run("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.datadir))

    def restart(self) -> None:
        """Restart the server on the same port; open connections are cut."""
        self.run("pg_ctl", "restart", "-w", "-t", "60", "-m", "fast", *self._where())

    def is_running(self) -> bool:
        return (self.datadir / "postmaster.pid").exists()


def _make_root() -> Path:
    root = Path(tempfile.mkdtemp(prefix="houbei-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, user=SUPERUSER, group=SUPERUSER)
    return root


def _initdb(cluster: Cluster) -> None:
    base = ["-D", str(cluster.datadir), "-A", "trust", "-E", "UTF8", "-U", SUPERUSER, "--no-sync"]
    try:
        cluster.run("initdb", *base, "--locale=C.UTF-8")
    except ClusterError:
        shutil.rmtree(cluster.datadir, ignore_errors=True)
        cluster.run("initdb", *base, "--locale=C")


def _configure(cluster: Cluster) -> None:
    settings = {
        "listen_addresses": "'127.0.0.1'",
        "port": str(cluster.port),
        "unix_socket_directories": f"'{cluster.root}'",
        **SPEED_SETTINGS,
    }
    lines = "".join(f"{name} = {value}\n" for name, value in settings.items())
    with (cluster.datadir / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write("\n# houbei throwaway test cluster\n" + lines)


def start_cluster(bindir: Path | None = None) -> Cluster:
    """Create and start a cluster with an empty ``houbei`` database."""
    bindir = bindir or find_bindir()
    if bindir is None:
        raise ClusterError(MISSING_MESSAGE)
    cluster = Cluster(bindir=bindir, root=_make_root(), port=free_port())
    try:
        _initdb(cluster)
        _configure(cluster)
        cluster.start()
        cluster.run("createdb", "-h", str(cluster.root), "-p", str(cluster.port), DATABASE)
    except BaseException:
        stop_cluster(cluster)
        raise
    return cluster


def stop_cluster(cluster: Cluster) -> None:
    """Stop the server if it runs, then delete everything it wrote."""
    try:
        if cluster.is_running():
            cluster.stop()
    finally:
        shutil.rmtree(cluster.root, ignore_errors=True)


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """Yield a running cluster (``.url``, ``.restart()``); always clean up after."""
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        stop_cluster(cluster)


def _is_postgres_url(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def _run_command(command: Sequence[str], database_url: str) -> int:
    env = {**os.environ, "DATABASE_URL": database_url}
    try:
        child = subprocess.Popen(command, env=env)  # noqa: S603 - the caller's own command
    except FileNotFoundError:
        print(f"pgcluster: command not found: {command[0]}", file=sys.stderr)
        return 127
    try:
        return child.wait()
    except BaseException:
        _wind_down(child)
        raise


def _wind_down(child: subprocess.Popen[bytes]) -> None:
    """Let an interrupted child finish (Ctrl-C reached it too), then ask, then force."""
    for grace, nudge in ((2, child.terminate), (10, child.kill), (None, None)):
        with suppress(subprocess.TimeoutExpired):
            child.wait(timeout=grace)
        if child.poll() is not None or nudge is None:
            return
        nudge()


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def main(argv: Sequence[str]) -> int:
    command = list(argv[1:] if argv[:1] == ["--"] else argv)
    if not command:
        print("usage: python -m houbei.devtools.pgcluster -- CMD [ARGS...]", file=sys.stderr)
        return 2
    existing = os.environ.get("DATABASE_URL", "")
    if _is_postgres_url(existing):
        return _run_command(command, existing)
    bindir = find_bindir()
    if bindir is None:
        if running_in_ci():
            print(f"error: {MISSING_MESSAGE}", file=sys.stderr)
            return 1
        print(MISSING_MESSAGE)
        return 0
    signal.signal(signal.SIGTERM, _terminate)
    try:
        with throwaway_cluster() as cluster:
            print(f"pgcluster: PostgreSQL at {cluster.url} ({bindir})", flush=True)
            return _run_command(command, cluster.url)
    except KeyboardInterrupt:
        return 130
    except ClusterError as error:
        print(f"pgcluster: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
