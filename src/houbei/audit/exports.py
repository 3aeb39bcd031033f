"""The filtered audit log as CSV or xlsx, read in chunks and written row by row through
lib.exports (constant memory, decision record 0026)."""

from __future__ import annotations

import json
import operator
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction

from houbei.accounts.capabilities import Role
from houbei.accounts.types import Actor
from houbei.audit.catalogue import label
from houbei.audit.models import AuditEntry, AuditEntryQuerySet
from houbei.lib import exports

if TYPE_CHECKING:
    from houbei.jobs.exports import ExportKind

HEADERS = [
    "时间", "账号", "角色", "地址", "事件", "事件代码",
    "对象类型", "对象编号", "对象", "结果", "内容",
]  # fmt: skip
CHUNK = 2000
_ROLES = dict(Role.choices)


def row(entry: AuditEntry) -> list[str]:
    from django.utils import timezone

    return [
        timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"),
        entry.actor_username,
        _ROLES.get(entry.actor_role, entry.actor_role),
        entry.ip or "",
        label(entry.action),
        entry.action,
        entry.target_type,
        entry.target_id,
        entry.target_repr,
        entry.get_outcome_display(),
        json.dumps(entry.changes, ensure_ascii=False, default=str) if entry.changes else "",
    ]


def rows(entries: AuditEntryQuerySet) -> Iterator[list[str]]:
    for entry in exports.chunks(entries.order_by("-id"), CHUNK):
        yield row(entry)


WIDTHS = (20, 14, 10, 14, 18, 24, 14, 10, 24, 8, 60)
SHEET: exports.Sheet[list[str]] = exports.Sheet(
    "审计日志",
    [
        exports.Column(header, operator.itemgetter(index), width)
        for index, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True))
    ],
)


def write_audit_log(
    target: exports.Target,
    *,
    actor: Actor,
    filters: Mapping[str, Any],
    file_format: exports.FileFormat = "xlsx",
) -> int:
    """The log `actor` may read, filtered as the search page is (`filters`: its query), written
    to `target` as xlsx or csv; the export is itself an audit event, recorded first (so the file
    holds its own entry). Returns the rows."""
    entries = export_entries(actor, filters, file_format)
    return exports.write(target, SHEET, rows(entries), file_format=file_format)


def filtered(actor: Actor, filters: Mapping[str, Any]) -> tuple[Any, AuditEntryQuerySet]:
    """The filter form read from `filters`, and the entries of the log it selects."""
    from houbei.audit.filters import EntryFilterForm, apply_filters

    form = EntryFilterForm(filters)
    entries = AuditEntry.objects.visible_to(actor)
    return form, apply_filters(entries, form.cleaned_data) if form.is_valid() else entries.none()


def export_entries(
    actor: Actor, filters: Mapping[str, Any], file_format: str
) -> AuditEntryQuerySet:
    """The entries an export of the log holds, after its audit entry is recorded."""
    from houbei.audit import services

    form, entries = filtered(actor, filters)
    with transaction.atomic():
        services.record_export(
            actor, filters=form.cleaned_data if form.is_valid() else {}, file_format=file_format
        )
    return entries


def file_format_of(filters: Mapping[str, Any]) -> exports.FileFormat:
    return "xlsx" if filters.get("format") == "xlsx" else "csv"


def filename(file_format: str) -> str:
    from django.utils import timezone

    return f"审计日志-{timezone.localtime():%Y%m%d-%H%M%S}.{file_format}"


def export_kind() -> ExportKind:
    """The log as a background job's export (houbei.jobs.exports, decision 0031): the same
    filter and format as the search page's download. The count holds the export's own entry."""
    from houbei.accounts.capabilities import Capability
    from houbei.jobs.exports import ExportKind

    return ExportKind(
        name="audit_log",
        title="审计日志",
        capability=Capability.VIEW_AUDIT,
        action="audit.log.exported",
        count=lambda actor, filters, today: filtered(actor, filters)[1].count(),
        write=lambda target, actor, filters, today: write_audit_log(
            target, actor=actor, filters=filters, file_format=file_format_of(filters)
        ),
        filename=lambda filters, today: filename(file_format_of(filters)),
    )
