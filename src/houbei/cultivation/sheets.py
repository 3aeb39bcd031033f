"""Reading a paper sheet typed into Excel: the attendance sheet (签到表, as exported) and the
test scores. The header row (with “姓名”) is found among the first rows; trainees are matched by
name, and by village where two share a name. Every problem is reported with its row number."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from python_calamine import CalamineError, CalamineWorkbook

from houbei.cultivation.models import AttendanceStatus, Trainee

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
    """Rows of the first sheet under its header, as text, for the headers wanted."""
    try:
        sheet = CalamineWorkbook.from_filelike(source).get_sheet_by_index(0)
    except (CalamineError, OSError, ValueError) as error:
        raise SheetProblem(["无法读取该文件，请确认是 Excel（.xlsx）表格且未加密"]) from error
    rows: Iterator[tuple[int, list[Any]]] = enumerate(sheet.to_python(), start=1)
    for number, cells in rows:
        headers = [_text(c) for c in cells]
        if "姓名" in headers:
            columns = {h: headers.index(h) for h in wanted if h in headers}
            return [
                Row(n, {h: _text(c[i]) if i < len(c) else "" for h, i in columns.items()})
                for n, c in rows
                if any(_text(cell) for cell in c)
            ]
        if number >= HEADER_SEARCH_ROWS:
            break
    raise SheetProblem([f"前{HEADER_SEARCH_ROWS}行中没有找到含“姓名”的表头"])


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
