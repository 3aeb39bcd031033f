"""Pinyin search keys for Chinese names ("张三" -> "zhangsan", "zs").

pypinyin has no surname mode, so the first character of a name is looked up in a
table of surnames that are read differently from the everyday word (单 shan, 曾 zeng,
解 xie, ...). Compound surnames (欧阳, 尉迟, 万俟, ...) are left to pypinyin's phrase
dictionary, which reads them correctly. Surnames with two common readings (乐 le/yue)
are left to pypinyin. No tones; ü is written v (吕 -> lv).

`search_keys` is called for every imported row, so it reads a name one character at a
time from a per-character cache whenever pypinyin would do the same: when no part of the
name is a word of pypinyin's phrase dictionary. Otherwise it asks pypinyin for the whole
name, exactly as `pinyin_full` and `pinyin_initials` do.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT

SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha",
    "朴": "piao", "盖": "ge", "覃": "qin", "翟": "zhai", "缪": "miao", "种": "chong",
    "繁": "po", "牟": "mu", "秘": "bi", "员": "yun", "句": "gou", "召": "shao",
    "隗": "wei", "黑": "he", "折": "she", "薄": "bo", "粘": "nian", "乜": "nie",
    "阚": "kan", "都": "du", "能": "nai", "佴": "nai", "蕢": "kuai",
}  # fmt: skip

_NOT_KEY = re.compile(r"[^0-9a-z]")


def _split(name: str) -> tuple[str, str, str]:
    """(surname reading or "", its initial or "", the text pypinyin reads)."""
    text = unicodedata.normalize("NFKC", name).strip()
    reading = SURNAME_READINGS.get(text[:1])
    if reading is None:
        return "", "", text
    return reading, reading[0], text[1:]


def _syllables(name: str, style: Style) -> list[str]:
    head, initial, rest = _split(name)
    if not head and not rest:
        return []
    first = [initial if style == Style.FIRST_LETTER else head] if head else []
    return first + list(lazy_pinyin(rest, style=style)) if rest else first


def _key(parts: list[str]) -> str:
    return _NOT_KEY.sub("", "".join(parts).lower())


def pinyin_full(name: str) -> str:
    """Full pinyin without tones or separators: "张三" -> "zhangsan"."""
    return _key(_syllables(name, Style.NORMAL))


def pinyin_initials(name: str) -> str:
    """First letter of each syllable: "张三" -> "zs". Non-Han characters are kept."""
    return _key(_syllables(name, Style.FIRST_LETTER))


class _Readings(dict[str, str]):
    """One character read alone, as a search key part; filled on first use. Lower-casing and
    dropping non-key characters work character by character, so parts join into the key."""

    def __init__(self, style: Style) -> None:
        super().__init__()
        self.style = style

    def __missing__(self, char: str) -> str:
        value = self[char] = _key(lazy_pinyin(char, style=self.style))
        return value


_FULL = _Readings(Style.NORMAL)
_INITIALS = _Readings(Style.FIRST_LETTER)
_phrases: tuple[int, frozenset[str], frozenset[str]] = (-1, frozenset(), frozenset())


def _phrase_starts() -> tuple[frozenset[str], frozenset[str]]:
    """The one-character entries of the phrase dictionary and the first two characters of the
    longer ones (rebuilt when the dictionary changes size)."""
    global _phrases
    if _phrases[0] != len(PHRASES_DICT):
        singles = frozenset(phrase for phrase in PHRASES_DICT if len(phrase) == 1)
        pairs = frozenset(phrase[:2] for phrase in PHRASES_DICT if len(phrase) > 1)
        _phrases = (len(PHRASES_DICT), singles, pairs)
    return _phrases[1], _phrases[2]


def _read_alone(text: str) -> bool:
    """True when pypinyin reads the text character by character: no part of it is an entry of
    the phrase dictionary it segments by. A longer entry can only be a part of the text where
    the text holds its first two characters."""
    singles, pairs = _phrase_starts()
    for start in range(len(text) - 1):
        if text[start : start + 2] in pairs:
            ends = range(start + 2, len(text) + 1)
            if any(text[start:end] in PHRASES_DICT for end in ends):
                return False
    return not singles or not any(char in singles for char in text)


@lru_cache(maxsize=8192)
def search_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) for storing next to a name and searching by either."""
    head, initial, rest = _split(name)
    if not _read_alone(rest):
        return pinyin_full(name), pinyin_initials(name)
    full = head + "".join(map(_FULL.__getitem__, rest))
    return full, initial + "".join(map(_INITIALS.__getitem__, rest))
