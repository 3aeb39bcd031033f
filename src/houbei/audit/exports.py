"""The filtered audit log as CSV or xlsx, streamed in chunks (constant memory)."""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from houbei.accounts.capabilities import Role
from houbei.audit.catalogue import label
from houbei.audit.models import AuditEntry, AuditEntryQuerySet

HEADERS = [
    "时间", "账号", "角色", "地址", "事件", "事件代码",
    "对象类型", "对象编号", "对象", "结果", "内容",
]  # fmt: skip
CHUNK = 2000
_ROLES = dict(Role.choices)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    for entry in entries.order_by("-id").iterator(chunk_size=CHUNK):
        yield row(entry)


def _defuse(value: str) -> str:
    """A cell a spreadsheet would run as a formula is written as text."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(data: Iterable[list[str]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(HEADERS)
    for values in data:
        yield writer.writerow([_defuse(v) for v in values])


def xlsx_file(data: Iterable[list[str]]) -> Any:
    """A temporary file holding the workbook (XlsxWriter's constant-memory mode)."""
    from houbei.lib.workbooks import new_workbook, write_cell

    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    book = new_workbook(handle, in_memory=False)
    sheet = book.add_worksheet("审计日志")
    bold = book.add_format({"bold": True})
    for col, title in enumerate(HEADERS):
        write_cell(sheet, 0, col, title, bold)
    for line, values in enumerate(data, start=1):
        for col, value in enumerate(values):
            write_cell(sheet, line, col, value)
    sheet.set_column(0, 0, 20)
    sheet.set_column(4, 4, 18)
    sheet.set_column(8, 8, 24)
    book.close()
    handle.seek(0)
    return handle
