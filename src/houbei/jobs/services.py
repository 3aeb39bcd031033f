"""Starting a job, reporting its progress, finishing or failing it, and failing the jobs whose
worker died (no heartbeat for `settings.JOB_STALE_SECONDS`).

A task runs `with running(job_id) as job:`; progress is written as the work goes (each call one
UPDATE, committed at once: call it outside the job's own write transaction, which would hide
it), and an exception fails the job with its message."""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from houbei.accounts.models import User
from houbei.audit import record
from houbei.jobs.models import Job, Status
from houbei.lib import crypto
from houbei.lib.datadir import ensure_private_dir, write_private
from houbei.regions.models import Region

UNEXPECTED = "任务出错，未完成：{error}"
STALE = "后台任务进程已停止（{seconds} 秒无心跳），任务未完成；未完成的写入已全部撤销。"
_TOKEN_LENGTH = 24


class JobFailed(Exception):
    """A refusal a task states in Chinese: the job fails with this message."""


def start_job(
    task: Any, kind: str, actor: User, region: Region | None, params: dict[str, Any]
) -> Job:
    """A queued job and its task, in one transaction: the worker sees both or neither."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind, started_by=actor, region=region, params=params, message="等待后台处理"
        )
        result = task.enqueue(job.pk)
        job.task_id = str(result.id)
        job.save(update_fields=["task_id"])
        record(actor, "jobs.job.started", job, {"kind": kind}, region=region)
    return job


@contextmanager
def running(job_id: int) -> Iterator[Job]:
    """The job, marked running; failed with the error's message when the block raises."""
    now = timezone.now()
    Job.objects.filter(pk=job_id).update(
        status=Status.RUNNING, started_at=now, heartbeat_at=now, message="正在处理"
    )
    job = Job.objects.select_related("started_by", "region").get(pk=job_id)
    try:
        yield job
    except JobFailed as error:
        fail(job, str(error))
    except Exception as error:
        fail(job, UNEXPECTED.format(error=error or type(error).__name__))
        raise


def progress(
    job: Job,
    done: int,
    total: int | None = None,
    message: str | None = None,
    *,
    phase: str | None = None,
) -> None:
    """Rows done of total (and the step, when given), and the heartbeat: one UPDATE."""
    job.done = done
    job.total = total if total is not None else job.total
    job.heartbeat_at = timezone.now()
    fields: dict[str, Any] = {"done": done, "total": job.total, "heartbeat_at": job.heartbeat_at}
    if message is not None:
        job.message = fields["message"] = message[:500]
    if phase is not None:
        job.phase = fields["phase"] = phase[:20]
    Job.objects.filter(pk=job.pk).update(**fields)


def fail(job: Job, message: str, *, by_worker: bool = True) -> None:
    actor = job.started_by if by_worker else None
    _end(job, Status.FAILED, message, "jobs.job.failed", actor, outcome="failed")


def finish(job: Job, message: str, *, result: bytes | None = None, result_name: str = "") -> None:
    """Done; `result` (a file's bytes) is kept encrypted for the job's page to offer."""
    if result is not None:
        job.result_file = _store(result)
        job.result_name = result_name
    _end(job, Status.DONE, message, "jobs.job.finished", job.started_by)


def _end(
    job: Job, status: str, message: str, action: str, actor: Any, outcome: str = "succeeded"
) -> None:
    """The end of a job, audited in the name of its starter (the worker acts for them) or, when
    a dead worker's job is failed, of the system."""
    job.status = status
    job.message = message[:500]
    job.messages = [*job.messages, message]
    job.finished_at = job.heartbeat_at = timezone.now()
    with transaction.atomic():
        job.save(
            update_fields=[
                "status", "message", "messages", "finished_at", "heartbeat_at",
                "result_file", "result_name", "done", "total",
            ]
        )  # fmt: skip
        changes = {"kind": job.kind, "message": message}
        if job.result_name:
            changes["result"] = job.result_name
        record(actor, action, job, changes, outcome=outcome, region=job.region)


def is_stale(job: Job, now: dt.datetime | None = None) -> bool:
    """Running, and no heartbeat for `JOB_STALE_SECONDS`: its worker has most likely died."""
    if job.status != Status.RUNNING:
        return False
    limit = (now or timezone.now()) - dt.timedelta(seconds=settings.JOB_STALE_SECONDS)
    return job.heartbeat_at is None or job.heartbeat_at < limit


def reap(stale_after: float | None = None) -> list[Job]:
    """Fails the running jobs without a heartbeat for `stale_after` seconds (default:
    `JOB_STALE_SECONDS`): the worker that ran them was killed. Run by the worker on start and
    by `houbei jobs --reap`."""
    seconds = settings.JOB_STALE_SECONDS if stale_after is None else stale_after
    limit = timezone.now() - dt.timedelta(seconds=seconds)
    stale = list(
        Job.objects.filter(status=Status.RUNNING, heartbeat_at__lt=limit).select_related(
            "region", "started_by"
        )
    )
    for job in stale:
        fail(job, STALE.format(seconds=int(seconds)), by_worker=False)
    return stale


def _folder() -> Path:
    return ensure_private_dir(Path(settings.MEDIA_ROOT) / "jobs")


def _store(content: bytes) -> str:
    token = secrets.token_urlsafe(_TOKEN_LENGTH)
    sealed = crypto.encrypt(base64.b64encode(content).decode())
    write_private(_folder() / f"{token}.enc", sealed.encode())
    return token


def read_result(job: Job) -> bytes | None:
    if not job.result_file:
        return None
    path = _folder() / f"{job.result_file}.enc"
    if not path.is_file():
        return None
    return base64.b64decode(crypto.decrypt(path.read_text()))
