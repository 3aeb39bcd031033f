"""Reading one cell: the careful parser of each column, which explains every mistake, and the
shortcuts the importer takes for the usual cell.

A shortcut only ever accepts what the careful code accepts, with the same value; whatever it is
unsure of goes to the careful code, which gives the message. So a row is rejected exactly when
the careful code rejects it (tests/people/test_import_shortcuts.py holds them to that)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from operator import mul
from typing import Any

from houbei.lib import codes
from houbei.lib.dates import parse_date
from houbei.lib.idnumber import (
    CHECK_MAP,
    EARLIEST_BIRTH,
    FEMALE,
    MALE,
    WEIGHTS,
    IdNumber,
    parse_id_number,
)
from houbei.people.columns import FREE_TEXT, Kind, PersonColumn
from houbei.people.importer.columns import COLUMNS
from houbei.people.rules import normalize_name, parse_choice, parse_choices, phone_problem

Parser = Callable[[Any], Any]


def _text(value: Any) -> str:
    if value.__class__ is str:
        return unicodedata.normalize("NFKC", value).strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.date | dt.datetime):
        value = value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


def _limited(limit: int, label: str, *, required: bool = False) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = _text(value)
        if len(text) > limit:
            raise ValueError(f"{label}不能超过{limit}字，当前{len(text)}字")
        if required and not text:
            raise ValueError(f"{label}不能为空")
        return text

    return parse


def _required(parse: Parser, label: str) -> Parser:
    def parse_filled(value: Any) -> Any:
        if not _text(value):
            raise ValueError(f"{label}不能为空")
        return parse(value)

    return parse_filled


_SCIENTIFIC = re.compile(r"[0-9](\.[0-9]+)?[eE]\+?[0-9]+")
_AS_TEXT = "请把该列设为“文本”格式后重新填写完整的18位号码"


def id_number(value: Any) -> IdNumber:
    if isinstance(value, int | float) and not isinstance(value, bool):
        shown = f"{value:.5E}" if value >= 1e11 else f"{value:.0f}"
        raise ValueError(f"公民身份号码被存成了数字（显示为 {shown}），末尾几位已丢失；{_AS_TEXT}")
    text = _text(value)
    if not text:
        raise ValueError("公民身份号码不能为空")
    if _SCIENTIFIC.fullmatch(text):
        raise ValueError(f"公民身份号码“{text}”是科学计数法，末尾几位已丢失；{_AS_TEXT}")
    return parse_id_number(text)


def _name(limit: int) -> Parser:
    """姓名: required, the padding removed (许　军 → 许军), at most `limit` characters."""

    def parse(value: Any) -> str:
        text = normalize_name(_text(value))
        if not text:
            raise ValueError("姓名不能为空")
        if len(text) > limit:
            raise ValueError(f"姓名不能超过{limit}字，当前{len(text)}字")
        return text

    return parse


@dataclass(frozen=True)
class BirthMonth:
    """出生年月 given as a year and month (1975-03, 1975.03, 1981年11月; a number cell 1975.1
    may mean January or October): accepted when the ID number's birth date falls in it, and
    the date is then taken from the number (issue 12 §1)."""

    text: str
    year: int
    months: frozenset[int]

    def agrees(self, birth: dt.date) -> bool:
        return birth.year == self.year and birth.month in self.months


def _birth_cell(value: Any) -> dt.date | BirthMonth | None:
    if isinstance(value, str) and not value.strip():
        return None
    try:
        return parse_date(value, allow_month=False)
    except ValueError:
        month = _birth_month(value)
        if month is None:
            raise
        return month


def _birth_month(value: Any) -> BirthMonth | None:
    if isinstance(value, float) and 1900 <= value < 2101 and not value.is_integer():
        year, fraction = repr(value).split(".")
        months = {int(fraction)} if len(fraction) == 2 else {int(fraction), int(fraction) * 10}
        months &= set(range(1, 13))
        return BirthMonth(repr(value), int(year), frozenset(months)) if months else None
    if not isinstance(value, str):
        return None
    try:
        first = parse_date(value, allow_month=True)
    except ValueError:
        return None
    return BirthMonth(_text(value), first.year, frozenset({first.month}))


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


def parser_for(column: PersonColumn) -> Parser:
    """The careful parser of a column's cells (the village's is the importer's VillageIndex)."""
    kind, label = column.kind, column.header
    if column.key == "name":
        assert column.max_length is not None
        return _name(column.max_length)
    if column.key == "birth_date":
        return _birth_cell
    if kind in FREE_TEXT:
        assert column.max_length is not None
        return _limited(column.max_length, label, required=column.required)
    if kind is Kind.CODE:
        assert column.codes is not None
        if column.required:
            return _required_code(column.codes)
        return _optional_code(column.codes, column.model_default())
    parse = _KIND_PARSERS[kind](column)
    return _required(parse, label) if column.required and kind is not Kind.ID_NUMBER else parse


