"""What the audit log keeps of a person an import created: a batch item of the import's one
entry, holding a keyed digest of the values the person was created with
(docs/decisions/0027-import-audit-per-batch.md).

The digest's text is `repr` of the id, the row's values as stored (`as_stored`), the ID
number's blind index and its masked form: the same text whether built from the row being
written or read back from the table. `check_imported` (run by `houbei audit verify`) reads back
every imported person still at version 1, the version an import creates: an edit through the
application raises the version and is audited on its own, so a difference at version 1 is a
change that bypassed the application."""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter
from typing import Any

from django.db import connection

from houbei.audit.models import BatchItem
from houbei.audit.services import chain_key, item_digest
from houbei.people.importer import changes, tables
from houbei.people.models import Person

TARGET = Person._meta.label_lower
_ROW = itemgetter(*tables.ROW_COLUMNS)
_DATES_AT = tuple(tables.ROW_COLUMNS.index(name) for name in tables.DATE_COLUMNS)
_LISTS_AT = tuple(tables.ROW_COLUMNS.index(name) for name in tables.LIST_COLUMNS)


def as_stored(values: dict[str, Any]) -> list[Any]:
    """A row's values in `tables.ROW_COLUMNS` order, as the SQL takes them: dates as ISO text,
    lists as JSON text."""
    stored = list(_ROW(values))
    for at in _DATES_AT:
        day = stored[at]
        stored[at] = day and day.isoformat()
    for at in _LISTS_AT:
        stored[at] = changes.json_list(stored[at])
    return stored


def row_text(pk: int, stored: list[Any], blind_index: str, masked: str) -> str:
    return repr((pk, *stored, blind_index, masked))


def item(pk: int, stored: list[Any], blind_index: str, masked: str, key: bytes) -> str:
    """The digest of a new person's batch item."""
    return item_digest(row_text(pk, stored, blind_index, masked), key)


BYPASSED = "（导入后未经系统被改动）"
_READ = ("id", *tables.ROW_COLUMNS, "id_number_hash", "id_number_masked")


def check_imported(chunk_size: int = 5000) -> Iterator[str]:
    """Each imported person, still at the version the import gave, whose values no longer
    match the digest of their batch item."""
    people, items = tables.TABLE, BatchItem._meta.db_table
    columns = ", ".join(f"p.{name}" for name in _READ)
    key = chain_key()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT i.digest, {columns} FROM {items} i JOIN {people} p "  # noqa: S608
            "ON p.id = i.target_id WHERE i.target_type = %s AND p.version = 1 ORDER BY p.id",
            [TARGET],
        )
        while rows := cursor.fetchmany(chunk_size):
            for digest, *values in rows:
                person = tables.decoded(dict(zip(_READ, values, strict=True)))
                stored = as_stored(person)
                text = row_text(person["id"], stored, person["id_number_hash"],
                                person["id_number_masked"])  # fmt: skip
                if item_digest(text, key) != digest:
                    yield f"人员（编号 {person['id']}）的数据与导入时记录的摘要不符{BYPASSED}"
