"""How the generated province's rows reach the database: numbered here, then COPY on PostgreSQL
and one executemany INSERT a table on SQLite (see the package's docstring)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import Max, Model

BATCH = 2000


class Writer:
    """Numbers unsaved rows and writes them: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self) -> None:
        self.next_id: dict[type[Model], int] = {}

    def number(self, rows: Sequence[Model]) -> None:
        if not rows:
            return
        model = type(rows[0])
        if model not in self.next_id:
            self.next_id[model] = (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1
        for row in rows:
            if row.pk is None:
                row.pk = self.next_id[model]
                self.next_id[model] += 1

    def write(self, rows: Sequence[Any]) -> Sequence[Any]:
        if not rows:
            return rows
        self.number(rows)
        if connection.vendor == "postgresql":
            _copy(rows)
        else:
            _insert_many(rows)
        return rows

    def finish(self) -> None:
        """Sequences past the ids given here (SQLite's AUTOINCREMENT follows by itself)."""
        if connection.vendor != "postgresql" or not self.next_id:
            return
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(self.next_id)):
                cursor.execute(statement)


# Fields whose value goes to the database as the attribute holds it, once the generator has
# set it (str, int, bool or an id): their get_db_prep_save would only hand it back, at a third
# of the build's time for a province (docs/performance.md §4.6). Exact types, so a subclass
# that encrypts or converts (and every date, time and JSON field) keeps Django's own path.
_AS_IS = {
    models.AutoField, models.BigAutoField, models.CharField, models.TextField,
    models.IntegerField, models.SmallIntegerField, models.BigIntegerField,
    models.PositiveIntegerField, models.PositiveSmallIntegerField, models.BooleanField,
    models.ForeignKey,
}  # fmt: skip


def _values(model: type[Model]) -> tuple[list[str], Callable[[Any], list[Any]]]:
    """The model's columns and a function giving one row's values for them, prepared as
    Django would save them."""
    db = connections[DEFAULT_DB_ALIAS]  # the connection itself, not the per-thread proxy
    fields = list(model._meta.concrete_fields)
    plain = [type(field) in _AS_IS for field in fields]
    prepared = [
        (field.attname, None) if fast else (None, field)
        for field, fast in zip(fields, plain, strict=True)
    ]

    def values(row: Any) -> list[Any]:
        found = []
        for name, field in prepared:
            if field is None:
                found.append(getattr(row, name))  # type: ignore[arg-type]
            else:
                found.append(field.get_db_prep_save(field.pre_save(row, True), db))
        return found

    return [field.column for field in fields], values


def _copy(rows: Sequence[Any]) -> None:
    model = type(rows[0])
    columns, values = _values(model)
    quote = connection.ops.quote_name
    statement = f"COPY {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(values(row))


def _insert_many(rows: Sequence[Any]) -> None:
    """One INSERT executed for every row (executemany), the values prepared as for COPY: a
    county builds in 8.9 s instead of bulk_create's 14.0 s on SQLite (the province's SQLite
    half took 310 s to build on a loaded machine; docs/performance.md §4.6)."""
    model = type(rows[0])
    columns, values = _values(model)
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(columns))
    table = quote(model._meta.db_table)
    statement = f"INSERT INTO {table} ({', '.join(map(quote, columns))}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(statement, [values(row) for row in rows[start : start + BATCH]])
