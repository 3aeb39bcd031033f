"""The confirmed import as a background job: progress that moves while a real worker runs it,
a failure that writes nothing, and a worker killed mid-write that leaves nothing written and
its job failed once reaped."""

from __future__ import annotations

import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from houbei.jobs.models import Job, Status
from houbei.jobs.worker import run_queued
from houbei.people import tasks
from houbei.people.models import Person
from tests.people.sheets import good_rows, write_sheet
from tests.security.production import houbei, production_env

ROWS = 4500


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _confirmed(client: Client, path: Path) -> int:
    content = SimpleUploadedFile(path.name, path.read_bytes())
    checked = client.post(reverse("people:import_upload"), {"file": content})
    posted = client.post(reverse("people:import_confirm"), {"token": checked.context["token"]})
    assert posted.status_code == 302
    return int(posted["Location"].rstrip("/").rsplit("/", 1)[1])


@pytest.mark.django_db
def test_the_progress_moves_per_batch_while_the_worker_imports(
    client: Client, personas: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    client.force_login(personas["town"])
    job_id = _confirmed(client, write_sheet(tmp_path / "big.xlsx", good_rows(ROWS)))
    seen: list[tuple[int, int | None, str]] = []
    phases: list[str] = []
    report = tasks.progress

    def spy(
        job: Job,
        done: int,
        total: int | None = None,
        message: str | None = None,
        phase: str | None = None,
    ) -> None:
        report(job, done, total, message, phase=phase)
        stored = Job.objects.get(pk=job.pk)  # what the page would read
        if stored.phase == tasks.WRITING_PHASE:
            page = client.get(reverse("jobs:job_progress", kwargs={"pk": job.pk})).content
            assert "写入中" in page.decode() and f'value="{ROWS}"' in page.decode()
        seen.append((stored.done, stored.total, stored.message))
        phases.append(stored.phase)

    monkeypatch.setattr(tasks, "progress", spy)
    assert Job.objects.get(pk=job_id).status == Status.QUEUED

    run_queued()

    assert [done for done, _, _ in seen] == [0, 2000, 4000, ROWS, ROWS]
    assert {total for _, total, _ in seen} == {ROWS}
    assert seen[-1][2] == tasks.WRITING
    assert phases == ["检查中"] * 4 + ["写入中"]
    job = Job.objects.get(pk=job_id)
    assert job.status == Status.DONE
    assert job.message.startswith(f"共 {ROWS} 行，已导入：新增 {ROWS} 人")
    assert Person.objects.count() == ROWS
    page = client.get(reverse("jobs:job_detail", kwargs={"pk": job_id})).content.decode()
    assert f'value="{ROWS}"' in page and "查看人员列表" in page


@pytest.mark.django_db
def test_a_job_whose_file_is_gone_fails_and_writes_nothing(
    client: Client, personas: Any, tmp_path: Path
) -> None:
    client.force_login(personas["town"])
    job_id = _confirmed(client, write_sheet(tmp_path / "ok.xlsx", good_rows(5)))
    for staged in (tmp_path / "media" / "imports").iterdir():
        staged.unlink()

    run_queued()

    job = Job.objects.get(pk=job_id)
    assert (job.status, job.message) == (Status.FAILED, tasks.GONE)
    assert Person.objects.count() == 0


KILL_ROWS = 30000
SETUP = """
from django.core.files.uploadedfile import SimpleUploadedFile
from houbei.accounts.models import User
from houbei.people.importer import staging
from houbei.people.management.commands.bench_import import bench_town, write_file
from houbei.people.tasks import start_import
town = bench_town(20)
user = User.objects.create_user("importer", password="Kill-Test-Pass-42", role="town_staff",
                                region=town)
write_file(PATH, ROWS, 20)
with open(PATH, "rb") as handle:
    token = staging.stage(SimpleUploadedFile("big.xlsx", handle.read()))
job = start_import(user, token=token, filename="big.xlsx", valid_only=False, rows=ROWS)
print(job.pk)
"""


class Database:
    """The child processes' database, read directly (no Django connection in between)."""

    def __init__(self, url: str, sqlite_path: Path | None = None) -> None:
        self.url, self.sqlite_path = url, sqlite_path

    def row(self, sql: str, *params: Any) -> tuple[Any, ...]:
        if self.sqlite_path is not None:
            with sqlite3.connect(self.sqlite_path, timeout=20) as db:
                found = db.execute(sql.replace("%s", "?"), params).fetchone()
            db.close()
            return tuple(found)
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as db:
            found = db.execute(sql, params).fetchone()
        assert found is not None
        return tuple(found)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def child_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh SQLite file, or (in the PostgreSQL pass) a fresh database on the test cluster."""
    if request.param == "sqlite":
        path = tmp_path / "prod.sqlite3"
        yield Database(f"sqlite:///{path}", path)
        return
    import psycopg

    server = os.environ["DATABASE_URL"]
    name = f"kill_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Database(server.rsplit("/", 1)[0] + "/" + name)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_killing_the_worker_mid_write_writes_nothing_and_its_restart_fails_the_job(
    tmp_path: Path, child_database: Database
) -> None:
    env = production_env(tmp_path, DATABASE_URL=child_database.url)
    row = child_database.row
    assert houbei("migrate", "-v", "0", env=env).returncode == 0
    script = SETUP.replace("PATH", repr(str(tmp_path / "big.xlsx"))).replace("ROWS", str(KILL_ROWS))
    setup = houbei("shell", "-c", script, env=env)
    assert setup.returncode == 0, setup.stderr
    job_id = int(setup.stdout.split()[-1])
    worker = subprocess.Popen(
        [sys.executable, "-m", "houbei", "worker", "--interval", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        message = ""
        while message != tasks.WRITING and time.monotonic() < deadline:
            time.sleep(0.05)
            status, message = row("SELECT status, message FROM jobs_job WHERE id = %s", job_id)
            assert status in ("queued", "running"), message
        assert message == tasks.WRITING
        time.sleep(1.0)  # well into the write transaction (30,000 rows: several seconds)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

    assert row("SELECT status FROM jobs_job WHERE id = %s", job_id) == ("running",)
    assert row("SELECT COUNT(*) FROM people_person") == (0,)
    # The restarted worker fails the dead one's job before it takes the next.
    restarted = houbei("worker", "--batch", env=env | {"JOB_STALE_SECONDS": "1"})
    assert restarted.returncode == 0, restarted.stderr
    assert f"任务 #{job_id} 已标记为失败" in restarted.stdout
    status, message = row("SELECT status, message FROM jobs_job WHERE id = %s", job_id)
    assert status == "failed" and "后台任务进程已停止" in message
    assert row("SELECT COUNT(*) FROM people_person") == (0,)
    assert row("SELECT COUNT(*) FROM audit_auditentry WHERE action LIKE %s", "people.%") == (0,)


@pytest.mark.django_db
def test_a_large_upload_is_checked_by_a_job_whose_page_offers_the_confirmation(
    client: Client, personas: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from houbei.people.views import transfer

    monkeypatch.setattr(transfer, "CHECK_IN_BACKGROUND_BYTES", 0)
    rows = good_rows(6)
    rows[2][7] = "幼儿园"
    client.force_login(personas["town"])
    content = SimpleUploadedFile("big.xlsx", write_sheet(tmp_path / "big.xlsx", rows).read_bytes())

    uploaded = client.post(reverse("people:import_upload"), {"file": content})

    assert uploaded.status_code == 302
    check_page = uploaded["Location"]
    queued = client.get(check_page).content.decode()
    assert "排队中" in queued and '<progress id="job-bar">' in queued
    run_queued()
    checked = client.get(check_page).content.decode()
    assert "其中 1 行有问题，5 行无误；未写入任何数据" in checked
    assert "第4行" in checked and "幼儿园" in checked
    assert "只导入无误的 5 行，跳过有问题的 1 行" in checked
    assert Person.objects.count() == 0
    colleague = Client()
    colleague.force_login(personas["leader"])
    assert "只导入无误的" not in colleague.get(check_page).content.decode()

    token = Job.objects.get(pk=int(check_page.rstrip("/").rsplit("/", 1)[1])).params["token"]
    refused = client.post(reverse("people:import_confirm"), {"token": token})
    assert refused.status_code == 400
    confirmed = client.post(reverse("people:import_confirm"), {"token": token, "valid_only": "on"})
    assert confirmed.status_code == 302
    run_queued()
    done = client.get(confirmed["Location"]).content.decode()
    assert "已导入：新增 5 人" in done
    assert Person.objects.count() == 5
