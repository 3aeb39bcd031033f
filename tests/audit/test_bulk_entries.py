"""Entries written in bulk (imports) chain and read back exactly like those `record` writes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from houbei.audit import record
from houbei.audit.context import RequestContext, current
from houbei.audit.models import AuditEntry
from houbei.audit.services import (
    _entry_digest,
    append_serialised,
    canonical,
    insert_rows,
    json_string,
    record_many,
    verify_chain,
)

pytestmark = pytest.mark.django_db
ODD = ['a"b', "c\\d", "e\tf", "g\nh", "i\rj", "\\N", "%s", "k\x01l", "😀", "长"]


def _latest() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_bulk_entries_continue_the_chain_and_each_hash_is_the_one_record_would_give(
    personas: Any,
) -> None:
    start = _latest()
    record(personas["town"], "people.person.viewed", personas["town"], {"n": 1})
    token = current.set(RequestContext(ip="10.0.0.7"))
    try:
        items = [
            ("people.person.created", "people.person", str(i), text, None if i % 2 else 5,
             canonical({"name": {"new": text, "old": None}, "n": i}))
            for i, text in enumerate(ODD)
        ]  # fmt: skip
        written = append_serialised(personas["town"], items)
    finally:
        current.reset(token)
    record(personas["town"], "people.person.viewed", personas["town"], {"n": 2})

    entries = list(AuditEntry.objects.filter(id__gt=start).order_by("id"))
    assert written == len(ODD) and len(entries) == len(ODD) + 2
    assert [entry.target_repr for entry in entries[1:-1]] == ODD
    assert [entry.changes["name"]["new"] for entry in entries[1:-1]] == ODD
    assert all(_entry_digest(entry) == entry.hash for entry in entries)
    assert {entry.ip for entry in entries[1:-1]} == {"10.0.0.7"}
    assert list(verify_chain()) == []


def test_an_actor_with_odd_names_and_no_actor_both_chain(personas: Any) -> None:
    town = personas["town"]
    town.username, town.role = 'odd"name\\', "town"
    append_serialised(town, [("a.b.c", "x.y", "1", "r", None, "{}")])
    append_serialised(None, [("a.b.c", "x.y", "id-1", "r", None, '{"k": "v"}')])

    assert list(verify_chain()) == []
    names = AuditEntry.objects.filter(action="a.b.c").order_by("id")
    assert list(names.values_list("actor_username", flat=True)) == ['odd"name\\', ""]


def test_record_many_writes_what_record_would(personas: Any, make_person: Any) -> None:
    person = make_person()
    changes = {"phone": {"old": "1", "new": "2"}, "when": person.birth_date}

    record_many(personas["town"], [("people.person.updated", person, changes)])

    entry = AuditEntry.objects.get(action="people.person.updated")
    assert (entry.target_type, entry.target_id) == ("people.person", str(person.pk))
    assert entry.region_id == person.village_id and entry.target_repr == person.name
    assert entry.changes == {"phone": {"old": "1", "new": "2"}, "when": str(person.birth_date)}
    assert list(verify_chain()) == []


def test_json_string_is_json_dumps_without_ascii_escapes() -> None:
    for text in [*ODD, "", "plain"]:
        assert json_string(text) == json.dumps(text, ensure_ascii=False)


def test_inserted_rows_take_ids_in_the_order_given(personas: Any) -> None:
    start = _latest()
    rows = (
        (start + 1 + i, "2026-01-01 00:00:00+00:00", None, "", "", None, "t.a", "", "", text,
         None, "{}", "ok", f"{i:064x}", f"{i + 1:064x}")
        for i, text in enumerate(ODD)
    )  # fmt: skip
    # ids are given by the caller (the chain gives them under its lock: no gaps)
    columns = (
        "id", "at", "actor_id", "actor_username", "actor_role", "ip", "action", "target_type",
        "target_id", "target_repr", "region_id", "changes", "outcome", "prev_hash", "hash",
    )  # fmt: skip
    loose = (2, 3, 4, 5, 8, 9, 10, 11)

    assert insert_rows(AuditEntry._meta.db_table, columns, rows, loose=loose) == len(ODD)
    added = AuditEntry.objects.filter(id__gt=start).order_by("id")
    assert list(added.values_list("target_repr", flat=True)) == ODD
