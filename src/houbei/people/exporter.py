"""The person list as .xlsx: Chinese headers, ID numbers masked, constant memory, audited.

Rows are fetched in chunks as plain tuples and written by XlsxWriter in constant-memory mode to
a temporary file, which is streamed to the browser and vanishes when closed."""

from __future__ import annotations

import datetime as dt
import tempfile
from typing import IO, Any

from django.db.models import QuerySet

from houbei.accounts.types import Actor
from houbei.audit import people_ids, record
from houbei.audit.ratelimit import EXPORTS_PER_MINUTE as EXPORTS_PER_MINUTE
from houbei.audit.ratelimit import export_refusal
from houbei.lib.workbooks import new_workbook, write_cell
from houbei.people.columns import PERSON_COLUMNS, Kind, PersonColumn
from houbei.people.models import Person

CHUNK = 2000


def _lookup(column: PersonColumn) -> str:
    """What the list shows of a column: the village's name, the ID number masked."""
    if column.kind is Kind.VILLAGE:
        return f"{column.key}__name"
    return column.audit_key


# The import template's columns, so an exported list reads like the spreadsheets people keep:
# (header, lookup, width).
COLUMNS = tuple((column.header, _lookup(column), column.width) for column in PERSON_COLUMNS)
_LABELS = {column.key: column.labels() for column in PERSON_COLUMNS if column.labels()}
_LISTS = frozenset(column.key for column in PERSON_COLUMNS if column.kind is Kind.CHOICES)


class TooManyExports(Exception):
    """The user exported too often in the last minute."""


def _cell(key: str, value: Any) -> Any:
    if value is None:
        return ""
    if key == "birth_date":
        return f"{value:%Y-%m}"  # never the full date beside the masked ID (docs/security.md §2)
    if key in _LISTS:
        return "、".join(_LABELS[key].get(code, code) for code in value)
    if key in _LABELS:
        return _LABELS[key].get(value, value)
    return value


def _write(sheet: Any, row: int, values: tuple[Any, ...], date_format: Any) -> None:
    for column, ((_, key, _), value) in enumerate(zip(COLUMNS, values, strict=True)):
        cell = _cell(key, value)
        if isinstance(cell, dt.date):
            sheet.write_datetime(row, column, dt.datetime.combine(cell, dt.time()), date_format)
        else:
            write_cell(sheet, row, column, str(cell))


def _check_rate(actor: Actor) -> None:
    message = export_refusal(actor, "people.person.exported")
    if message is not None:
        raise TooManyExports(message)


def write_xlsx(people: QuerySet[Person], file: IO[bytes], held: list[int] | None = None) -> int:
    """Writes the people to `file` (at most one chunk of rows in memory); returns the count.
    Appends each written person's id to `held` (for the export's audit entry)."""
    book = new_workbook(file)
    sheet = book.add_worksheet("人员")
    bold = book.add_format({"bold": True})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for column, (header, _, width) in enumerate(COLUMNS):
        sheet.set_column(column, column, width)
        write_cell(sheet, 0, column, header, bold)
    keys = (*(key for _, key, _ in COLUMNS), "id")
    rows = people.order_by("name_pinyin", "id").values_list(*keys)
    ids = held if held is not None else []
    count = 0
    for count, values in enumerate(rows.iterator(chunk_size=CHUNK), start=1):
        _write(sheet, count, values[:-1], date_format)
        ids.append(values[-1])
    book.close()
    return count


def export_people(
    people: QuerySet[Person], *, actor: Actor, filters: dict[str, str]
) -> tuple[IO[bytes], int]:
    """The people (already scoped and filtered by the caller) as an .xlsx file, audited.

    The file is written outside any transaction (it can take seconds); the audit entry after."""
    _check_rate(actor)
    file = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - closed by the response
    held: list[int] = []
    count = write_xlsx(people, file, held)
    file.seek(0)
    region = getattr(actor, "region", None)
    # Whose records the file held: ids only, never birth dates or ID numbers.
    changes = {
        "rows": count,
        "filters": filters,
        "id_numbers": "masked",
        "people": people_ids(held),
    }
    record(actor, "people.person.exported", None, changes, region=region)
    return file, count
