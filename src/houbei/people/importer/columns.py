"""The columns of the people spreadsheet: `people.columns.PERSON_COLUMNS`, in its order, read by
header or by the other names people give a column. The template, the reader and the report all
read this."""

from __future__ import annotations

import re
import unicodedata

from houbei.people.columns import PERSON_COLUMNS, PersonColumn

COLUMNS = PERSON_COLUMNS
BY_KEY = {column.key: column for column in COLUMNS}
HEADERS = tuple(column.header for column in COLUMNS)
_NOISE = re.compile(r"[\s*＊]|（[^）]*）|\([^)]*\)")


def normalize_header(text: object) -> str:
    """'公民身份号码 *' and '身份证号（必填）' read as the bare header."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", str(text)))


def header_keys(columns: tuple[PersonColumn, ...]) -> dict[str, str]:
    """Every header and alias, normalised -> the column's key."""
    names: dict[str, str] = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            names[normalize_header(name)] = column.key
    return names


HEADER_KEYS = header_keys(COLUMNS)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
