"""Checks on a person's data that the forms and the importer share, so both say the same thing."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

from django.db import models
from django.utils import timezone

from houbei.lib.codes import CodeError, is_party_member, nearest

MASSES = "13"  # GB/T 4762 群众
PARTY_DATE_REQUIRED = "政治面貌为中共党员或预备党员时，须填写入党时间"
PARTY_DATE_REFUSED = "政治面貌为群众时不应填写入党时间"
PHONE = re.compile(r"[0-9+\-() ]{5,20}")
PHONE_MESSAGE = "联系电话只能包含数字、空格和 + - ( )，5至20位"
_SEPARATORS = re.compile(r"[、,，;；/\s]+")
# Words township forms use for a choice under another name: offered as "did you mean", never
# taken silently (issue 12 §1).
HINTS = {
    "良好": "健康", "好": "健康", "健康良好": "健康", "身体健康": "健康", "正常": "健康",
    "较好": "健康", "差": "较差", "不好": "较差", "中": "一般", "中等": "一般",
    "退伍军人": "退役军人", "复员军人": "退役军人", "转业军人": "退役军人", "退伍": "退役军人",
    "大学生": "高校毕业生", "毕业生": "高校毕业生", "大学毕业生": "高校毕业生",
    "村干部": "现任村干部", "村两委干部": "现任村干部", "致富带头人": "致富能手",
    "种植大户": "致富能手", "养殖大户": "致富能手", "能人": "致富能手", "返乡人员": "返乡创业",
    "返乡创业人员": "返乡创业", "外出务工": "外出务工经商", "务工经商": "外出务工经商",
    "村官": "大学生村官", "合作社负责人": "合作组织负责人", "合作社": "合作组织负责人",
}  # fmt: skip


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


def normalize_name(text: str) -> str:
    """A name as stored: full-width forms folded, the spaces that pad a Chinese name to align
    it removed (许　军 → 许军), other runs of spaces made one (a foreign name keeps its)."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    return text.replace(" ", "") if _CHINESE_NAME.fullmatch(text) else text


_CHINESE_NAME = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff·• ]+")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


@cache
def _codes_by_word(choices: type[models.TextChoices]) -> dict[str, str]:
    """Each label and each code of `choices` -> its code."""
    return {str(label): str(code) for code, label in choices.choices} | {
        str(code): str(code) for code, _ in choices.choices
    }


def _unknown(name: str, word: str, choices: type[models.TextChoices]) -> CodeError:
    labels = [str(label) for _, label in choices.choices]
    near = nearest(word, labels, HINTS)
    guess = f"；是否应为“{'”或“'.join(near)}”？" if near else "，"
    return CodeError(f"{name}“{word}”无法识别{guess}可填写：{'、'.join(labels)}")


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
