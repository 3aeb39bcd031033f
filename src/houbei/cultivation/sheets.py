"""Reading a paper sheet typed into Excel: the attendance sheet (签到表, as exported) and the
test scores. The header row (with “姓名”) is found among the first rows; trainees are matched by
name, and by village where two share a name. Every problem is reported with its row number."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from houbei.cultivation.models import AttendanceStatus, Trainee
from houbei.lib.spreadsheet.limits import LIMITS
from houbei.lib.spreadsheet.sandbox import SafeWorkbook, SheetPreview, UnsafeFile

HEADER_SEARCH_ROWS = 10
STATUS_BY_LABEL = {str(label): str(value) for value, label in AttendanceStatus.choices}
STATUS_BY_LABEL |= {
    "√": "present",
    "✓": "present",
    "到": "present",
    "病假": "leave",
    "事假": "leave",
}


class SheetProblem(ValueError):
    """The sheet cannot be used; the messages are meant for the user."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("；".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Row:
    number: int  # as Excel shows it
    values: dict[str, str]  # header → text


def _text(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


def read_rows(source: IO[bytes], wanted: tuple[str, ...]) -> list[Row]:
    """Rows under the header of the first visible sheet that has one, as text, for the headers
    wanted. The workbook is read safely (houbei.lib.spreadsheet: checked first, parsed in a
    child process with limits)."""
    try:
        with SafeWorkbook(source.read(LIMITS.file_bytes + 1)) as book:
            for sheet in book.sheets:
                header = _header(sheet) if sheet.visible else None
                if header is not None:
                    return _rows(book, sheet, header, wanted)
    except UnsafeFile as error:
        raise SheetProblem([str(error)]) from error
    raise SheetProblem([f"前{HEADER_SEARCH_ROWS}行中没有找到含“姓名”的表头"])


def _header(sheet: SheetPreview) -> tuple[int, list[str]] | None:
    for offset, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        headers = [_text(c) for c in cells]
        if "姓名" in headers:
            return sheet.first_row + offset, headers
    return None


def _rows(
    book: SafeWorkbook, sheet: SheetPreview, header: tuple[int, list[str]], wanted: tuple[str, ...]
) -> list[Row]:
    number, headers = header
    columns = {h: headers.index(h) for h in wanted if h in headers}
    return [
        Row(n, {h: _text(c[i]) if i < len(c) else "" for h, i in columns.items()})
        for n, c in book.rows(sheet)
        if n > number and any(_text(cell) for cell in c)
    ]


def match(row: Row, trainees: list[Trainee]) -> Trainee | str:
    """The row's trainee, or why there is none."""
    name, village = row.values.get("姓名", ""), row.values.get("村", "")
    found = [t for t in trainees if t.person.name == name]
    if village:
        found = [t for t in found if t.village.name == village]
    if not found:
        return f"第 {row.number} 行：学员名单中没有“{name}”{f'（{village}）' if village else ''}"
    if len(found) > 1:
        return f"第 {row.number} 行：有 {len(found)} 名学员叫“{name}”，请填写“村”列"
    return found[0]


def status_of(row: Row) -> str | None:
    return STATUS_BY_LABEL.get(row.values.get("出勤情况", "").replace(" ", ""))


def score_of(row: Row) -> Decimal | None:
    text = row.values.get("成绩") or row.values.get("测试成绩") or ""
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return None
