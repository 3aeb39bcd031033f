"""The importer's SQL on the people table, a batch at a time: find people by blind index, take
ids, insert (COPY on PostgreSQL, executemany on SQLite) and update.

The ORM's bulk_create spends most of an import preparing values one field at a time; these
statements take rows the writer has already put in column order."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection

from houbei.audit.services import insert_rows
from houbei.people.columns import DATES, FREE_TEXT, Kind, plain_columns
from houbei.people.importer.columns import COLUMNS
from houbei.people.models import Person

TABLE = Person._meta.db_table
CACHE_KIB = 64 * 1024
LOOSE_KINDS = (*FREE_TEXT, Kind.PHONE)
PLAIN = plain_columns()
# What a row of the file sets, as stored (the village by its id), in `people.columns` order:
# the order of the values `writer.as_stored` gives.
ROW_COLUMNS = tuple(column.attname for column in PLAIN)
DATE_COLUMNS = tuple(column.attname for column in PLAIN if column.kind in DATES)
LIST_COLUMNS = tuple(column.attname for column in PLAIN if column.kind is Kind.CHOICES)
MASKED = tuple(column.audit_key for column in COLUMNS if column.sensitive)
# Read back to compare with a row: everything an import may change, and what it checks.
STORED = ("id", "version", *ROW_COLUMNS, *MASKED)
INSERTED = (
    "id", *ROW_COLUMNS, "id_number_encrypted", "id_number_hash", "id_number_masked",
    "name_pinyin", "name_initials", "version", "created_at", "updated_at",
)  # fmt: skip
UPDATED = (*ROW_COLUMNS, "name_pinyin", "name_initials", "version", "updated_at")
# Values that may be None or free text (see `insert_rows`).
_LOOSE = {column.attname for column in PLAIN if column.kind in LOOSE_KINDS or column.nullable()}
LOOSE = tuple(index for index, name in enumerate(INSERTED) if name in _LOOSE)
UPDATED_LOOSE = tuple(index for index, name in enumerate(UPDATED) if name in _LOOSE)
CHANGED = "import_changed_people"  # PostgreSQL: the temporary table updates go through


@contextmanager
def roomy_cache() -> Iterator[None]:
    """SQLite: a page cache of CACHE_KIB while importing, then the connection's own again. Each
    row adds to a dozen indexes across the people and audit tables; with the default 2 MiB
    most of those pages are evicted and read again (measured: a third of the insert time)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous}")


def stored_people(hashes: Sequence[str], *, lock: bool) -> dict[str, dict[str, Any]]:
    """The people with these blind indexes, by blind index; locked for update when asked
    (PostgreSQL: another import or an edit waits until this transaction ends). The hashes go
    as one parameter (an array, or JSON for SQLite), not a thousand."""
    parameter: object
    if connection.vendor == "postgresql":
        where, parameter = "id_number_hash = ANY(%s)", list(hashes)
    else:
        where, parameter = "id_number_hash IN (SELECT value FROM json_each(%s))", json.dumps(hashes)
    locking = " FOR UPDATE" if lock and connection.features.has_select_for_update else ""
    columns = ", ".join(STORED)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id_number_hash, {columns} FROM {TABLE} WHERE {where}{locking}",  # noqa: S608
            [parameter],
        )
        return {digest: decoded(dict(zip(STORED, rest, strict=True))) for digest, *rest in cursor}


def decoded(values: dict[str, Any]) -> dict[str, Any]:
    """Values as the model holds them, whatever the driver returned (ISO text, JSON text)."""
    for key in DATE_COLUMNS:
        if isinstance(values[key], str):
            values[key] = dt.date.fromisoformat(values[key])
    for key in LIST_COLUMNS:
        if isinstance(values[key], str):
            values[key] = json.loads(values[key])
    return values


def take_ids(count: int) -> list[int]:
    """Ids for new people, taken before inserting them so their audit entries can name them.
    PostgreSQL: from the table's sequence. SQLite: after the largest ever given (the import's
    transaction holds the database's write lock, so nobody else takes them)."""
    if not count:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [TABLE, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT MAX(id) FROM {TABLE}")  # noqa: S608 - our own table name
        largest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT MAX(seq) FROM sqlite_sequence WHERE name = %s", [TABLE])
        largest = max(largest, cursor.fetchone()[0] or 0)
    return list(range(largest + 1, largest + 1 + count))


def insert(rows: Iterable[Sequence[Any]]) -> int:
    """New people, each a tuple in the order of INSERTED; see `insert_rows`."""
    return insert_rows(TABLE, INSERTED, rows, loose=LOOSE)


def update(rows: list[Sequence[Any]]) -> None:
    """Changed people, each a tuple in the order of UPDATED followed by the id. PostgreSQL:
    COPY into a temporary table, then one UPDATE ... FROM it; elsewhere one executemany."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            assignments = ", ".join(f"{column} = %s" for column in UPDATED)
            sql = f"UPDATE {TABLE} SET {assignments} WHERE id = %s"  # noqa: S608
            cursor.executemany(sql, rows)
            return
        columns = ", ".join((*UPDATED, "id"))
        create = f"CREATE TEMPORARY TABLE IF NOT EXISTS {CHANGED} ON COMMIT DROP AS "
        cursor.execute(f"{create} SELECT {columns} FROM {TABLE} WITH NO DATA")  # noqa: S608
        insert_rows(CHANGED, (*UPDATED, "id"), rows, loose=UPDATED_LOOSE)
        assignments = ", ".join(f"{column} = changed.{column}" for column in UPDATED)
        cursor.execute(
            f"UPDATE {TABLE} SET {assignments} FROM {CHANGED} AS changed "  # noqa: S608
            f"WHERE {TABLE}.id = changed.id"
        )
        cursor.execute(f"DELETE FROM {CHANGED}")  # noqa: S608
