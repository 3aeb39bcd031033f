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
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return unicodedata.normalize("NFKC", str(cell)).strip()


def skip_reason(cells: list[Any], columns: dict[str, int]) -> str | None:
    """Why the row is not a person, or None for a row to check."""
    known = [_text(cells[i]) if i < len(cells) else "" for i in columns.values()]
    if not any(known):
        return NO_PERSON
    texts = [_text(cell) for cell in cells]
    name, id_text = (_cell(texts, columns.get(key)) for key in ("name", "id_number"))
    # A person's row has a name or an ID number: a footer has neither (or a label in place of
    # the name), so a person's bad row is never skipped as a footer.
    footer = not _DIGITS.search(id_text) and (not name or bool(_FOOTER.match(name)))
    if footer and any(_FOOTER.match(text) for text in texts if text):
        return FOOTER
    filled = [text for text in known if text]
    if sum(HEADER_KEYS.get(normalize_header(text)) is not None for text in filled) >= 2:
        return HEADER_AGAIN
    return None


def _cell(texts: list[str], index: int | None) -> str:
    return texts[index] if index is not None and index < len(texts) else ""
