"""Pinyin search keys for Chinese names ("张三" -> "zhangsan", "zs").

pypinyin has no surname mode, so the first character of a name is looked up in a
table of surnames that are read differently from the everyday word (单 shan, 曾 zeng,
解 xie, ...). Compound surnames (欧阳, 尉迟, 万俟, ...) are left to pypinyin's phrase
dictionary, which reads them correctly. Surnames with two common readings (乐 le/yue)
are left to pypinyin. No tones; ü is written v (吕 -> lv).
"""

from __future__ import annotations

import re
import unicodedata

from pypinyin import Style, lazy_pinyin

SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha",
    "朴": "piao", "盖": "ge", "覃": "qin", "翟": "zhai", "缪": "miao", "种": "chong",
    "繁": "po", "牟": "mu", "秘": "bi", "员": "yun", "句": "gou", "召": "shao",
    "隗": "wei", "黑": "he", "折": "she", "薄": "bo", "粘": "nian", "乜": "nie",
    "阚": "kan", "都": "du", "能": "nai", "佴": "nai", "蕢": "kuai",
}  # fmt: skip

_NOT_KEY = re.compile(r"[^0-9a-z]")


def _syllables(name: str, style: Style) -> list[str]:
    text = unicodedata.normalize("NFKC", name).strip()
    if not text:
        return []
    reading = SURNAME_READINGS.get(text[0])
    if reading is None:
        return list(lazy_pinyin(text, style=style))
    first = reading[0] if style == Style.FIRST_LETTER else reading
    return [first, *lazy_pinyin(text[1:], style=style)]


def _key(parts: list[str]) -> str:
    return _NOT_KEY.sub("", "".join(parts).lower())


def pinyin_full(name: str) -> str:
    """Full pinyin without tones or separators: "张三" -> "zhangsan"."""
    return _key(_syllables(name, Style.NORMAL))


def pinyin_initials(name: str) -> str:
    """First letter of each syllable: "张三" -> "zs". Non-Han characters are kept."""
    return _key(_syllables(name, Style.FIRST_LETTER))


def search_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) for storing next to a name and searching by either."""
    return pinyin_full(name), pinyin_initials(name)
