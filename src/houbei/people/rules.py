"""Checks on a person's data that the forms and the importer share, so both say the same thing."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.utils import timezone

from houbei.lib.codes import CodeError, is_party_member
from houbei.people.models import Background, Health

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


_BACKGROUNDS = {str(label): str(code) for code, label in Background.choices} | {
    str(code): str(code) for code, _ in Background.choices
}
_HEALTH = {str(label): str(code) for code, label in Health.choices} | {
    str(code): str(code) for code, _ in Health.choices
}


def parse_backgrounds(text: str) -> list[str]:
    """Codes for labels (or codes) separated by 、 , ; / or spaces; CodeError for an unknown one."""
    text = _clean(text)
    if not text:
        return []
    found: list[str] = []
    for word in _SEPARATORS.split(text):
        if not word:
            continue
        code = _BACKGROUNDS.get(word)
        if code is None:
            known = "、".join(label for _, label in Background.choices)
            raise CodeError(f"构成类别“{word}”无法识别，可填写：{known}")
        if code not in found:
            found.append(code)
    return found


def parse_health(text: str) -> str:
    """The code for a health label or code; blank means 健康."""
    word = _clean(text)
    if not word:
        return str(Health.HEALTHY)
    if word in _HEALTH:
        return _HEALTH[word]
    known = "、".join(label for _, label in Health.choices)
    raise CodeError(f"健康状况“{word}”无法识别，可填写：{known}")
