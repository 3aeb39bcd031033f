"""The batch of registration forms (后备干部登记表) as a background job: the same filters,
cap and audit as the direct download, with progress per form; the zip is the job's result
(kept encrypted, downloadable from the job's page by its starter and the same scope)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tasks import task

from houbei.documents import services
from houbei.documents.forms import BatchForm
from houbei.jobs.models import Job, Kind
from houbei.jobs.services import JobFailed, finish, progress, running, start_job


def start_batch(user: Any, data: dict[str, str]) -> Job:
    return start_job(registration_batch_job, Kind.DOCUMENT_BATCH, user, user.region, data)


@task()
def registration_batch_job(job_id: int) -> None:
    with running(job_id) as job:
        user = job.started_by
        form = BatchForm(job.params, user=user)
        if not form.is_valid():
            raise JobFailed("筛选条件已失效（所选的村不在您的范围内），请重新选择。")
        try:
            file, count = services.export_batch(
                form.people(),
                actor=user,
                filters=form.described(),
                today=timezone.localdate(),
                progress=lambda done, total: progress(job, done, total, "正在生成登记表"),
            )
        except ValidationError as error:
            raise JobFailed("".join(error.messages)) from error
        with file:
            content = file.read()
        name = f"后备干部登记表-{timezone.localdate():%Y%m%d}.zip"
        finish(job, f"已生成 {count} 人的登记表。", result=content, result_name=name)
