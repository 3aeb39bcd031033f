"""Every list export is written here: a declared sheet (columns with a Chinese header, a value
getter, a width and a number format) and an iterator of rows, written row by row as the rows are
read from the database, to a file on disk (decision record 0026, docs/performance.md G2).

- xlsx through XlsxWriter in constant-memory mode, csv through the csv module: one row in memory
  at a time, whatever the number of rows; the caller passes rows from `chunks(queryset)` (the
  database is read in chunks, never into a list of every row).
- Text is always text (lib.workbooks.TEXT_AS_TEXT): a cell starting with `=`, `+`, `-` or `@`
  is a string in the xlsx file, and is prefixed with `'` in csv, never a formula.
- The target is a path or an open binary file, so a background job writes to a path and a view
  to a temporary file it hands to `download` (FileResponse; the file vanishes when closed);
  `streamed_csv` streams csv straight to the browser.

Each area keeps its own `write_<thing>(target, *, actor, …) -> rows` that scopes, writes through
`write` and records the export's audit entry: lib imports no app.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import IO, Any, Generic, Literal, TypeVar

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from houbei.lib.workbooks import new_workbook

R = TypeVar("R")
Target = str | os.PathLike[str] | IO[bytes]
FileFormat = Literal["xlsx", "csv"]

CHUNK = 2000  # rows a database round trip fetches; at most one chunk is held at a time
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"
# A spreadsheet runs a csv cell starting with one of these as a formula (docs/security.md §2).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its Chinese header, how a row gives its value, its width in characters and
    an xlsx number format for the whole column ("" for none; dates get yyyy-mm-dd by default;
    "@" makes what a user types into a template's column text)."""

    header: str
    value: Callable[[R], Any]
    width: float = 12
    number_format: str = ""


@dataclass(frozen=True)
class Sheet(Generic[R]):
    """What an export writes: the sheet's name, its columns, an optional title line above the
    headers, and the sheet's furnishings (frozen headers, an autofilter, and `finish`, called
    with the worksheet and the number of rows after the last row, for validations and such)."""

    name: str
    columns: Sequence[Column[R]]
    title: str = ""
    header_format: dict[str, Any] = field(default_factory=lambda: {"bold": True})
    freeze: bool = True
    autofilter: bool = False
    finish: Callable[[Worksheet, int], None] | None = None

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    @property
    def header_row(self) -> int:
        return 1 if self.title else 0


# Who hears how many rows were written (a background job's progress bar): set by `reporting`.
_listener: ContextVar[Callable[[int], None] | None] = ContextVar("export_listener", default=None)


