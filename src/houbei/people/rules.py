"""Checks on a person's data that the forms and the importer share, so both say the same thing."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

from django.db import models
from django.utils import timezone

from houbei.lib.codes import CodeError, is_party_member

MASSES = "13"  # GB/T 4762 群众
PARTY_DATE_REQUIRED = "政治面貌为中共党员或预备党员时，须填写入党时间"
PARTY_DATE_REFUSED = "政治面貌为群众时不应填写入党时间"
PHONE = re.compile(r"[0-9+\-() ]{5,20}")
PHONE_MESSAGE = "联系电话只能包含数字、空格和 + - ( )，5至20位"
_SEPARATORS = re.compile(r"[、,，;；/\s]+")


def party_date_problem(
    political_status: str, joined: dt.date | None, birth: dt.date | None
) -> str | None:
    """Why the party-joining date does not fit the political status and birth date, or None."""
    if joined is None:
        return PARTY_DATE_REQUIRED if is_party_member(political_status) else None
    if political_status == MASSES:
        return PARTY_DATE_REFUSED
    if joined > timezone.localdate():
        return "入党时间晚于今天"
    if birth is not None and joined <= birth:
        return "入党时间早于出生日期"
    return None


def phone_problem(phone: str) -> str | None:
    return None if not phone or PHONE.fullmatch(phone) else PHONE_MESSAGE


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


@cache
def _codes_by_word(choices: type[models.TextChoices]) -> dict[str, str]:
    """Each label and each code of `choices` -> its code."""
    return {str(label): str(code) for code, label in choices.choices} | {
        str(code): str(code) for code, _ in choices.choices
    }


def _unknown(name: str, word: str, choices: type[models.TextChoices]) -> CodeError:
    known = "、".join(str(label) for _, label in choices.choices)
    return CodeError(f"{name}“{word}”无法识别，可填写：{known}")


def parse_choices(text: str, choices: type[models.TextChoices], *, name: str) -> list[str]:
    """Codes for labels (or codes) separated by 、 , ; / or spaces; CodeError for an unknown one
    (`name`: the column's, for the message)."""
    text = _clean(text)
    if not text:
        return []
    found: list[str] = []
    by_word = _codes_by_word(choices)
    for word in _SEPARATORS.split(text):
        if not word:
            continue
        code = by_word.get(word)
        if code is None:
            raise _unknown(name, word, choices)
        if code not in found:
            found.append(code)
    return found


def parse_choice(
    text: str, choices: type[models.TextChoices], *, name: str, blank: str | None
) -> str | None:
    """The code for a label or code; `blank` for blank text (健康状况: blank means 健康)."""
    word = _clean(text)
    if not word:
        return None if blank is None else str(blank)
    code = _codes_by_word(choices).get(word)
    if code is None:
        raise _unknown(name, word, choices)
    return code
