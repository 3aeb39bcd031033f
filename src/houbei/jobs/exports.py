"""Large exports as background jobs (docs/decisions/0031-export-and-assessment-jobs.md).

Each area registers its list exports here (`register(ExportKind(...))`, from its AppConfig's
`ready`, since jobs may not import the areas above it): how many rows the page's filter gives,
and the area's `write_<thing>` (decision 0026). An export view first asks `offer(request,
name)`: above `settings.EXPORT_INLINE_MAX_ROWS` rows it answers a page offering to write the
file in the background (a POST: no GET starts anything); below, the view streams as before.
One task, `run_export`, runs every kind: as the user who started it, with the query and the
day the page had, after checking again that the user may still run that export in that scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_tasks import task

from houbei.accounts.capabilities import Capability, capabilities_of
from houbei.accounts.decorators import requires
from houbei.accounts.models import User
from houbei.audit.ratelimit import export_refusal, refused
from houbei.jobs.models import Job, Kind, Status
from houbei.jobs.services import JobFailed, finish, progress, running, start_job
from houbei.lib import exports

NOT_ALLOWED = "发起人已无权导出该范围的数据（账号停用、角色或所属地区已变更），未生成文件。"
UNKNOWN = "未知的导出类型，未生成文件。"
WRITING = "正在导出"


@dataclass(frozen=True)
class ExportKind:
    """A list export a job can run: its name (the job's `params["export"]`), its Chinese
    title, the capability its view requires, its audit action (its rate limit), and three
    functions of (actor, the page's query, the day): the rows it would write, writing it to a
    binary file (the area's `write_<thing>`, which scopes and audits), and the file's name."""

    name: str
    title: str
    capability: Capability
    action: str
    count: Callable[[User, QueryDict, dt.date], int]
    write: Callable[[IO[bytes], User, QueryDict, dt.date], int]
    filename: Callable[[QueryDict, dt.date], str]


EXPORT_KINDS: dict[str, ExportKind] = {}


def register(kind: ExportKind) -> None:
    EXPORT_KINDS[kind.name] = kind


def offer(request: HttpRequest, name: str) -> HttpResponse | None:
    """None when the export may be written in the request (its rows at most
    EXPORT_INLINE_MAX_ROWS, or a user without job pages); else the page offering the job."""
    kind, user = EXPORT_KINDS[name], request.user
    if not isinstance(user, User) or Capability.VIEW_JOBS not in capabilities_of(user):
        return None
    rows = kind.count(user, request.GET, timezone.localdate())
    limit = settings.EXPORT_INLINE_MAX_ROWS
    if rows <= limit:
        return None
    context = {"kind": kind, "rows": rows, "limit": limit, "query": request.GET.urlencode()}
    return render(request, "jobs/export_offer.html", context)


@requires(Capability.VIEW_JOBS)
@require_POST
def export_start(request: HttpRequest) -> HttpResponse:
    """Starts the export named in the form, with the page's query, as a job; the job's page.
    An export of the same kind and query still waiting or running is shown instead."""
    kind = EXPORT_KINDS.get(request.POST.get("kind", ""))
    if kind is None:
        raise Http404("没有这种导出")
    user = request.user
    assert isinstance(user, User)
    if kind.capability not in capabilities_of(user):
        raise PermissionDenied
    query = QueryDict(request.POST.get("query", "")).urlencode()
    params = {"export": kind.name, "query": query}
    running_already = Job.objects.filter(
        started_by=user,
        kind=Kind.EXPORT,
        status__in=(Status.QUEUED, Status.RUNNING),
        params__export=kind.name,
        params__query=query,
    ).first()
    if running_already is not None:
        return redirect("jobs:job_detail", pk=running_already.pk)
    message = export_refusal(user, kind.action)
    if message is not None:
        return refused(request, message)
    today = timezone.localdate().isoformat()
    job = start_job(run_export, Kind.EXPORT, user, user.region, params | {"today": today})
    return redirect("jobs:job_detail", pk=job.pk)


def may_export(user: User, kind: ExportKind, job: Job) -> bool:
    """The starter may still run this export in the job's scope: active, the capability, the
    same region as when the job was started."""
    return (
        user.is_active
        and kind.capability in capabilities_of(user)
        and user.region_id == job.region_id
    )


@task()
def run_export(job_id: int) -> None:
    """Writes the export as its starter, with the page's query and day; the file is the job's
    result. The area's write function records the export's audit entry as in the request."""
    with running(job_id) as job:
        kind = EXPORT_KINDS.get(job.params.get("export", ""))
        if kind is None:
            raise JobFailed(UNKNOWN)
        user = job.started_by
        if not may_export(user, kind, job):
            raise JobFailed(NOT_ALLOWED)
        query = QueryDict(job.params.get("query", ""))
        today = dt.date.fromisoformat(job.params["today"])
        total = kind.count(user, query, today)
        progress(job, 0, total, WRITING)
        file = exports.temporary()
        try:
            with exports.reporting(lambda done: progress(job, done)):
                rows = kind.write(file, user, query, today)
            file.seek(0)
            content = file.read()
        finally:
            file.close()
        progress(job, rows, max(total, rows))
        finish(
            job,
            f"已导出 {rows} 行，可下载结果文件",
            result=content,
            result_name=kind.filename(query, today),
        )
