"""Documents to print and send: each download scoped (404 outside the reader's region),
rate-limited like every export and audited with the people it held."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.audit.ratelimit import rate_limited_export
from houbei.documents import services
from houbei.documents.fonts import FontMissing
from houbei.documents.forms import BatchForm, BriefingForm, LrmxUploadForm
from houbei.documents.lrmx import LrmxError
from houbei.documents.registration import Form, forms_for
from houbei.documents.tasks import start_batch
from houbei.people.models import Person
from houbei.regions.models import Region

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"docx": DOCX, "pdf": "application/pdf", "lrmx": "application/xml"}


def _download(content: bytes, filename: str, kind: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    return response


def _form_of(request: HttpRequest, pk: int) -> Form:
    """The person's form, or 404 when the person is outside the reader's scope."""
    people = Person.objects.visible_to(request.user).filter(pk=pk)
    found = forms_for(people)
    if not found:
        raise Http404("没有找到该人员")
    return found[0]


def _page(request: HttpRequest, batch: BatchForm | None = None, status: int = 200) -> HttpResponse:
    context = {
        "batch": batch or BatchForm(user=request.user),
        "batch_job_form": BatchForm(user=request.user, prefix="job"),
        "briefing": BriefingForm(user=request.user),
        "limit": services.batch_limit(),
    }
    return render(request, "documents/index.html", context, status=status)


@requires(Capability.EXPORT_PEOPLE)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return _page(request)


@requires(Capability.EXPORT_PEOPLE)
@require_GET
@rate_limited_export(services.REGISTRATION)
def registration(request: HttpRequest, pk: int) -> HttpResponse:
    form = _form_of(request, pk)
    content = services.export_registration(form, actor=request.user, today=timezone.localdate())
    return _download(content, form.filename, "docx")


@requires(Capability.EXPORT_PEOPLE)
@require_GET
@rate_limited_export(services.BATCH)
def batch(request: HttpRequest) -> HttpResponseBase:
    form = BatchForm(request.GET, user=request.user)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        file, _ = services.export_batch(
            form.people(),
            actor=request.user,
            filters=form.described(),
            today=timezone.localdate(),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, form)
    name = f"后备干部登记表-{timezone.localdate():%Y%m%d}.zip"
    return FileResponse(file, as_attachment=True, filename=name, content_type="application/zip")


@requires(Capability.EXPORT_PEOPLE)
@require_POST
@rate_limited_export(services.BATCH)
def batch_job(request: HttpRequest) -> HttpResponseBase:
    """The same batch, made by a background job (a large selection): its page shows the
    progress and offers the zip."""
    form = BatchForm(request.POST, user=request.user, prefix="job")
    if not form.is_valid():
        return _page(request, status=400)
    data = form.cleaned_data
    params = {
        "village": str(data["village"].pk) if data.get("village") else "",
        "stage": data.get("stage") or "",
    }
    job = start_batch(request.user, params)
    return redirect("jobs:job_detail", pk=job.pk)


def _briefing_region(request: HttpRequest) -> Region:
    form = BriefingForm(request.GET, user=request.user)
    if form.is_valid() and form.cleaned_data.get("region"):
        return form.cleaned_data["region"]  # type: ignore[no-any-return]
    region = getattr(request.user, "region", None)
    if region is None:
        raise Http404("没有辖区")
    return region  # type: ignore[no-any-return]


def _briefing(request: HttpRequest, kind: str) -> HttpResponse:
    region = _briefing_region(request)
    scope = Region.objects.visible_to(request.user).villages().current()
    villages = scope.filter(pk__in=Region.objects.under(region).villages().values("pk"))
    try:
        content = services.export_briefing(
            region, villages, kind=kind, actor=request.user, today=timezone.localdate()
        )
    except FontMissing as error:
        messages.error(request, str(error))
        return redirect("documents:index")
    week = timezone.localdate().isocalendar()
    return _download(content, f"{region.name}选情研判周报-{week[0]}年第{week[1]}周.{kind}", kind)


@requires(Capability.VIEW_DASHBOARD, Capability.EXPORT_PEOPLE)
@require_GET
@rate_limited_export(services.BRIEFING)
def briefing_docx(request: HttpRequest) -> HttpResponse:
    return _briefing(request, "docx")


@requires(Capability.VIEW_DASHBOARD, Capability.EXPORT_PEOPLE)
@require_GET
@rate_limited_export(services.BRIEFING)
def briefing_pdf(request: HttpRequest) -> HttpResponse:
    return _briefing(request, "pdf")


@requires(Capability.EXPORT_PEOPLE, Capability.REVEAL_ID_NUMBER)
@require_GET
@rate_limited_export(services.LRMX_EXPORT)
def lrmx_export(request: HttpRequest, pk: int) -> HttpResponse:
    form = _form_of(request, pk)
    content = services.export_lrmx(form, actor=request.user, today=timezone.localdate())
    return _download(content, f"干部任免审批表-{form.person.name}.lrmx", "lrmx")


@requires(Capability.IMPORT_PEOPLE, Capability.EDIT_PEOPLE)
@require_http_methods(["GET", "POST"])
def lrmx_import(request: HttpRequest) -> HttpResponse:
    form = LrmxUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method != "POST" or not form.is_valid():
        return render(request, "documents/lrmx_import.html", {"form": form})
    upload = form.cleaned_data["file"]
    try:
        person, created = services.import_lrmx(
            upload.read(),
            filename=upload.name or "",
            village=form.cleaned_data["village"],
            visible=Person.objects.visible_to(request.user),
            actor=request.user,
        )
    except LrmxError as error:
        form.add_error("file", str(error))
        return render(request, "documents/lrmx_import.html", {"form": form})
    verb = "新建" if created else "更新"
    messages.success(request, f"已从任免审批表{verb}人员：{person.name}。")
    return redirect("people:person_detail", pk=person.pk)
