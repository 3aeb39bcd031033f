"""Reading the people sheet of a workbook safely (houbei.lib.spreadsheet: checked, parsed in a
child process with limits, rows streamed), choosing the sheet as an officer would.

The sheet read is the visible one whose first rows hold the recognised header (姓名 and at least
one more column); never a hidden one. Several such sheets: the user chooses (SheetChoice).
Title rows above the header and columns the importer does not know are reported, not refused
(docs/decisions/0013-safe-reading.md)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any

from houbei.lib.spreadsheet.limits import LIMITS
from houbei.lib.spreadsheet.precheck import UnsafeFile
from houbei.lib.spreadsheet.sandbox import PREVIEW_ROWS, SafeWorkbook, SheetPreview
from houbei.people.importer.columns import (
    BY_KEY,
    COLUMNS,
    HEADER_KEYS,
    column_letter,
    normalize_header,
)

HEADER_SEARCH_ROWS = PREVIEW_ROWS
Cells = list[Any]


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message is meant for the user."""


class SheetChoice(FileProblem):
    """More than one visible sheet holds the people header: the user names one."""

    def __init__(self, names: list[str]) -> None:
        quoted = "、".join(f"“{name}”" for name in names)
        super().__init__(
            f"工作簿中有{len(names)}个工作表都像人员名单：{quoted}。请选择要导入的工作表"
        )
        self.names = names


@dataclass
class Sheet:
    name: str
    header_row: int  # as Excel shows it
    columns: dict[str, int]  # column key -> index in the row
    first_column: int  # 0 for column A: rows start there
    rows: Iterator[tuple[int, Cells]]  # (row number as Excel shows it, cells), blanks skipped
    ignored: list[str] = field(default_factory=list)  # headers not known, with their letter
    sheet_names: list[str] = field(default_factory=list)  # every visible sheet
    sha256: str = ""  # of the file as uploaded (the import's audit entry holds it)


@dataclass
class _Found:
    preview: SheetPreview
    header_row: int
    columns: dict[str, int]
    ignored: list[str]


def _is_blank(cells: Cells) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _filled(rows: Iterator[tuple[int, Cells]]) -> Iterator[tuple[int, Cells]]:
    """The rows that are not blank (a row whose first cell starts with a character is not)."""
    for number, cells in rows:
        first = cells[0] if cells else None
        if (isinstance(first, str) and first[:1].strip()) or not _is_blank(cells):
            yield number, cells


def _header_columns(cells: Cells) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = HEADER_KEYS.get(normalize_header(cell)) if isinstance(cell, str) else None
        if key is None:
            continue
        if key in columns:
            raise FileProblem(f"表头中“{BY_KEY[key].header}”出现了两次，请删去一列")
        columns[key] = index
    return columns


def _ignored(cells: Cells, columns: dict[str, int], first_column: int) -> list[str]:
    known = set(columns.values())
    return [
        f"{str(cell).strip()}（{column_letter(first_column + index)}列）"
        for index, cell in enumerate(cells)
        if index not in known and cell not in (None, "") and str(cell).strip()
    ]


def _check_required(columns: dict[str, int], sheet: str) -> None:
    missing = [c.header for c in COLUMNS if c.required and c.key not in columns]
    if missing:
        raise FileProblem(
            f"工作表“{sheet}”的表头缺少必填列：{'、'.join(missing)}。请使用下载的模板，"
            f"表头放在前{HEADER_SEARCH_ROWS}行内"
        )


def _find_header(preview: SheetPreview) -> _Found | None:
    for offset, cells in enumerate(preview.rows):
        columns = _header_columns(cells)
        if "name" in columns and len(columns) >= 2:
            ignored = _ignored(cells, columns, preview.first_column)
            return _Found(preview, preview.first_row + offset, columns, ignored)
    return None


def _choose(sheets: list[SheetPreview], wanted: str | None) -> _Found:
    visible = [sheet for sheet in sheets if sheet.visible]
    if wanted:
        chosen = [sheet for sheet in visible if sheet.name == wanted]
        if not chosen:
            raise FileProblem(f"工作簿中没有名为“{wanted}”的可见工作表")
        visible = chosen
    found = [hit for hit in map(_find_header, visible) if hit is not None]
    if len(found) > 1:
        raise SheetChoice([hit.preview.name for hit in found])
    if found:
        _check_required(found[0].columns, found[0].preview.name)
        return found[0]
    hidden = [sheet.name for sheet in sheets if not sheet.visible and _find_header(sheet)]
    if hidden and not wanted:
        raise FileProblem(
            f"人员名单只在隐藏的工作表“{hidden[0]}”中；隐藏的工作表不会导入，"
            "如确要导入，请在 Excel 中取消隐藏后重新上传"
        )
    names = "、".join(f"“{sheet.name}”" for sheet in visible) or "（无）"
    raise FileProblem(
        f"在工作表{names}的前{HEADER_SEARCH_ROWS}行中都没有找到表头"
        "（须含“姓名”“公民身份号码”等列），请使用下载的模板"
    )


def _read(source: str | IO[bytes]) -> bytes:
    if isinstance(source, str):
        if os.path.getsize(source) > LIMITS.file_bytes:
            raise FileProblem(f"文件超过{LIMITS.file_bytes >> 20}MB，请分成几个文件导入")
        with open(source, "rb") as file:
            return file.read()
    data = source.read(LIMITS.file_bytes + 1)
    return data if isinstance(data, bytes) else bytes(data)


def _guarded(rows: Iterator[tuple[int, Cells]], after: int) -> Iterator[tuple[int, Cells]]:
    """Rows below the header; a child that dies midway is the user's FileProblem."""
    try:
        for number, cells in rows:
            if number > after:
                yield number, cells
    except UnsafeFile as error:
        raise FileProblem(str(error)) from error


@contextmanager
def open_sheet(source: str | IO[bytes], *, sheet_name: str | None = None) -> Iterator[Sheet]:
    """The people sheet of the workbook, its data rows streamed below the header; the parsing
    child ends when the block does."""
    data = _read(source)
    try:
        book = SafeWorkbook(data)
    except UnsafeFile as error:
        raise FileProblem(str(error)) from error
    with book:
        hit = _choose(book.sheets, sheet_name)
        preview = hit.preview
        yield Sheet(
            name=preview.name,
            header_row=hit.header_row,
            columns=hit.columns,
            first_column=preview.first_column,
            rows=_filled(_guarded(book.rows(preview), hit.header_row)),
            ignored=hit.ignored,
            sheet_names=[sheet.name for sheet in book.sheets if sheet.visible],
            sha256=hashlib.sha256(data).hexdigest(),
        )
