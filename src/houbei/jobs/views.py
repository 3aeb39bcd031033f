"""The jobs one may see: the list, a job's page (its progress polled as a fragment while it
runs), and its result file. Out of scope is 404; the download is audited."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.audit import record
from houbei.jobs.models import Job
from houbei.jobs.services import is_stale, read_result

LIST_SIZE = 50


def _job(request: HttpRequest, pk: int) -> Job:
    jobs = Job.objects.visible_to(request.user).select_related("started_by", "region")
    return get_object_or_404(jobs, pk=pk)


def _context(job: Job) -> dict[str, object]:
    return {"job": job, "stale": is_stale(job)}


@requires(Capability.VIEW_JOBS)
@require_http_methods(["GET"])
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = Job.objects.visible_to(request.user).select_related("started_by", "region")
    mine = request.GET.get("all") != "1"
    if mine:
        jobs = jobs.filter(started_by=request.user.pk)
    context = {"jobs": list(jobs[:LIST_SIZE]), "mine": mine, "size": LIST_SIZE}
    return render(request, "jobs/job_list.html", context)


@requires(Capability.VIEW_JOBS)
@require_http_methods(["GET"])
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "jobs/job_detail.html", _context(_job(request, pk)))


@requires(Capability.VIEW_JOBS)
@require_http_methods(["GET"])
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress panel alone, which the job's page polls while the job runs."""
    return render(request, "jobs/_progress.html", _context(_job(request, pk)))


@requires(Capability.VIEW_JOBS)
@require_http_methods(["GET"])
def job_result(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    content = read_result(job) if job.status == "done" else None
    if content is None:
        raise Http404("没有结果文件")
    record(request.user, "jobs.result.downloaded", job, {"result": job.result_name})
    response = HttpResponse(content, content_type="application/octet-stream")
    disposition = content_disposition_header(True, job.result_name or f"结果-{job.pk}")
    response["Content-Disposition"] = disposition or ""
    return response
