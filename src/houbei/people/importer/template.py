"""The downloadable template: Chinese headers, text-formatted ID and date columns, drop-down
lists for the coded columns, and a sheet explaining each column with the user's villages."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter

from houbei.people.columns import Kind
from houbei.people.importer.columns import COLUMNS
from houbei.people.models import Background

# Typed as text, so Excel keeps ID numbers, dates and codes as they are written.
TEXT_KINDS = (Kind.ID_NUMBER, Kind.DATE, Kind.MONTH, Kind.PHONE, Kind.VILLAGE)
TEXT_COLUMNS = {column.key for column in COLUMNS if column.kind in TEXT_KINDS}
WIDE_KINDS = (Kind.ID_NUMBER, Kind.LONG_TEXT, Kind.CHOICES)
# A drop-down list for each column of one coded value.
LISTS: dict[str, list[str]] = {
    column.key: list(column.labels().values())
    for column in COLUMNS
    if column.kind in (Kind.CODE, Kind.CHOICE)
}
DATA_ROWS = 2000
LISTS_SHEET = "代码表"


def _people_sheet(book: Any, lists_sheet: str) -> None:
    sheet = book.add_worksheet("人员")
    required = book.add_format({"bold": True, "font_color": "#b3261e", "bg_color": "#eef1f4"})
    optional = book.add_format({"bold": True, "bg_color": "#eef1f4"})
    text = book.add_format({"num_format": "@"})
    for index, column in enumerate(COLUMNS):
        sheet.write_string(0, index, column.header, required if column.required else optional)
        width = 22 if column.kind in WIDE_KINDS else 13
        sheet.set_column(index, index, width, text if column.key in TEXT_COLUMNS else None)
        if column.note:
            sheet.write_comment(0, index, column.note)
        if column.key in LISTS:
            _dropdown(sheet, index, lists_sheet, list(LISTS).index(column.key), column.key)
    sheet.freeze_panes(1, 0)


def _dropdown(sheet: Any, index: int, lists_sheet: str, list_column: int, key: str) -> None:
    letter = chr(ord("A") + list_column)
    size = len(LISTS[key])
    sheet.data_validation(
        1,
        index,
        DATA_ROWS,
        index,
        {
            "validate": "list",
            "source": f"='{lists_sheet}'!${letter}$1:${letter}${size}",
            "error_type": "warning",
            "error_message": "请从下拉列表中选择，或填写代码",
        },
    )


def _notes_sheet(book: Any, villages: list[tuple[str | None, str]]) -> None:
    sheet = book.add_worksheet("填写说明")
    bold = book.add_format({"bold": True})
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 1, 10)
    sheet.set_column(2, 2, 70)
    sheet.write_row(0, 0, ["列", "是否必填", "说明", "示例"], bold)
    for row, column in enumerate(COLUMNS, start=1):
        sheet.write_string(row, 0, column.header)
        sheet.write_string(row, 1, "必填" if column.required else "选填")
        sheet.write_string(row, 2, column.note)
        sheet.write_string(row, 3, column.example)
    row = len(COLUMNS) + 2
    backgrounds = "、".join(str(label) for _, label in Background.choices)
    sheet.write_string(row, 0, "构成类别可选", bold)
    sheet.write_string(row, 2, backgrounds)
    sheet.write_string(row + 1, 0, "重复导入", bold)
    sheet.write_string(
        row + 1, 2, "按公民身份号码更新已有人员，不会重复登记；空白单元格会清空该项。"
    )
    sheet.write_row(row + 3, 0, ["可填写的村", "", "区划代码"], bold)
    for offset, (code, name) in enumerate(villages, start=row + 4):
        sheet.write_string(offset, 0, name)
        sheet.write_string(offset, 2, code or "")


def _lists_sheet(book: Any) -> None:
    sheet = book.add_worksheet(LISTS_SHEET)
    for column, values in enumerate(LISTS.values()):
        for row, value in enumerate(values):
            sheet.write_string(row, column, value)
    sheet.hide()


def build_template(villages: list[tuple[str | None, str]]) -> bytes:
    """The template as .xlsx bytes; `villages` are (code, name) pairs the user may fill in."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    _people_sheet(book, LISTS_SHEET)
    _notes_sheet(book, villages)
    _lists_sheet(book)
    book.close()
    return buffer.getvalue()
