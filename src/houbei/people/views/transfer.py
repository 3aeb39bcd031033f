"""Spreadsheets in and out: the import template, upload → check → confirm, and the export."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.jobs.exports import offer
from houbei.jobs.models import Job
from houbei.lib import exports
from houbei.lib.replica import reads_from_replica
from houbei.people import exporter
from houbei.people.forms import ImportConfirmForm, ImportUploadForm
from houbei.people.importer import Scope, build_template, staging
from houbei.people.tasks import start_check, start_import
from houbei.regions.models import Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "people_import"
# A larger upload is checked by a background job (100,000 rows, ~7.5 MB, take 20 s to check on
# a busy two-core machine; 1 MB is about 13,000 rows, a few seconds).
CHECK_IN_BACKGROUND_BYTES = 1024 * 1024
NOT_ALL_VALID = (
    "文件中有问题的行，未写入任何数据：请修正后重新上传，或在检查结果页选择只导入无误的行。"
)


@requires(Capability.IMPORT_PEOPLE)
@require_http_methods(["GET"])
def import_template(request: HttpRequest) -> HttpResponse:
    villages = Region.objects.visible_to(request.user).villages().current().order_by("code")
    content = build_template(list(villages.values_list("code", "name")))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, "人员导入模板.xlsx") or ""
    return response


@requires(Capability.IMPORT_PEOPLE)
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Steps 1 and 2: upload, then the check report (nothing written yet)."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "people/import_upload.html", {"form": form})
    upload = form.cleaned_data["file"]
    if upload.size > CHECK_IN_BACKGROUND_BYTES:
        token = staging.stage(upload)
        job = start_check(request.user, token=token, filename=upload.name or "")
        request.session[SESSION_KEY] = {"token": token, "name": upload.name, "check": job.pk}
        return redirect("jobs:job_detail", pk=job.pk)
    token, report = staging.stage_and_check(upload, scope=Scope.of_user(request.user))
    request.session[SESSION_KEY] = {
        "token": token, "name": upload.name, "rows": report.rows, "ok": report.ok
    }  # fmt: skip
    return render(request, "people/import_report.html", {"report": report, "token": token})


@requires(Capability.IMPORT_PEOPLE)
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    """Step 3: the confirmed import of the file uploaded in this session, as a background job
    (houbei.people.tasks); the job's page shows its progress and result."""
    form = ImportConfirmForm(request.POST)
    staged = request.session.get(SESSION_KEY) or {}
    if not (form.is_valid() and form.cleaned_data["token"] == staged.get("token")):
        gone = "没有待导入的文件（可能已导入或已过期），请重新上传。"
        context = {"form": ImportUploadForm(), "gone": gone}
        return render(request, "people/import_upload.html", context, status=400)
    valid_only = form.cleaned_data["valid_only"]
    if "check" in staged:  # checked by a background job: its report says
        checked = Job.objects.filter(pk=staged["check"], started_by=request.user.pk).first()
        report = (checked.params.get("report") if checked else None) or {}
        staged = staged | {"ok": report.get("ok"), "rows": report.get("rows")}
    if not (valid_only or staged.get("ok")):
        context = {"form": ImportUploadForm(), "gone": NOT_ALL_VALID}
        return render(request, "people/import_upload.html", context, status=400)
    job = start_import(
        request.user,
        token=staged["token"],
        filename=staged.get("name", ""),
        valid_only=valid_only,
        rows=int(staged.get("rows") or 0),
    )
    del request.session[SESSION_KEY]
    return redirect("jobs:job_detail", pk=job.pk)


@requires(Capability.EXPORT_PEOPLE)
@require_http_methods(["GET"])
@reads_from_replica
def person_export(request: HttpRequest) -> HttpResponseBase:
    """The filtered list as .xlsx, ID numbers masked; an audited export event."""
    try:
        exporter.check_rate(request.user)
    except exporter.TooManyExports as error:
        return render(request, "people/export_refused.html", {"message": str(error)}, status=429)
    large = offer(request, "people")  # above EXPORT_INLINE_MAX_ROWS: offered as a job
    if large is not None:
        return large
    file = exports.temporary()
    exporter.write_people(file, actor=request.user, filters=request.GET)
    return exports.download(file, exporter.FILENAME)
