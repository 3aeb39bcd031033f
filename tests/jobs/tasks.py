"""Tasks the job tests queue and a real worker loop runs (module level, as the worker imports
them by path)."""

from __future__ import annotations

from django_tasks import task

from houbei.jobs.services import JobFailed, finish, progress, running


@task()
def count_rows(job_id: int) -> None:
    with running(job_id) as job:
        total = int(job.params["rows"])
        for done in range(0, total + 1, 10):
            progress(job, done, total, "正在计数")
        finish(
            job, f"共 {total} 行", result=("行数," + str(total)).encode(), result_name="行数.csv"
        )


@task()
def refuse(job_id: int) -> None:
    with running(job_id):
        raise JobFailed("文件第3行有误，未写入任何数据")


@task()
def crash(job_id: int) -> None:
    with running(job_id):
        raise RuntimeError("磁盘已满")
