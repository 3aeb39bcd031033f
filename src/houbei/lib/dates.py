"""Dates as people type them and as spreadsheets hold them."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

EXCEL_EPOCH = date(1899, 12, 30)  # serial 61 and later; serial 60 is Excel's fake 1900-02-29
EXCEL_LEAP_BUG = 60
EXCEL_MAX_SERIAL = 2958465  # 9999-12-31

_TIME_SUFFIX = re.compile(r"[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_DAY_PATTERNS = (
    re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"),
    re.compile(r"(\d{4})()(\d{2})(\d{2})"),
    re.compile(r"(\d{4})(年)(\d{1,2})月(\d{1,2})日?"),
)
_MONTH_PATTERNS = (
    re.compile(r"(\d{4})[-/.](\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})"),
    re.compile(r"(\d{4})年(\d{1,2})月?"),
)


class DateError(ValueError):
    """A value that is not a date; the message is meant for the user."""


def parse_date(value: object, *, allow_month: bool = False) -> date:
    """Read a date from a date object, an Excel serial number or typed text.

    With allow_month, year-month forms ("1975.3", "1975-03", "1975年3月", "197503")
    are accepted and mean the first of that month.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_number(value, allow_month)
    if isinstance(value, str):
        return _from_text(value, allow_month)
    raise _error(value, allow_month)


def _error(value: object, allow_month: bool) -> DateError:
    text = str(value).strip()
    example = (
        "1975-03-08、1975年3月8日 或 1975年3月" if allow_month else "1975-03-08 或 1975年3月8日"
    )
    return DateError(f"日期“{text}”无法识别，请按 {example} 的格式填写")


def _from_number(value: float, allow_month: bool) -> date:
    if value != value or value in (float("inf"), float("-inf")):
        raise _error(value, allow_month)
    whole = int(value)
    if 10_000_000 <= whole <= 99_999_999 and whole == value:
        return _from_text(str(whole), allow_month)  # 19750308 typed into a number cell
    if 1900 <= whole <= 2100:
        raise DateError(
            f"日期“{value}”像是年份或年.月（如 1975.1 可能是1月也可能是10月），"
            "请把单元格设为文本后按 1975-03-08 的格式填写"
        )
    return _from_serial(whole, value, allow_month)


def _from_serial(whole: int, value: float, allow_month: bool) -> date:
    if whole < 1 or whole > EXCEL_MAX_SERIAL or whole == EXCEL_LEAP_BUG:
        raise _error(value, allow_month)
    if whole < EXCEL_LEAP_BUG:
        return EXCEL_EPOCH + timedelta(days=whole + 1)
    return EXCEL_EPOCH + timedelta(days=whole)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    text = _TIME_SUFFIX.sub("", text)
    return re.sub(r"\s+", "", text)


def _from_text(raw: str, allow_month: bool) -> date:
    text = _clean(raw)
    for pattern in _DAY_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            year, _, month, day = match.groups()
            return _build(raw, allow_month, year, month, day)
    if allow_month:
        for pattern in _MONTH_PATTERNS:
            match = pattern.fullmatch(text)
            if match:
                year, month = match.groups()
                return _build(raw, allow_month, year, month, "1")
    raise _error(raw, allow_month)


def _build(raw: str, allow_month: bool, year: str, month: str, day: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        pass
    if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
        raise DateError(f"日期“{raw.strip()}”不存在：{int(year)}年{int(month)}月没有{int(day)}日")
    raise _error(raw, allow_month)


def age_on(birth: date, on: date) -> int:
    """Age in full years on a day. Someone born on 29 February turns a year older
    on 1 March in common years."""
    if on < birth:
        raise DateError("计算年龄的日期早于出生日期")
    before_birthday = (on.month, on.day) < (birth.month, birth.day)
    return on.year - birth.year - int(before_birthday)
