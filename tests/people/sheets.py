"""Spreadsheets for import tests: the template's headers, good rows, and ways to spoil one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import xlsxwriter

from houbei.lib.idnumber import make_id_number
from houbei.people.importer.columns import HEADERS

FIRST_DATA_ROW = 2  # Excel row number of the first person under the header


def id_number(i: int) -> str:
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=(i * 37) % 14000)
    return make_id_number(f"4107{(i // 1000) % 100:02d}", birth, i % 1000)


def person_row(i: int, village: str = "张屯村") -> list[Any]:
    """A valid row: 姓名 … 备注, in the template's order."""
    number = id_number(i)
    party = i % 3 == 0
    return [
        f"测试{i}",
        number,
        "",
        "",
        "汉族",
        "中共党员" if party else "群众",
        "1998.07" if party else "",
        ["大学本科毕业", "大专", "高中", "初中"][i % 4],
        "",
        f"138{i:08d}",
        village,
        "退役军人" if i % 5 == 0 else "",
        "健康",
        "",
    ]


def write_sheet(path: Path, rows: list[list[Any]], headers: tuple[str, ...] = HEADERS) -> Path:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("人员")
    sheet.write_row(0, 0, headers)
    for index, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(index, column, value)
            else:
                sheet.write(index, column, value)
    book.close()
    return path


def good_rows(count: int, village: str = "张屯村") -> list[list[Any]]:
    return [person_row(i, village) for i in range(count)]
