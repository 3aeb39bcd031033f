"""The person list as .xlsx: Chinese headers, ID numbers masked, constant memory, audited.

Rows are fetched in chunks as plain tuples and written row by row through lib.exports (decision
record 0026): `write_people` scopes, filters, writes and records the export, to a path (a
background job) or to a temporary file the view sends and that vanishes when closed."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from houbei.accounts.capabilities import Capability
from houbei.accounts.types import Actor
from houbei.audit import people_ids, record
from houbei.audit.ratelimit import EXPORTS_PER_MINUTE as EXPORTS_PER_MINUTE
from houbei.audit.ratelimit import export_refusal
from houbei.jobs.exports import ExportKind
from houbei.lib import exports
from houbei.people.columns import PERSON_COLUMNS, Kind, PersonColumn
from houbei.people.forms import PersonFilterForm
from houbei.people.models import Person
from houbei.people.queries import describe_filters, filter_people

ACTION = "people.person.exported"
FILENAME = "人员名单.xlsx"


def _lookup(column: PersonColumn) -> str:
    """What the list shows of a column: the village's name, the ID number masked."""
    if column.kind is Kind.VILLAGE:
        return f"{column.key}__name"
    return column.audit_key


def _getter(index: int, column: PersonColumn) -> Callable[[tuple[Any, ...]], Any]:
    """The cell of a column from a row of values: codes as their labels, the birth date as its
    month only (never the full date beside the masked ID, docs/security.md §2)."""
    labels = column.labels()
    if column.key == "birth_date":
        return lambda row: f"{row[index]:%Y-%m}" if row[index] is not None else ""
    if column.kind is Kind.CHOICES:
        return lambda row: "、".join(labels.get(code, code) for code in row[index] or ())
    if labels:
        return lambda row: labels.get(row[index], row[index]) if row[index] is not None else ""
    return lambda row: row[index]


# The import template's columns, so an exported list reads like the spreadsheets people keep.
KEYS = tuple(_lookup(column) for column in PERSON_COLUMNS)
SHEET: exports.Sheet[tuple[Any, ...]] = exports.Sheet(
    "人员",
    [
        exports.Column(column.header, _getter(index, column), column.width)
        for index, column in enumerate(PERSON_COLUMNS)
    ],
)


class TooManyExports(Exception):
    """The user exported too often in the last minute."""


def check_rate(actor: Actor) -> None:
    message = export_refusal(actor, ACTION)
    if message is not None:
        raise TooManyExports(message)


def rows(people: QuerySet[Person], held: list[int]) -> Iterator[tuple[Any, ...]]:
    """The people's values in the list's order, a chunk at a time; each person's id goes to
    `held` (for the export's audit entry)."""
    ordered = people.order_by("name_pinyin", "id").values_list(*KEYS, "id")
    for values in exports.chunks(ordered):
        held.append(values[-1])
        yield values


def write_list(target: exports.Target, people: QuerySet[Person], held: list[int]) -> int:
    """The people (already scoped and filtered) written to `target`; returns the count."""
    return exports.write_xlsx(target, SHEET, rows(people, held))


def filtered(actor: Actor, filters: Mapping[str, Any]) -> tuple[QuerySet[Person], dict[str, Any]]:
    """The people `actor` may see, filtered as the person list is, and the filter read."""
    form = PersonFilterForm(filters, user=actor)
    data = form.cleaned_data if form.is_valid() else {}
    return filter_people(Person.objects.visible_to(actor), data), data


def count_people(actor: Actor, filters: Mapping[str, Any], today: Any = None) -> int:
    """The rows `write_people` would write (a large export runs as a job)."""
    return filtered(actor, filters)[0].count()


def write_people(target: exports.Target, *, actor: Actor, filters: Mapping[str, Any]) -> int:
    """The people `actor` may see, filtered as the person list is (`filters`: its query, as
    PersonFilterForm reads it), written to `target`, and the export audited; returns the rows.

    The file is written outside any transaction (it can take seconds); the audit entry after,
    in a short one."""
    people, data = filtered(actor, filters)
    held: list[int] = []
    count = write_list(target, people, held)
    # Whose records the file held: ids only, never birth dates or ID numbers.
    changes = {
        "rows": count,
        "filters": describe_filters(data),
        "id_numbers": "masked",
        "people": people_ids(held),
    }
    with transaction.atomic():
        record(actor, ACTION, None, changes, region=getattr(actor, "region", None))
    return count


def export_kind() -> ExportKind:
    """The person list as a background job's export (houbei.jobs.exports, decision 0031)."""
    return ExportKind(
        name="people",
        title="人员名单",
        capability=Capability.EXPORT_PEOPLE,
        action=ACTION,
        count=count_people,
        write=lambda target, actor, filters, today: write_people(
            target, actor=actor, filters=filters
        ),
        filename=lambda filters, today: FILENAME,
    )
