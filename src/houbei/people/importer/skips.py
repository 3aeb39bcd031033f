"""Rows of a township sheet that are not people: pre-numbered rows with only 序号, the signature
footer (填表人、审核人、填表日期), notes under the table, the header repeated for printing. They
are reported as skipped, with their row number, never as errors (issue 12 §1)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from houbei.people.importer.columns import HEADER_KEYS, normalize_header

_FOOTER = re.compile(
    r"(填表人|填报人|制表人|审核人|审批人|审核|经办人|(单位)?(主要)?负责人|联系人|"
    r"填表日期|填报日期|制表日期|审核日期|日期|填报单位|单位（盖章）|盖章|签字|签名|注|说明)"
    r"\s*[:：（(]"
)
_DIGITS = re.compile(r"[0-9]{6}")

NO_PERSON = "只有序号等、没有人员信息的行，已跳过"
FOOTER = "表尾的签字、日期或说明行，不是人员，已跳过"
HEADER_AGAIN = "重复的表头行，已跳过"


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if cell.__class__ is str:  # NFKC leaves ASCII text as it is
        return (cell if cell.isascii() else unicodedata.normalize("NFKC", cell)).strip()
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return unicodedata.normalize("NFKC", str(cell)).strip()


# No header or alias is ASCII once normalised, so an ASCII cell (a number, a phone, an ID
# number) is never one; others are remembered, a bounded number of them.
assert not any(key.isascii() for key in HEADER_KEYS), "an ASCII header needs _is_header changed"
_HEADERS: dict[str, bool] = {}


def _is_header(text: str) -> bool:
    if text.isascii():
        return False
    found = _HEADERS.get(text)
    if found is None:
        found = HEADER_KEYS.get(normalize_header(text)) is not None
        if len(_HEADERS) < 1 << 14:
            _HEADERS[text] = found
    return found


_HEADER_CELLS: dict[str, bool] = {}


def _header_cell(cell: Any) -> bool:
    """_is_header(_text(cell)); a cell that is not text reads as ASCII (a number, a date)."""
    if cell.__class__ is not str or cell.isascii():
        return False
    found = _HEADER_CELLS.get(cell)
    if found is None:
        found = _is_header(_text(cell))
        if len(_HEADER_CELLS) < 1 << 14:
            _HEADER_CELLS[cell] = found
    return found


def skip_reason(cells: list[Any], columns: dict[str, int]) -> str | None:
    """Why the row is not a person, or None for a row to check."""
    width = len(cells)
    at = columns.get("id_number", width)
    number = cells[at] if at < width else None
    if isinstance(number, str) and number.isascii() and _DIGITS.search(number):
        # The usual row: an ID number with its digits is filled in (so not a row without a
        # person) and rules out a footer; only the repeated header is left to rule out.
        indexes = [index for index in columns.values() if index < width]
        return HEADER_AGAIN if sum(_header_cell(cells[i]) for i in indexes) >= 2 else None
    known = {key: _text(cells[i]) if i < width else "" for key, i in columns.items()}
    if not any(known.values()):
        return NO_PERSON
    name, id_text = known.get("name", ""), known.get("id_number", "")
    # A person's row has a name or an ID number: a footer has neither (or a label in place of
    # the name), so a person's bad row is never skipped as a footer.
    footer = not _DIGITS.search(id_text) and (not name or bool(_FOOTER.match(name)))
    if footer and any(_FOOTER.match(text) for text in map(_text, cells) if text):
        return FOOTER
    if sum(_is_header(text) for text in known.values() if text) >= 2:
        return HEADER_AGAIN
    return None


def careful_skip_reason(cells: list[Any], columns: dict[str, int]) -> str | None:
    """skip_reason without its shortcuts, every cell read in full: what the tests hold
    skip_reason to (tests/people/test_import_shortcuts.py)."""
    known = [_text(cells[i]) if i < len(cells) else "" for i in columns.values()]
    if not any(known):
        return NO_PERSON
    texts = [_text(cell) for cell in cells]
    name, id_text = (_cell(texts, columns.get(key)) for key in ("name", "id_number"))
    footer = not _DIGITS.search(id_text) and (not name or bool(_FOOTER.match(name)))
    if footer and any(_FOOTER.match(text) for text in texts if text):
        return FOOTER
    filled = [text for text in known if text]
    if sum(HEADER_KEYS.get(normalize_header(text)) is not None for text in filled) >= 2:
        return HEADER_AGAIN
    return None


def _cell(texts: list[str], index: int | None) -> str:
    return texts[index] if index is not None and index < len(texts) else ""
