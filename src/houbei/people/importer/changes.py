"""What the audit log keeps of an imported person: the same changes `people.services` records
(`diff(before, snapshot(person))`), serialised as `audit.services.canonical` does.

A new person's entry is the import's most frequent piece of work, so its text is filled into a
template, built once from `people.columns`, rather than built by json.dumps;
tests/people/test_import_shortcuts.py holds the two to the same text."""

from __future__ import annotations

import json
from operator import itemgetter
from typing import Any

from houbei.audit.services import canonical, diff, json_string
from houbei.people.columns import DATES, FREE_TEXT, Kind
from houbei.people.importer.columns import COLUMNS
from houbei.people.services import TRACKED

KEYS = tuple(sorted(TRACKED))
_AUDITED = {column.audit_key: column for column in COLUMNS if column.audited}
# Values whose text never needs escaping (codes, ISO dates, masked ID numbers, validated phone
# numbers) sit in the template between quotes; a value that broke that promise would make the
# text invalid JSON, which both databases refuse.
QUOTED = frozenset(
    key
    for key, column in _AUDITED.items()
    if column.sensitive or column.kind in (Kind.CODE, Kind.CHOICE, Kind.PHONE, *DATES)
)
TEXTS = tuple(key for key, column in _AUDITED.items() if column.kind in FREE_TEXT)
LISTS = tuple(key for key, column in _AUDITED.items() if column.kind is Kind.CHOICES)
# The tracked values an imported person may lack (left out of a new person's changes).
OPTIONAL = tuple(key for key in KEYS if _AUDITED[key].nullable())
# created() takes the ISO text of each date as `birth` and `party`, which the writer has at hand.
assert {key for key, column in _AUDITED.items() if column.kind in DATES} == {
    "birth_date",
    "party_joined_on",
}, "a new date column needs its ISO text passed to created()"


def _field(key: str) -> str:
    value = '"%s"' if key in QUOTED else "%s"
    return f'"{key}": {{"new": {value}, "old": null}}'


def _template() -> tuple[str, dict[str, str]]:
    """The text with a placeholder for each value, in KEYS order; an optional value's
    placeholder takes its whole field and separator (its segment), or nothing when missing."""
    parts: list[str] = []
    segments: dict[str, str] = {}
    after_another = False  # a field that is always there comes before
    for key in KEYS:
        if key in OPTIONAL:
            segments[key] = f", {_field(key)}" if after_another else f"{_field(key)}, "
            parts.append("%s")
        else:
            parts.append((", " if after_another else "") + _field(key))
            after_another = True
    return "{" + "".join(parts) + "}", segments


_TEMPLATE, _SEGMENTS = _template()
_PICK = itemgetter(*KEYS)
_LISTS: dict[tuple[str, ...], str] = {}


def json_list(values: list[str]) -> str:
    """json.dumps of a list of codes, remembered."""
    key = tuple(values)
    text = _LISTS.get(key)
    if text is None:
        text = json.dumps(values, ensure_ascii=False)
        if len(_LISTS) < 4096:
            _LISTS[key] = text
    return text


def created(values: dict[str, Any], *, masked: str, birth: str, party: str | None,
            village: str) -> str:  # fmt: skip
    """The changes of a new person: every tracked value, as `canonical(diff({}, snapshot))`.
    `values`: the tracked values; `birth` and `party`: its dates in ISO form (the log keeps the
    birth's year and month only, `people.services.audit_birth`); `village`: the village's label
    as a JSON string."""
    texts = values.copy()
    texts["id_number_masked"], texts["village"] = masked, village
    texts["birth_date"], texts["party_joined_on"] = birth[:7], party
    for key in TEXTS:
        texts[key] = json_string(texts[key])
    for key in LISTS:
        texts[key] = json_list(texts[key])
    for key in OPTIONAL:
        value = texts[key]
        texts[key] = "" if value is None else _SEGMENTS[key] % value
    text: str = _TEMPLATE % _PICK(texts)
    return text


def updated(before: dict[str, Any], after: dict[str, Any], extra: dict[str, Any]) -> str:
    """The changes of an updated person, as `canonical(diff(before, after) | extra)`; "" if
    none (`extra`: what the snapshots cannot show, `people.services.birth_day_change`)."""
    changes = diff(before, after) | extra
    return canonical(changes) if changes else ""
