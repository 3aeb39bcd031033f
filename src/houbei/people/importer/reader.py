"""Reading the first sheet of an .xlsx with python-calamine, one row at a time."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from python_calamine import CalamineError, CalamineWorkbook

from houbei.people.importer.columns import BY_KEY, COLUMNS, HEADER_KEYS, normalize_header

HEADER_SEARCH_ROWS = 10
Cells = list[Any]


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message is meant for the user."""


@dataclass
class Sheet:
    columns: dict[str, int]  # column key -> index in the row
    first_column: int  # 0 for column A: rows start there
    rows: Iterator[tuple[int, Cells]]  # (row number as Excel shows it, cells)


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


def _check_required(columns: dict[str, int]) -> None:
    missing = [c.header for c in COLUMNS if c.required and c.key not in columns]
    if missing:
        raise FileProblem(
            f"表头缺少必填列：{'、'.join(missing)}。请使用下载的模板，表头放在前{HEADER_SEARCH_ROWS}行内"
        )


def _open(source: str | IO[bytes]) -> Any:
    try:
        workbook = CalamineWorkbook.from_object(source)
        return workbook.get_sheet_by_index(0)
    except (CalamineError, OSError, ValueError) as error:
        raise FileProblem("无法读取该文件，请确认是 Excel（.xlsx）表格且未加密") from error


def open_sheet(source: str | IO[bytes]) -> Sheet:
    """Finds the header among the first rows; the data rows follow it, blank rows skipped."""
    sheet = _open(source)
    top, left = sheet.start or (0, 0)
    rows = enumerate(sheet.iter_rows(), start=top + 1)
    for number, cells in rows:
        columns = _header_columns(cells)
        if "name" in columns and len(columns) >= 2:
            _check_required(columns)
            return Sheet(columns=columns, first_column=left, rows=_filled(rows))
        if number >= top + HEADER_SEARCH_ROWS:
            break
    raise FileProblem(
        f"前{HEADER_SEARCH_ROWS}行中没有找到表头（须含“姓名”“公民身份号码”等列），请使用下载的模板"
    )
