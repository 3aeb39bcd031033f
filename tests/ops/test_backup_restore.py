"""Backup → restore round trip into an empty database of the same kind (SQLite or PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from houbei.audit import record
from houbei.lib import crypto
from houbei.ops.tables import MIGRATION_ROWS, digests
from houbei.people.services import appoint_to_post
from tests.ops.sealing import archive, rewritten

DIGESTS = (
    "import django, json; django.setup(); "
    "from houbei.ops.tables import digests; print(json.dumps(digests()))"
)


def _child(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "houbei.settings"}
    return subprocess.run(  # noqa: S603 - our own interpreter and package
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def _houbei(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    return _child("-m", "houbei", *args, database_url=database_url)


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """A URL to a database that does not exist yet (SQLite) or is empty (PostgreSQL)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    params = connection.get_connection_params()
    server = {k: params[k] for k in ("host", "port", "user") if params.get(k)}
    name = f"restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{server['user']}@{server['host']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def filled(personas: Any, tree: Any, make_person: Any) -> list[str]:
    """People, posts, a liaison's villages and audit entries; returns the ID numbers."""
    numbers = []
    for index, village in enumerate(["a1", "a2", "a3", "b1"]):
        person = make_person(tree[village], name=f"测试{index}", birth=dt.date(1970 + index, 5, 6))
        numbers.append(crypto.decrypt(person.id_number_encrypted))
        appoint_to_post(
            person=person, village=tree[village], role="secretary",
            term_start=dt.date(2021, 3, 1), actor=personas["town"],
        )  # fmt: skip
    record(personas["town"], "people.person.exported", None, {"rows": 4, "文字": "中文 ✓"})
    return numbers


def _backup(path: Path) -> dict[str, Any]:
    call_command("backup", str(path), verbosity=0)
    with archive(path) as zf:
        manifest: dict[str, Any] = json.loads(zf.read("manifest.json"))
    return manifest


def test_a_restored_database_equals_the_backup_table_by_table(
    filled: Any, tmp_path: Path, empty_database: str
) -> None:
    manifest = _backup(tmp_path / "backup.zip")
    source = digests()
    assert {
        t["model"]: {"count": t["count"], "sha256": t["sha256"]} for t in manifest["tables"]
    } == source
    assert source["people.person"]["count"] == 4 and source["audit.auditentry"]["count"] > 8

    restored = _houbei("restore", str(tmp_path / "backup.zip"), database_url=empty_database)
    assert restored.returncode == 0, restored.stderr
    assert "逐表核对一致" in restored.stdout

    after = _child("-c", DIGESTS, database_url=empty_database)
    assert json.loads(after.stdout) == source
    verified = _houbei("audit", "verify", database_url=empty_database)
    assert verified.returncode == 0, verified.stderr


def test_the_backup_holds_no_plaintext_id_number(filled: list[str], tmp_path: Path) -> None:
    _backup(tmp_path / "backup.zip")
    with archive(tmp_path / "backup.zip") as zf:
        content = "".join(zf.read(name).decode() for name in zf.namelist())
    assert "410782" in content  # the masked numbers are there: the data is in the file
    assert (tmp_path / "backup.zip").stat().st_mode & 0o777 == 0o600
    for number in filled:
        assert number not in content
        assert number[:6] + "********" + number[-4:] in content


def test_restore_refuses_a_database_that_holds_data(
    filled: Any, tmp_path: Path, empty_database: str
) -> None:
    _backup(tmp_path / "backup.zip")
    assert (
        _houbei("restore", str(tmp_path / "backup.zip"), database_url=empty_database).returncode
        == 0
    )
    again = _houbei("restore", str(tmp_path / "backup.zip"), database_url=empty_database)
    assert again.returncode != 0 and "不是空库" in again.stderr


def _tamper(source: Path, target: Path, member: str) -> None:
    with archive(source) as old, rewritten(target) as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(
                name, data.replace("测试1".encode(), "测试9".encode()) if name == member else data
            )


def test_a_changed_backup_is_refused_and_nothing_is_written(
    filled: Any, tmp_path: Path, empty_database: str
) -> None:
    _backup(tmp_path / "backup.zip")
    _tamper(tmp_path / "backup.zip", tmp_path / "changed.zip", "tables/people.person.jsonl")
    result = _houbei("restore", str(tmp_path / "changed.zip"), database_url=empty_database)
    assert result.returncode != 0 and "哈希不符" in result.stderr
    after = json.loads(_child("-c", DIGESTS, database_url=empty_database).stdout)
    written = {label: t["count"] for label, t in after.items() if t["count"]}
    assert set(written) <= set(MIGRATION_ROWS)  # only what `migrate` itself wrote
