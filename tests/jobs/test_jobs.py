"""A job's life: queued, run by a real worker loop on the test database, progress, the result
file, failures, a dead worker's job failed by the reaper; scope (404 out of it), audit, and
constant query counts on the job pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.jobs.models import Job, Kind, Status
from houbei.jobs.services import reap, start_job
from houbei.jobs.worker import run_queued
from tests.jobs.tasks import count_rows, crash, refuse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _start(personas: Any, task: Any = count_rows, rows: int = 30, who: str = "town") -> Job:
    user = personas[who]
    return start_job(task, Kind.PEOPLE_IMPORT, user, user.region, {"rows": rows})


def test_a_job_is_queued_then_run_by_the_worker_to_its_result(personas: Any) -> None:
    job = _start(personas)
    assert job.status == Status.QUEUED and job.task_id

    assert run_queued() == 1

    job.refresh_from_db()
    assert job.status == Status.DONE
    assert (job.done, job.total, job.message) == (30, 30, "共 30 行")
    assert job.started_at <= job.finished_at
    assert job.result_name == "行数.csv"
    actions = list(
        AuditEntry.objects.filter(target_id=str(job.pk), action__startswith="jobs.")
        .order_by("pk")
        .values_list("action", "actor__username")
    )
    assert actions == [("jobs.job.started", "town"), ("jobs.job.finished", "town")]
    assert run_queued() == 0


def test_the_result_is_downloaded_by_the_starter_audited_and_404_out_of_scope(
    personas: Any,
) -> None:
    job = _start(personas)
    run_queued()
    url = reverse("jobs:job_result", kwargs={"pk": job.pk})
    owner, colleague, other_town = Client(), Client(), Client()
    owner.force_login(personas["town"])
    colleague.force_login(personas["leader"])  # same town, may import people
    other_town.force_login(personas["town_b"])

    response = owner.get(url)
    assert response.status_code == 200
    assert response.content == "行数,30".encode()
    assert "attachment" in response["Content-Disposition"]
    assert colleague.get(url).status_code == 200
    assert other_town.get(url).status_code == 404
    assert other_town.get(reverse("jobs:job_detail", kwargs={"pk": job.pk})).status_code == 404
    assert other_town.get(reverse("jobs:job_progress", kwargs={"pk": job.pk})).status_code == 404
    downloads = AuditEntry.objects.filter(action="jobs.result.downloaded", target_id=str(job.pk))
    assert sorted(downloads.values_list("actor__username", flat=True)) == ["leader", "town"]


def test_the_result_file_is_encrypted_at_rest(personas: Any, tmp_path: Path) -> None:
    job = _start(personas)
    run_queued()
    stored = list((tmp_path / "media" / "jobs").iterdir())
    assert len(stored) == 1
    assert "行数".encode() not in stored[0].read_bytes()
    assert stored[0].stat().st_mode & 0o077 == 0
    job.refresh_from_db()
    assert job.result_file in stored[0].name


def test_a_refusal_fails_the_job_with_its_chinese_message(personas: Any) -> None:
    job = _start(personas, refuse)
    run_queued()
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.message == "文件第3行有误，未写入任何数据"
    failed = AuditEntry.objects.get(action="jobs.job.failed", target_id=str(job.pk))
    assert failed.outcome == "failed"


def test_an_unexpected_error_fails_the_job_and_the_task(personas: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    job = _start(personas, crash)
    run_queued()
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert job.message == "任务出错，未完成：磁盘已满"
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"


def test_a_running_job_without_heartbeat_is_reaped_as_failed(personas: Any, settings: Any) -> None:
    settings.JOB_STALE_SECONDS = 60
    stale, fresh = _start(personas), _start(personas)
    now = timezone.now()
    Job.objects.filter(pk=stale.pk).update(
        status=Status.RUNNING, heartbeat_at=now - dt.timedelta(seconds=61)
    )
    Job.objects.filter(pk=fresh.pk).update(status=Status.RUNNING, heartbeat_at=now)

    assert [job.pk for job in reap()] == [stale.pk]

    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == Status.FAILED and "后台任务进程已停止" in stale.message
    assert fresh.status == Status.RUNNING
    entry = AuditEntry.objects.get(action="jobs.job.failed", target_id=str(stale.pk))
    assert entry.actor is None


def test_the_reap_command_takes_its_threshold(personas: Any, capsys: Any) -> None:
    job = _start(personas)
    Job.objects.filter(pk=job.pk).update(status=Status.RUNNING, heartbeat_at=timezone.now())
    call_command("jobs", "--reap", "--stale-after", "0")
    job.refresh_from_db()
    assert job.status == Status.FAILED
    assert "共标记 1 个任务为失败" in capsys.readouterr().out


def test_the_job_page_shows_a_polling_progress_bar_then_the_result(personas: Any) -> None:
    job = _start(personas)
    client = Client()
    client.force_login(personas["town"])
    url = reverse("jobs:job_detail", kwargs={"pk": job.pk})
    Job.objects.filter(pk=job.pk).update(status=Status.RUNNING, done=12, total=30)

    running = client.get(url).content.decode()
    assert '<progress id="job-bar" max="30" value="12">' in running
    assert "已处理 12 / 30 行（40%）" in running
    assert 'hx-trigger="every 1s"' in running
    assert "<script>" not in running

    run_queued()
    done = client.get(reverse("jobs:job_progress", kwargs={"pk": job.pk})).content.decode()
    assert "hx-trigger" not in done
    assert "已完成" in done and "下载结果：行数.csv" in done


def test_the_job_page_says_when_a_job_looks_stopped_but_writes_nothing(
    personas: Any, settings: Any
) -> None:
    settings.JOB_STALE_SECONDS = 60
    job = _start(personas)
    old = timezone.now() - dt.timedelta(seconds=120)
    Job.objects.filter(pk=job.pk).update(status=Status.RUNNING, heartbeat_at=old)
    client = Client()
    client.force_login(personas["town"])
    html = client.get(reverse("jobs:job_detail", kwargs={"pk": job.pk})).content.decode()
    assert "后台任务进程可能已停止" in html
    assert Job.objects.get(pk=job.pk).status == Status.RUNNING


def test_my_jobs_lists_mine_and_the_scope_lists_the_towns(personas: Any) -> None:
    mine, colleagues, elsewhere = (
        _start(personas),
        _start(personas, who="leader"),
        _start(personas, who="town_b"),
    )
    client = Client()
    client.force_login(personas["town"])
    own = client.get(reverse("jobs:job_list")).context["jobs"]
    scope = client.get(reverse("jobs:job_list") + "?all=1").context["jobs"]
    assert [job.pk for job in own] == [mine.pk]
    assert {job.pk for job in scope} == {mine.pk, colleagues.pk}
    assert elsewhere.pk not in {job.pk for job in scope}


@pytest.mark.parametrize("page", ["jobs:job_list", "jobs:job_detail", "jobs:job_progress"])
def test_the_job_pages_take_the_same_queries_at_two_sizes(
    personas: Any, page: str, django_assert_max_num_queries: Any
) -> None:
    client = Client()
    client.force_login(personas["town"])
    counts = []
    for size in (1, 12):
        jobs = [_start(personas) for _ in range(size)]
        run_queued()
        kwargs = {} if page == "jobs:job_list" else {"pk": jobs[-1].pk}
        with django_assert_max_num_queries(4) as captured:
            assert client.get(reverse(page, kwargs=kwargs)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
