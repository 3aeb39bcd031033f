"""Checking one spreadsheet row completely: every cell, then the cells against each other."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from houbei.lib import codes
from houbei.lib.dates import parse_date
from houbei.lib.idnumber import IdNumber, cross_check, parse_id_number
from houbei.people.importer.columns import BY_KEY, column_letter
from houbei.people.importer.villages import VillageIndex
from houbei.people.rules import parse_backgrounds, parse_health, party_date_problem, phone_problem


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


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.date | dt.datetime):
        value = value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


def _limited(limit: int, label: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = _text(value)
        if len(text) > limit:
            raise ValueError(f"{label}不能超过{limit}字，当前{len(text)}字")
        return text

    return parse


def _name(value: Any) -> str:
    text = _limited(50, "姓名")(value)
    if not text:
        raise ValueError("姓名不能为空")
    return text


def _id_number(value: Any) -> IdNumber:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(
            "公民身份号码被存成了数字，末尾几位已丢失；请把该列设为“文本”格式后重新填写"
        )
    return parse_id_number(_text(value))


def _required_code(table: codes.CodeTable) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if not _text(value):
            raise ValueError(f"{table.name}不能为空，可填写代码或名称，如 {table.example[1]}")
        return table.parse(_text(value))

    return parse


def _optional_code(table: codes.CodeTable, default: str | None) -> Callable[[Any], str | None]:
    def parse(value: Any) -> str | None:
        return table.parse(_text(value)) if _text(value) else default

    return parse


def _date(allow_month: bool) -> Callable[[Any], dt.date | None]:
    def parse(value: Any) -> dt.date | None:
        if isinstance(value, str) and not value.strip():
            return None
        return parse_date(value, allow_month=allow_month)

    return parse


def _phone(value: Any) -> str:
    text = _text(value)
    problem = phone_problem(text)
    if problem:
        raise ValueError(problem)
    return text


PARSERS: dict[str, Callable[[Any], Any]] = {
    "name": _name,
    "id_number": _id_number,
    "sex": _optional_code(codes.SEX, None),
    "birth_date": _date(allow_month=False),
    "ethnicity": _optional_code(codes.ETHNICITY, "01"),
    "political_status": _required_code(codes.POLITICAL_STATUS),
    "party_joined_on": _date(allow_month=True),
    "education": _required_code(codes.EDUCATION),
    "major": _limited(100, "专业"),
    "phone": _phone,
    "backgrounds": lambda value: parse_backgrounds(_text(value)),
    "health": lambda value: parse_health(_text(value)),
    "notes": _limited(2000, "备注"),
}


class RowChecker:
    """Checks rows against one file's columns and one importer's villages; remembers each ID
    number's first row, so a repeat further down is reported."""

    def __init__(self, columns: dict[str, int], first_column: int, villages: VillageIndex) -> None:
        self.columns = columns
        self.villages = villages
        self.where = {
            key: f"{BY_KEY[key].header}（{column_letter(first_column + index)}列）"
            for key, index in columns.items()
        }
        self.seen: dict[int, int] = {}  # compact ID number -> first row

    def check(self, row: int, cells: list[Any]) -> tuple[PersonRow | None, list[Problem]]:
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for key, index in self.columns.items():
            cell = cells[index] if index < len(cells) else ""
            try:
                values[key] = self._parse(key, cell)
            except ValueError as error:
                problems.append(Problem(row, self.where[key], str(error)))
        repeat = self._repeat(row, values.get("id_number"))
        if repeat or problems:
            return None, problems + ([repeat] if repeat else [])
        problems = self._across(row, values)
        if problems:
            return None, problems
        return self._person_row(row, values), []

    def _parse(self, key: str, cell: Any) -> Any:
        if key == "village":
            return self.villages.find(cell)
        return PARSERS[key](cell)

    def _across(self, row: int, values: dict[str, Any]) -> list[Problem]:
        number: IdNumber = values["id_number"]
        problems = []
        for key in ("birth_date", "sex"):
            found = cross_check(number, **{"birth_date": None, "sex": None, key: values.get(key)})
            problems += [Problem(row, self.where[key], message) for message in found]
        values["birth_date"] = values.get("birth_date") or number.birth_date
        values["sex"] = values.get("sex") or number.sex
        status = values["political_status"]
        party = party_date_problem(status, values.get("party_joined_on"), values["birth_date"])
        if party:
            where = self.where.get("party_joined_on", "入党时间（无此列）")
            problems.append(Problem(row, where, party))
        return problems

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
