"""Checking one spreadsheet row completely: every cell, then the cells against each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import call, itemgetter
from typing import Any

from houbei.lib.idnumber import IdNumber, cross_check
from houbei.people.importer.cells import (
    MEMO_SIZES,
    PARSERS,
    BirthMonth,
    Memo,
    Parser,
    id_number,
    party_date_fine,
    quick_id_number,
    safe_today,
)
from houbei.people.importer.columns import BY_KEY, column_letter
from houbei.people.importer.villages import VillageIndex
from houbei.people.rules import party_date_problem


@dataclass(frozen=True)
class Problem:
    row: int  # as Excel shows it
    column: str  # header and letter, e.g. "公民身份号码（B列）"; "" for the whole row
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" + (f" {self.column}" if self.column else "")
        return f"{where}：{self.message}"


@dataclass
class PersonRow:
    """A row that passed every check: model field values keyed by attribute name."""

    row: int
    id_number: IdNumber
    fields: dict[str, Any]


class RowChecker:
    """Checks rows against one file's columns and one importer's villages; remembers each ID
    number's first row, so a repeat further down is reported.

    It takes the shortcuts of `cells` (remembered cells, the usual ID number and party date
    read quickly) unless told `careful=True`; both accept and refuse the same rows, with the
    same values and messages (tests/people/test_import_shortcuts.py)."""

    def __init__(
        self,
        columns: dict[str, int],
        first_column: int,
        villages: VillageIndex,
        *,
        careful: bool = False,
    ) -> None:
        self.columns = columns
        self.careful = careful
        self.villages = villages
        self.where = {
            key: f"{BY_KEY[key].header}（{column_letter(first_column + index)}列）"
            for key, index in columns.items()
        }
        self.seen: dict[int, int] = {}  # compact ID number -> first row
        self.before = safe_today()
        self.keys = tuple(columns)
        self.parsers = tuple(self._parser(key) for key in self.keys)
        indexes = tuple(columns.values())
        self.cells: Callable[[list[Any]], tuple[Any, ...]] = (
            itemgetter(*indexes) if len(indexes) > 1 else lambda cells: (cells[indexes[0]],)
        )
        self.width = max(columns.values()) + 1

    def _parser(self, key: str) -> Parser:
        if self.careful:
            return self.villages.find if key == "village" else PARSERS[key]
        if key == "village":
            return Memo(self.villages.find, 4096).__getitem__
        if key == "id_number":
            before = self.before
            return lambda cell: quick_id_number(cell, before) or id_number(cell)
        if key in MEMO_SIZES:
            return Memo(PARSERS[key], MEMO_SIZES[key]).__getitem__
        return PARSERS[key]

    def check(self, row: int, cells: list[Any]) -> tuple[PersonRow | None, list[Problem]]:
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        try:
            values = dict(zip(self.keys, map(call, self.parsers, self.cells(cells)), strict=True))
        except ValueError:
            return None, self._problems(row, cells)
        repeat = self._repeat(row, values["id_number"])
        if repeat:
            return None, [repeat]
        problems = self._across(row, values)
        if problems:
            return None, problems
        return self._person_row(row, values), []

    def _problems(self, row: int, cells: list[Any]) -> list[Problem]:
        """Every cell's problem, in column order, and a repeated ID number after them."""
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for key, parse, cell in zip(self.keys, self.parsers, self.cells(cells), strict=True):
            try:
                values[key] = parse(cell)
            except ValueError as error:
                problems.append(Problem(row, self.where[key], str(error)))
        repeat = self._repeat(row, values.get("id_number"))
        return problems + ([repeat] if repeat else [])

    def _across(self, row: int, values: dict[str, Any]) -> list[Problem]:
        number: IdNumber = values["id_number"]
        problems = []
        if isinstance(values.get("birth_date"), BirthMonth):
            problems += self._birth_month(row, values.pop("birth_date"), number)
        birth, sex = values.get("birth_date"), values.get("sex")
        if self.careful or cross_check(number, birth_date=birth, sex=sex):
            for key in ("birth_date", "sex"):
                kwargs = {"birth_date": None, "sex": None, key: values.get(key)}
                found = cross_check(number, **kwargs)
                problems += [Problem(row, self.where[key], message) for message in found]
        values["birth_date"] = values.get("birth_date") or number.birth_date
        values["sex"] = values.get("sex") or number.sex
        status, joined = values["political_status"], values.get("party_joined_on")
        quick = not self.careful
        if quick and party_date_fine(status, joined, values["birth_date"], self.before):
            return problems
        party = party_date_problem(status, joined, values["birth_date"])
        if party:
            where = self.where.get("party_joined_on", "入党时间（无此列）")
            problems.append(Problem(row, where, party))
        return problems

    def _birth_month(self, row: int, month: BirthMonth, number: IdNumber) -> list[Problem]:
        """A year-month that agrees with the ID number gives way to its full date."""
        if month.agrees(number.birth_date):
            return []
        born = number.birth_date
        message = f"出生年月“{month.text}”与公民身份号码不符：号码中为{born.year}年{born.month}月"
        return [Problem(row, self.where["birth_date"], message)]

    def _repeat(self, row: int, number: IdNumber | None) -> Problem | None:
        if number is None:
            return None
        first = self.seen.setdefault(_compact(number.number), row)
        if first == row:
            return None
        message = f"与第{first}行的公民身份号码重复，同一人只能填写一行"
        return Problem(row, self.where["id_number"], message)

    def _person_row(self, row: int, values: dict[str, Any]) -> PersonRow:
        number = values.pop("id_number")
        values["village_id"] = values.pop("village")
        return PersonRow(row=row, id_number=number, fields=values)


def _compact(number: str) -> int:
    """An 18-character ID number as one int (the check character X as 10)."""
    return int(number[:17]) * 11 + "0123456789X".index(number[17])