@contextmanager
def reporting(listener: Callable[[int], None]) -> Iterator[None]:
    """While the block runs, every write calls `listener(rows written)` after each `CHUNK` rows
    (a job's progress; the export functions need not know they run in a job)."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def _counting(rows: Iterable[R]) -> Iterator[R]:
    """The rows; the listener, if any, told the count after each CHUNK of them."""
    listener = _listener.get()
    if listener is None:
        yield from rows
        return
    count = 0
    for count, row in enumerate(rows, start=1):
        yield row
        if count % CHUNK == 0:
            listener(count)


def chunks(rows: QuerySet[Any], chunk_size: int = CHUNK) -> Iterator[Any]:
    """The queryset's rows, fetched `chunk_size` at a time (a server-side cursor on
    PostgreSQL), never all at once."""
    return rows.iterator(chunk_size=chunk_size)


def write(
    target: Target, sheet: Sheet[R], rows: Iterable[R], *, file_format: FileFormat = "xlsx"
) -> int:
    """Writes the rows to `target` as `file_format`; returns how many rows were written."""
    if file_format == "csv":
        return write_csv(target, sheet, rows)
    return write_xlsx(target, sheet, rows)


def write_xlsx(target: Target, sheet: Sheet[R], rows: Iterable[R]) -> int:
    """The rows as an xlsx workbook, written row by row (XlsxWriter's constant-memory mode)."""
    book = new_workbook(_xlsx_target(target))
    page = book.add_worksheet(sheet.name)
    header = book.add_format(sheet.header_format)
    formats = _formats(book, sheet)
    if sheet.title:
        page.write_string(0, 0, sheet.title, book.add_format({"bold": True, "font_size": 14}))
    top = sheet.header_row
    for index, column in enumerate(sheet.columns):
        page.set_column(index, index, column.width, formats[index])
        page.write_string(top, index, column.header, header)
    getters = [column.value for column in sheet.columns]
    date, stamp = book.add_format({"num_format": DATE}), book.add_format({"num_format": DATETIME})
    count = 0
    for count, row in enumerate(_counting(rows), start=1):
        line = top + count
        for index, get in enumerate(getters):
            _cell(page, line, index, get(row), formats[index], date, stamp)
    if sheet.freeze:
        page.freeze_panes(top + 1, 0)
    if sheet.autofilter:
        page.autofilter(top, 0, top + max(count, 1), len(getters) - 1)
    if sheet.finish is not None:
        sheet.finish(page, count)
    book.close()
    return count


def _xlsx_target(target: Target) -> str | IO[bytes]:
    return os.fspath(target) if isinstance(target, str | os.PathLike) else target


def _formats(book: Any, sheet: Sheet[Any]) -> list[Format | None]:
    made: dict[str, Format] = {}
    for column in sheet.columns:
        if column.number_format and column.number_format not in made:
            made[column.number_format] = book.add_format({"num_format": column.number_format})
    return [made.get(column.number_format) for column in sheet.columns]


def _cell(
    page: Worksheet,
    row: int,
    column: int,
    value: Any,
    cell_format: Format | None,
    date: Format,
    stamp: Format,
) -> None:
    """As lib.workbooks.write_cell (text as a string cell, never a formula), dates with a date
    format unless the column has its own."""
    if value is None or value == "":
        if cell_format is not None:
            page.write_blank(row, column, None, cell_format)
    elif isinstance(value, str):
        page.write_string(row, column, value, cell_format)
    elif isinstance(value, bool):
        page.write_boolean(row, column, value, cell_format)
    elif isinstance(value, int | float | decimal.Decimal):
        page.write_number(row, column, value, cell_format)
    elif isinstance(value, dt.datetime):
        plain = value.replace(tzinfo=None) if value.tzinfo else value
        page.write_datetime(row, column, plain, cell_format or stamp)
    elif isinstance(value, dt.date):
        page.write_datetime(row, column, value, cell_format or date)
    else:
        page.write_string(row, column, str(value), cell_format)


# csv ------------------------------------------------------------------------------------------


def csv_text(value: Any) -> str:
    """A cell as csv text: dates in ISO form, a would-be formula prefixed with `'`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(sheet: Sheet[R], rows: Iterable[R]) -> Iterator[bytes]:
    """The csv file line by line as UTF-8 with a byte-order mark (so Excel and WPS read the
    Chinese), the title line (if any) and the headers first."""
    writer = csv.writer(_Echo())
    lines = [[sheet.title], sheet.headers] if sheet.title else [sheet.headers]
    yield ("\ufeff" + "".join(writer.writerow(line) for line in lines)).encode()
    getters = [column.value for column in sheet.columns]
    for row in rows:
        yield writer.writerow([csv_text(get(row)) for get in getters]).encode()


def write_csv(target: Target, sheet: Sheet[R], rows: Iterable[R]) -> int:
    """The rows as csv, written to `target` line by line; returns how many rows."""
    counted = _Counted(_counting(rows))
    if isinstance(target, str | os.PathLike):
        with open(target, "wb") as file:
            file.writelines(csv_lines(sheet, counted))
    else:
        target.writelines(csv_lines(sheet, counted))
    return counted.count


class _Counted(Generic[R]):
    """An iterable that counts the rows taken from it."""

    def __init__(self, rows: Iterable[R]) -> None:
        self.rows, self.count = rows, 0

    def __iter__(self) -> Iterator[R]:
        for row in self.rows:
            self.count += 1
            yield row


# Downloads ------------------------------------------------------------------------------------


def temporary(file_format: FileFormat = "xlsx") -> IO[bytes]:
    """A file on disk to write an export to; it is deleted when closed (FileResponse closes
    it once sent)."""
    return tempfile.TemporaryFile(suffix=f".{file_format}")  # noqa: SIM115 - closed by the caller


def disposition(filename: str) -> str:
    """`attachment` with the (Chinese) file name in both forms of RFC 6266 / RFC 5987."""
    return content_disposition_header(True, filename) or "attachment"


def download(file: IO[bytes], filename: str, file_format: FileFormat = "xlsx") -> FileResponse:
    """The written file as a download, from its start, with its Chinese name."""
    file.seek(0)
    response = FileResponse(file, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = disposition(filename)
    response["Cache-Control"] = "no-store"
    return response


def streamed_csv(sheet: Sheet[R], rows: Iterable[R], filename: str) -> StreamingHttpResponse:
    """The rows as csv streamed to the browser as they are read (nothing kept on disk)."""
    response = StreamingHttpResponse(csv_lines(sheet, rows), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = disposition(filename)
    response["Cache-Control"] = "no-store"
    return response
