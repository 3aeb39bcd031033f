"""Counting an export's queries: `write_<thing>` run as a background job runs it (to a path,
without a request), the rows it wrote and the queries it made (decision record 0026)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook


def run(write: Callable[..., int], target: Path, **arguments: Any) -> tuple[int, int, int]:
    """(rows written, queries made, rows in the file's first sheet)."""
    with CaptureQueriesContext(connection) as queries:
        count = write(target, **arguments)
    if target.suffix == ".csv":
        lines = len(target.read_text(encoding="utf-8-sig").splitlines())
    else:
        lines = len(CalamineWorkbook.from_path(str(target)).get_sheet_by_index(0).to_python())
    return count, len(queries), lines
