"""The people import as a background job: the worker checks the staged file again, reporting
progress per batch (nothing written, no lock held), then writes it in one transaction
(`import_people`: all or nothing; a worker killed mid-write leaves nothing behind)."""

from __future__ import annotations

from django_tasks import task

from houbei.jobs.models import Job, Kind
from houbei.jobs.services import JobFailed, finish, progress, running, start_job
from houbei.people.importer import Scope, check_people
from houbei.people.importer.report import Report
from houbei.people.importer.staging import discard, import_staged, open_staged

GONE = "待导入的文件已不存在（可能已导入或已过期），请重新上传。"
WRITING = (
    "检查完毕，正在写入数据库（一次写入：中途停止则不写入任何数据；写入期间进度条停在已检查的行数，"
    "写完后显示结果）"
)
# The phases the job's page shows (docs/decisions/0031-export-and-assessment-jobs.md): the check
# reports rows checked of total per batch, outside any transaction; the write is one transaction.
CHECKING, WRITING_PHASE = "检查中", "写入中"
MAX_MESSAGES = 200


def start_import(user: object, *, token: str, filename: str, valid_only: bool, rows: int) -> Job:
    """Queues the import of the file staged under `token` (checked on upload)."""
    from houbei.accounts.models import User

    assert isinstance(user, User)
    params = {"token": token, "filename": filename, "valid_only": valid_only, "rows": rows}
    return start_job(import_people_job, Kind.PEOPLE_IMPORT, user, user.region, params)


def start_check(user: object, *, token: str, filename: str) -> Job:
    """Queues the check of a large staged file (its report then waits on the job's page)."""
    from houbei.accounts.models import User

    assert isinstance(user, User)
    params = {"token": token, "filename": filename}
    return start_job(check_people_job, Kind.PEOPLE_CHECK, user, user.region, params)


@task()
def check_people_job(job_id: int) -> None:
    """The upload's check, in the background: progress per batch; writes nothing."""
    with running(job_id) as job:
        token, name = job.params["token"], job.params.get("filename", "")
        source = open_staged(token)
        if source is None:
            raise JobFailed(GONE)
        progress(job, 0, None, "正在检查各行", phase=CHECKING)
        report = check_people(
            source,
            scope=Scope.of_user(job.started_by),
            filename=name,
            progress=lambda done: progress(job, done),
        )
        if report.valid_rows == 0:
            discard(token)
        job.params = job.params | {
            "report": {
                "ok": report.ok,
                "rows": report.rows,
                "valid_rows": report.valid_rows,
                "bad_rows": report.bad_rows,
                "file_problem": report.file_problem,
            }
        }
        Job.objects.filter(pk=job.pk).update(params=job.params)
        job.messages = report.lines()[1:MAX_MESSAGES]
        finish(job, report.summary())


@task()
def import_people_job(job_id: int) -> None:
    with running(job_id) as job:
        params = job.params
        token, name = params["token"], params.get("filename", "")
        total = int(params.get("rows") or 0) or None
        scope = Scope.of_user(job.started_by)
        source = open_staged(token)
        if source is None:
            raise JobFailed(GONE)
        progress(job, 0, total, "正在检查各行", phase=CHECKING)
        checked = check_people(
            source, scope=scope, filename=name, progress=lambda done: progress(job, done)
        )
        if not checked.valid_rows or not (checked.ok or params.get("valid_only")):
            job.messages = checked.lines()[1:MAX_MESSAGES]
            raise JobFailed(checked.summary())
        progress(job, checked.rows, checked.rows, WRITING, phase=WRITING_PHASE)
        report = import_staged(
            token,
            scope=scope,
            actor=job.started_by,
            valid_only=bool(params.get("valid_only")),
            filename=name,
        )
        if report is None:
            raise JobFailed(GONE)
        _end(job, report)


def _end(job: Job, report: Report) -> None:
    lines = report.lines()[:MAX_MESSAGES]
    job.messages = lines[1:]
    if not report.written:
        raise JobFailed(report.summary())
    finish(job, report.summary())
