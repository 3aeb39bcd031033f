"""Workbooks as township offices fill the template, built by code (no real people): a merged
title over the header, 序号 and columns of their own, several sheets (an old list hidden, an
instructions sheet first), 出生年月 as year-month, pre-numbered empty rows and a signature
footer, names padded with full-width spaces (issue 12 §1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlsxwriter

from houbei.people.importer.columns import HEADERS
from tests.people.sheets import id_number, person_row

TITLE = "某某镇村级后备干部花名册"


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]  # every row from row 1, titles and header included
    hidden: bool = False
    merged_title: bool = False  # row 1 merged across the table, as offices do


@dataclass
class Book:
    sheets: list[Sheet] = field(default_factory=list)

    def save(self, path: Path) -> Path:
        book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
        date_format = book.add_format({"num_format": "yyyy-mm-dd"})
        for spec in self.sheets:
            sheet = book.add_worksheet(spec.name)
            for r, row in enumerate(spec.rows):
                for c, value in enumerate(row):
                    if isinstance(value, dt.date):
                        sheet.write_datetime(r, c, dt.datetime(*value.timetuple()[:3]), date_format)
                    elif isinstance(value, str):
                        sheet.write_string(r, c, value)
                    elif value is not None:
                        sheet.write(r, c, value)
            if spec.merged_title:
                sheet.merge_range(0, 0, 0, len(HEADERS), spec.rows[0][0])
            if spec.hidden:
                sheet.hide()
        visible = [i for i, spec in enumerate(self.sheets) if not spec.hidden]
        book.worksheets()[visible[0]].activate()
        book.close()
        return path


def numbered(rows: list[list[Any]], start: int = 1) -> list[list[Any]]:
    """序号 in front of each row, as offices number them."""
    return [[str(start + i), *row] for i, row in enumerate(rows)]


def roster(count: int, *, first: int = 0, village: str = "张屯村") -> list[list[Any]]:
    """The usual township sheet: title, a 填报单位 line, then the header with 序号 and 职务."""
    header = ["序号", *HEADERS, "现任职务"]
    people = [[*person_row(first + i, village), "村民"] for i in range(count)]
    return [[TITLE], ["填报单位：某某镇党委（盖章）"], header, *numbered(people)]


def footer() -> list[list[Any]]:
    return [["填表人：王某某", "", "审核人：李某某", "", "", "填表日期：2026年11月30日"]]


def born(i: int) -> dt.date:
    number = id_number(i)
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
