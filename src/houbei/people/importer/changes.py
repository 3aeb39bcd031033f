"""What the audit log keeps of an imported person: the same changes `people.services` records
(`diff(before, snapshot(person))`), serialised as `audit.services.canonical` does.

A new person's entry is the import's most frequent piece of work, so its text is filled into a
template rather than built by json.dumps; tests/people/test_import_shortcuts.py holds the two
to the same text."""

from __future__ import annotations

import json
from typing import Any

from houbei.audit.services import canonical, diff, json_string
from houbei.people.services import TRACKED

KEYS = tuple(sorted(TRACKED))
OPTIONAL = "party_joined_on"  # the only tracked value an imported person may lack
# Values whose text never needs escaping (codes from the code tables, ISO dates, masked ID
# numbers, validated phone numbers) sit in the template between quotes; a value that broke
# that promise would make the text invalid JSON, which both databases refuse.
QUOTED = frozenset(
    {"birth_date", "education", "ethnicity", "health", "id_number_masked", OPTIONAL, "phone",
     "political_status", "sex"}
)  # fmt: skip


def _template(keys: tuple[str, ...]) -> str:
    value = {key: '"%s"' if key in QUOTED else "%s" for key in keys}
    fields = ", ".join(f'"{key}": {{"new": {value[key]}, "old": null}}' for key in keys)
    return "{" + fields + "}"


_WITH_PARTY = _template(KEYS)
_WITHOUT_PARTY = _template(tuple(key for key in KEYS if key != OPTIONAL))
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
    get = values.__getitem__
    head = (
        json_list(get("backgrounds")), birth[:7], get("education"), get("ethnicity"), get("health"),
        masked, json_string(get("major")), json_string(get("name")), json_string(get("notes")),
    )  # fmt: skip
    tail = (get("phone"), get("political_status"), get("sex"), village)
    if party is None:
        return _WITHOUT_PARTY % (head + tail)
    return _WITH_PARTY % (*head, party, *tail)


def updated(before: dict[str, Any], after: dict[str, Any], extra: dict[str, Any]) -> str:
    """The changes of an updated person, as `canonical(diff(before, after) | extra)`; "" if
    none (`extra`: what the snapshots cannot show, `people.services.birth_day_change`)."""
    changes = diff(before, after) | extra
    return canonical(changes) if changes else ""