def _choice(column: PersonColumn) -> Parser:
    assert column.choices is not None
    choices, blank = column.choices, column.model_default()
    return lambda value: parse_choice(_text(value), choices, name=column.header, blank=blank)


def _choices(column: PersonColumn) -> Parser:
    assert column.choices is not None
    choices = column.choices
    return lambda value: parse_choices(_text(value), choices, name=column.header)


_KIND_PARSERS: dict[Kind, Callable[[PersonColumn], Parser]] = {
    Kind.ID_NUMBER: lambda column: id_number,
    Kind.DATE: lambda column: _date(allow_month=False),
    Kind.MONTH: lambda column: _date(allow_month=True),
    Kind.PHONE: lambda column: _phone,
    Kind.CHOICE: _choice,
    Kind.CHOICES: _choices,
}
PARSERS: dict[str, Parser] = {
    column.key: parser_for(column) for column in COLUMNS if column.kind is not Kind.VILLAGE
}
# How many different cells of a column the importer remembers; columns not named here have
# nearly all cells different (or long ones), so remembering them would not pay.
MEMO_SIZES = {
    "sex": 64, "ethnicity": 256, "political_status": 256, "education": 512, "health": 64,
    "backgrounds": 1024, "party_joined_on": 4096, "birth_date": 1 << 14, "major": 4096,
    "notes": 256,
}  # fmt: skip


class Memo(dict[str, Any]):
    """A parser that depends on the cell alone, remembering its values for up to `size`
    different text cells: `memo[cell]` is a dictionary lookup once the cell has been seen.
    Other cells (numbers, dates: 1, 1.0 and True are equal keys) and cells the parser refuses
    are parsed again each time. Values are shared between rows: never change them."""

    def __init__(self, parse: Parser, size: int) -> None:
        super().__init__()
        self.parse = parse
        self.size = size

    def __missing__(self, cell: Any) -> Any:
        value = self.parse(cell)
        if cell.__class__ is str and len(self) < self.size:
            self[cell] = value
        return value


_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_ZEROS = ord("0") * sum(WEIGHTS)
_BIRTHS: dict[str, dt.date | None] = {}  # "19750308" -> its date (None: no such day)


def _birth(text: str) -> dt.date | None:
    birth = _BIRTHS.get(text)
    if birth is None and text not in _BIRTHS:
        try:
            birth = dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            birth = None
        if len(_BIRTHS) < 1 << 15:  # about 90 years of days
            _BIRTHS[text] = birth
    return birth


def quick_id_number(cell: Any, born_before: dt.date) -> IdNumber | None:
    """The usual ID number cell (18 characters as stored, nothing to clean, born before
    `born_before`, right check character), read without the careful checks; None otherwise."""
    if cell.__class__ is not str or not _ID_SHAPE.fullmatch(cell):
        return None
    birth = _birth(cell[6:14])
    if birth is None or not EARLIEST_BIRTH <= birth < born_before:
        return None
    if CHECK_MAP[(sum(map(mul, cell[:17].encode(), WEIGHTS)) - _ZEROS) % 11] != cell[17]:
        return None
    return IdNumber(number=cell, birth_date=birth, sex=MALE if cell[16] in "13579" else FEMALE)


_STATUS_CODES = frozenset(codes.POLITICAL_STATUS.codes)
_PARTY = frozenset({"01", "02"})  # codes.is_party_member
_MASSES = "13"


def party_date_fine(status: str, joined: dt.date | None, birth: dt.date, before: dt.date) -> bool:
    """True for the usual rows `party_date_problem` accepts (`before` is no later than today):
    a party member with a date after birth and before `before`, anyone else without a date."""
    if status not in _STATUS_CODES:
        return False
    if joined is None:
        return status not in _PARTY
    return status != _MASSES and birth < joined < before


def safe_today() -> dt.date:
    """A day no later than today anywhere (the shortcuts' bound for "not in the future")."""
    return dt.datetime.now(dt.UTC).date() - dt.timedelta(days=2)
