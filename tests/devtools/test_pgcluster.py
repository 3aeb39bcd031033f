"""The throwaway PostgreSQL cluster that the PostgreSQL test run and benchmarks use."""

from __future__ import annotations

import psycopg
import pytest

from houbei.devtools import pgcluster

BINARIES_MISSING = pgcluster.find_bindir() is None

# Where PostgreSQL is missing, a developer's run skips this test; CI must have it.
needs_postgres = pytest.mark.skipif(
    BINARIES_MISSING and not pgcluster.running_in_ci(),
    reason=pgcluster.MISSING_MESSAGE,
)


def server_pid(url: str) -> int:
    with psycopg.connect(url, connect_timeout=10) as connection:
        row = connection.execute("select pg_backend_pid(), current_database()").fetchone()
    assert row is not None and row[1] == "houbei"
    return int(row[0])


@needs_postgres
def test_it_serves_a_database_that_survives_a_restart() -> None:
    if BINARIES_MISSING:
        pytest.fail(f"CI=true but {pgcluster.MISSING_MESSAGE}")
    with pgcluster.throwaway_cluster() as cluster:
        root = cluster.root
        with psycopg.connect(cluster.url, autocommit=True) as connection:
            connection.execute("create table kept (id int)")
            connection.execute("insert into kept values (7)")
            fsync = connection.execute("show fsync").fetchone()
        assert fsync == ("off",)
        server_pid(cluster.url)

        cluster.restart()

        with psycopg.connect(cluster.url) as connection:
            assert connection.execute("select id from kept").fetchall() == [(7,)]
    assert not root.exists()


def test_without_binaries_it_skips_outside_ci(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pgcluster, "find_bindir", lambda: None)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CI", "false")

    assert pgcluster.main(["--", "false"]) == 0
    assert capsys.readouterr().out == pgcluster.MISSING_MESSAGE + "\n"


def test_without_binaries_it_fails_in_ci(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pgcluster, "find_bindir", lambda: None)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CI", "true")

    assert pgcluster.main(["--", "true"]) == 1
    assert pgcluster.MISSING_MESSAGE in capsys.readouterr().err


def test_it_reuses_a_postgres_url_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pgcluster, "find_bindir", lambda: None)
    monkeypatch.setenv("DATABASE_URL", "postgres://someone@db.invalid/x")
    command = ["sh", "-c", 'test "$DATABASE_URL" = postgres://someone@db.invalid/x && exit 4']

    assert pgcluster.main(["--", *command]) == 4
