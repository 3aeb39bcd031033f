"""Every spreadsheet export opens its workbook and writes its cells here, so that text is
always written as text: a cell starting with `=`, `+`, `-` or `@` from user data (a problem
titled `=HYPERLINK(...)`) is a string in the file, never a formula or a link
(docs/security.md §2)."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from typing import IO, Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

# XlsxWriter turns strings into formulas, links and numbers by default; none of that here.
TEXT_AS_TEXT = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def new_workbook(target: str | IO[bytes], **options: Any) -> xlsxwriter.Workbook:
    """A workbook in constant-memory mode (unless `options` say otherwise) that writes text as
    text."""
    return xlsxwriter.Workbook(target, {"constant_memory": True, **options, **TEXT_AS_TEXT})


def write_cell(
    sheet: Worksheet, row: int, column: int, value: Any, cell_format: Format | None = None
) -> None:
    """Text as a string cell, numbers as numbers, nothing as a blank; never a formula."""
    if value is None:
        sheet.write_blank(row, column, None, cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value, cell_format)
    elif isinstance(value, int | float | decimal.Decimal):
        sheet.write_number(row, column, value, cell_format)
    elif isinstance(value, dt.datetime | dt.date):
        sheet.write_datetime(row, column, value, cell_format)
    else:
        sheet.write_string(row, column, str(value), cell_format)


def write_row(
    sheet: Worksheet, row: int, values: Iterable[Any], cell_format: Format | None = None
) -> None:
    for column, value in enumerate(values):
        write_cell(sheet, row, column, value, cell_format)
