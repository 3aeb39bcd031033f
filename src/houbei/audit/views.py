from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.audit import exports
from houbei.audit.filters import EntryFilterForm, apply_filters
from houbei.audit.models import AuditEntry, AuditEntryQuerySet
from houbei.audit.ratelimit import rate_limited_export
from houbei.jobs.exports import offer
from houbei.lib import exports as lib_exports
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
def entry_export(request: HttpRequest) -> StreamingHttpResponse | FileResponse | HttpResponse:
    """The filtered log as CSV (streamed as it is read) or xlsx; the export itself is an audit
    event."""
    large = offer(request, "audit_log")  # above EXPORT_INLINE_MAX_ROWS: offered as a job
    if large is not None:
        return large
    kind = exports.file_format_of(request.GET)
    name = exports.filename(kind)
    if kind == "xlsx":
        file = lib_exports.temporary()
        exports.write_audit_log(file, actor=request.user, filters=request.GET)
        return lib_exports.download(file, name)
    entries = exports.export_entries(request.user, request.GET, kind)
    return lib_exports.streamed_csv(exports.SHEET, exports.rows(entries), name)
