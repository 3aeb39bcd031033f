"""The import pipeline: stream rows, check each, sort and write them a batch at a time.

All or nothing: in one transaction, and rolled back when any row is bad, unless the user chose
to import only the valid rows. Memory holds one batch of rows from the parsing child (which
holds the sheet, within its limits: houbei.lib.spreadsheet), one batch to write, the villages in
scope, caches of repeated cells with fixed limits, and one small entry (~100 bytes)
per ID number seen, to report a repeated number (tests/people/test_import_memory.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction
from django.db.models import QuerySet

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.audit.services import file_batch_items
from houbei.people.importer import tables
from houbei.people.importer.reader import FileProblem, Sheet, SheetChoice, open_sheet
from houbei.people.importer.report import Report
from houbei.people.importer.rows import PersonRow, RowChecker
from houbei.people.importer.skips import skip_reason
from houbei.people.importer.villages import VillageIndex
from houbei.people.importer.writer import BatchWriter
from houbei.regions.models import Region

BATCH_SIZE = 2000
Source = str | IO[bytes]
# Told the number of rows read so far, after each batch (a background job's progress).
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Scope:
    """The villages an import may write to, and the region its summary is filed under."""

    villages: QuerySet[Region]
    region: Region | None = None

    @classmethod
    def of_user(cls, user: Any) -> Scope:
        return cls(Region.objects.visible_to(user).villages(), getattr(user, "region", None))

    @classmethod
    def of_town(cls, town: Region | None) -> Scope:
        villages = Region.objects.villages()
        return cls(villages.filter(town=town) if town else villages, town)


def check_people(
    source: Source,
    *,
    scope: Scope,
    filename: str = "",
    sheet_name: str | None = None,
    progress: Progress | None = None,
) -> Report:
    """Reads and checks every row; writes nothing. The counts say what an import would do."""
    return _run(
        source,
        scope=scope,
        actor=None,
        write=False,
        valid_only=False,
        name=filename,
        sheet_name=sheet_name,
        progress=progress,
    )


def import_people(
    source: Source,
    *,
    scope: Scope,
    actor: Actor | None,
    valid_only: bool = False,
    filename: str = "",
    sheet_name: str | None = None,
) -> Report:
    """Imports the file: nothing unless every row is valid, or only the valid rows."""
    with transaction.atomic():
        report = _run(
            source,
            scope=scope,
            actor=actor,
            write=True,
            valid_only=valid_only,
            name=filename,
            sheet_name=sheet_name,
        )
        if report.written:
            entry = record(
                actor, "people.import.completed", None, report.audit_changes(), region=scope.region
            )
            file_batch_items(entry)  # the people created (writer.py)
        else:
            transaction.set_rollback(True)
    if not report.written:
        changes = report.audit_changes()
        record(actor, "people.import.refused", None, changes, outcome="failed", region=scope.region)
    return report


def _run(
    source: Source,
    *,
    scope: Scope,
    actor: Actor | None,
    write: bool,
    valid_only: bool,
    name: str,
    sheet_name: str | None,
    progress: Progress | None = None,
) -> Report:
    report = Report(filename=name, valid_only=valid_only)
    try:
        with open_sheet(source, sheet_name=sheet_name) as sheet, tables.roomy_cache():
            report.read_from(sheet)
            _rows(
                sheet,
                report,
                scope=scope,
                actor=actor,
                write=write,
                valid_only=valid_only,
                progress=progress,
            )
    except FileProblem as error:
        report.file_problem = str(error)
        report.sheet_choices = error.names if isinstance(error, SheetChoice) else []
        return report
    if report.rows == 0:
        below = "只有序号或表尾" if report.skipped else "都是空的"
        report.file_problem = f"表格中没有人员数据（表头下面的行{below}）"
    report.written = write and report.valid_rows > 0 and (valid_only or report.ok)
    return report


def _rows(
    sheet: Sheet,
    report: Report,
    *,
    scope: Scope,
    actor: Actor | None,
    write: bool,
    valid_only: bool,
    progress: Progress | None = None,
) -> None:
    villages = VillageIndex.of(scope.villages)
    checker = RowChecker(sheet.columns, sheet.first_column, villages)
    writer = BatchWriter(
        actor=actor, villages=villages, report=report, id_column=checker.where["id_number"]
    )
    batch: list[PersonRow] = []
    columns = sheet.columns
    for number, cells in sheet.rows:
        reason = skip_reason(cells, columns)
        if reason:
            report.skip(number, reason)
            continue
        report.rows += 1
        row, problems = checker.check(number, cells)
        if row is None:
            report.add(problems)
        else:
            batch.append(row)
        if len(batch) >= BATCH_SIZE:
            writer.process(batch, write=write and (valid_only or report.ok))
            batch = []
            if progress is not None:
                progress(report.rows)
    writer.process(batch, write=write and (valid_only or report.ok))
    if progress is not None:
        progress(report.rows)
