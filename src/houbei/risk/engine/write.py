"""Writing many snapshots at once, the fastest way each database offers: COPY on PostgreSQL, one
executemany on SQLite (bulk_create would split 46,000 rows into hundreds of statements there).
The JSON columns arrive as text, assembled by the scoring code."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Sequence
from typing import Any

from django.db import connection

from houbei.risk.models import Assessment, AssessmentRun

OUTLOOK_ORDER = ("leave", "stay", "move", "enter")
COLUMNS = (
    "village_id",
    "election_round_id",
    "rule_set_id",
    "previous_id",
    "score",
    "computed_colour",
    "colour",
    "level",
    "baseline_colour",
    "override_id",
    "cadres_leave",
    "cadres_stay",
    "cadres_move",
    "cadres_enter",
    "is_latest",
    "inputs",
    "points",
    "fired",
)
COLOUR = COLUMNS.index("colour")


def inputs_template(keys: Sequence[str]) -> str:
    """'{"members_short":%s,...}': measure keys are plain identifiers, values are literals."""
    return "{" + ",".join(f"{json.dumps(key)}:%s" for key in keys) + "}"


def insert_snapshots(rows: list[list[Any]], *, run: AssessmentRun, at: dt.datetime) -> None:
    """COPY on PostgreSQL, one executemany on SQLite; the JSON columns are already text."""
    if not rows:
        return
    meta = Assessment._meta
    fields = {f.attname: f for f in meta.concrete_fields}
    names = [*COLUMNS, "run_id", "week", "assessed_at"]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ", ".join(quote(fields[name].column) for name in names)
    if connection.vendor == "postgresql":
        for row in rows:
            row += [run.pk, run.week, at]
        _copy(f"COPY {table} ({columns}) FROM STDIN", rows)
        return
    constant = [
        run.pk,
        fields["week"].get_db_prep_save(run.week, connection),
        fields["assessed_at"].get_db_prep_save(at, connection),
    ]
    for row in rows:
        row += constant
    marks = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def _copy(statement: str, rows: list[list[Any]]) -> None:
    """psycopg's COPY, logged like any query (tests count it as one)."""
    started = time.perf_counter()
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
    if connection.queries_logged:
        seconds = time.perf_counter() - started
        connection.queries_log.append(
            {"sql": f"{statement} -- {len(rows)} rows", "time": f"{seconds:.3f}"}
        )
