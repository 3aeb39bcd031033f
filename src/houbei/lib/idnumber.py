"""GB 11643-1999 citizen ID numbers (公民身份号码): validation, derived facts, masking.

The standard as houbei reads it: docs/domain.md §4.6; masking: docs/security.md §1.

An 18-character number is: a 6-digit address code, an 8-digit birth date YYYYMMDD,
a 3-digit sequence (odd for men, even for women) and a check character computed with
ISO 7064 MOD 11-2. The address code is not checked against any list: it is the county
code at registration and may be a code that no longer exists.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_MAP = "10X98765432"
LENGTH = 18
EARLIEST_BIRTH = date(1900, 1, 1)
MALE = "1"
FEMALE = "2"

_CHINA = timezone(timedelta(hours=8))
_SEX_NAMES = {MALE: "男", FEMALE: "女"}


class IdNumberError(ValueError):
    """An ID number that cannot be accepted; the message is meant for the user."""


@dataclass(frozen=True)
class IdNumber:
    number: str
    birth_date: date
    sex: str

    @property
    def address_code(self) -> str:
        return self.number[:6]


def check_character(first17: str) -> str:
    """The 18th character for the given first 17 digits (ISO 7064 MOD 11-2)."""
    if len(first17) != len(WEIGHTS) or not first17.isascii() or not first17.isdigit():
        raise ValueError("check_character needs exactly 17 ASCII digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_MAP[total % 11]


def normalize(raw: str) -> str:
    """Full-width to ASCII, whitespace removed, a trailing x upper-cased."""
    text = unicodedata.normalize("NFKC", raw)
    return re.sub(r"\s+", "", text).upper()


def parse_id_number(raw: str, *, today: date | None = None) -> IdNumber:
    """Validate an 18-character ID number and return it with its birth date and sex."""
    number = normalize(raw)
    _check_length(number)
    _check_characters(number)
    birth = _birth_date(number, today or _today())
    expected = check_character(number[:17])
    if number[17] != expected:
        raise IdNumberError(f"公民身份号码校验位错误：第18位应为 {expected}，实际为 {number[17]}")
    return IdNumber(number=number, birth_date=birth, sex=sex_of(number))


def sex_of(number: str) -> str:
    """GB/T 2261.1 sex code from the parity of the 17th digit."""
    return MALE if int(number[16]) % 2 == 1 else FEMALE


def _today() -> date:
    return datetime.now(_CHINA).date()


def _check_length(number: str) -> None:
    if len(number) == LENGTH:
        return
    message = f"公民身份号码应为18位，当前为{len(number)}位"
    if len(number) == 15:
        message += "（15位旧号码已停用，请填写18位号码）"
    raise IdNumberError(message)


def _check_characters(number: str) -> None:
    for position, char in enumerate(number, start=1):
        allowed = "0123456789X" if position == LENGTH else "0123456789"
        if char not in allowed:
            raise IdNumberError(
                f"公民身份号码第{position}位“{char}”不正确：前17位只能是数字，第18位可以是数字或 X"
            )


def _birth_date(number: str, today: date) -> date:
    text = number[6:14]
    try:
        birth = date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise IdNumberError(f"公民身份号码中的出生日期 {text} 不存在") from None
    if birth > today:
        raise IdNumberError(f"公民身份号码中的出生日期 {text} 晚于今天")
    if birth < EARLIEST_BIRTH:
        raise IdNumberError(f"公民身份号码中的出生日期 {text} 早于1900年")
    return birth


def mask(number: str) -> str:
    """First 6 and last 4 characters kept, the 8 between them hidden."""
    text = normalize(number)
    if len(text) < 10:
        return "*" * len(text)
    return text[:6] + "********" + text[-4:]


def cross_check(id_number: IdNumber, /, *, birth_date: date | None, sex: str | None) -> list[str]:
    """Messages for a separately entered birth date or sex that disagrees with the number.

    Sex codes 0 (unknown) and 9 (not stated) do not contradict the number.
    """
    problems: list[str] = []
    if birth_date is not None and birth_date != id_number.birth_date:
        problems.append(
            f"出生日期与公民身份号码不符：号码中为{_chinese_date(id_number.birth_date)}"
        )
    if sex in _SEX_NAMES and sex != id_number.sex:
        problems.append(f"性别与公民身份号码不符：号码中为{_SEX_NAMES[id_number.sex]}")
    return problems


def _chinese_date(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def make_id_number(address6: str, birth: date, seq3: int) -> str:
    """Build a number with a correct check character (for tests and demo data)."""
    if len(address6) != 6 or not address6.isascii() or not address6.isdigit():
        raise ValueError("address6 must be 6 ASCII digits")
    if not 0 <= seq3 <= 999:
        raise ValueError("seq3 must be between 0 and 999")
    first17 = f"{address6}{birth.year:04d}{birth.month:02d}{birth.day:02d}{seq3:03d}"
    return first17 + check_character(first17)
