from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.audit import exports, services
from houbei.audit.filters import EntryFilterForm, apply_filters
from houbei.audit.models import AuditEntry, AuditEntryQuerySet
from houbei.audit.ratelimit import rate_limited_export
from houbei.lib.paging import keyset_page


def _filtered(request: HttpRequest) -> tuple[EntryFilterForm, AuditEntryQuerySet]:
    form = EntryFilterForm(request.GET)
    entries = AuditEntry.objects.visible_to(request.user)
    if form.is_valid():
        return form, apply_filters(entries, form.cleaned_data)
    return form, entries.none()


@requires(Capability.VIEW_AUDIT)
@require_GET
def entry_list(request: HttpRequest) -> HttpResponse:
    """Search the log by account, object, event kind and time."""
    form, entries = _filtered(request)
    page = keyset_page(entries, keys=("-id",), token=request.GET.get("after"))
    query = request.GET.copy()
    query.pop("after", None)
    context = {"page": page, "form": form, "query": query.urlencode()}
    return render(request, "audit/entry_list.html", context)


@requires(Capability.VIEW_AUDIT)
@require_GET
@rate_limited_export("audit.log.exported")
def entry_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse | FileResponse:
    """The filtered log as CSV or xlsx; the export itself is an audit event."""
    form, entries = _filtered(request)
    kind = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    services.record_export(
        request.user, filters=form.cleaned_data if form.is_valid() else {}, file_format=kind
    )
    name = f"audit-{timezone.localtime():%Y%m%d-%H%M%S}.{kind}"
    if kind == "xlsx":
        handle = exports.xlsx_file(exports.rows(entries))
        return FileResponse(handle, as_attachment=True, filename=name)
    response = StreamingHttpResponse(
        exports.csv_chunks(exports.rows(entries)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
