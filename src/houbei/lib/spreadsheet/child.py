"""The parsing child: `python -m houbei.lib.spreadsheet.child`, started by `sandbox` only.

It limits its own address space, CPU time and file writes first, then reads the workbook from
stdin and answers in JSON lines on stdout: a preview of every sheet (name, visibility, first
rows), then, when asked, one sheet's rows in batches. It imports python-calamine and the
standard library, nothing of Django, and holds no secret (its environment is emptied). When
the parser passes a limit the process dies or answers an error; the parent tells the user."""

from __future__ import annotations

import datetime as dt
import io
import json
import resource
import sys
from typing import IO, Any

BATCH = 200  # rows per message: what the parent holds at once


def encode(value: Any) -> Any:
    """Dates and times as tagged objects (JSON has none)."""
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$d": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$t": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"$s": value.total_seconds()}
    return str(value)


def _send(out: IO[bytes], message: dict[str, Any]) -> None:
    out.write(json.dumps(message, default=encode, ensure_ascii=False).encode() + b"\n")
    out.flush()


def _limit(header: dict[str, Any]) -> None:
    memory, cpu = int(header["memory"]), int(header["cpu"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _preview(workbook: Any, out: IO[bytes], count: int) -> dict[int, Any]:
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    sheets = {}
    for index, meta in enumerate(workbook.sheets_metadata):
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        sheet = workbook.get_sheet_by_index(index)
        sheets[index] = sheet
        rows = sheet.iter_rows()
        first = [row for _, row in zip(range(count), rows, strict=False)]
        visible = meta.visible == SheetVisibleEnum.Visible
        start = sheet.start or (0, 0)
        _send(
            out,
            {"sheet": meta.name, "index": index, "visible": visible, "start": start, "rows": first},
        )
    _send(out, {"previewed": True})
    return sheets


def _stream(sheet: Any, out: IO[bytes]) -> None:
    batch = []
    for row in sheet.iter_rows():
        batch.append(row)
        if len(batch) >= BATCH:
            _send(out, {"rows": batch})
            batch = []
    _send(out, {"rows": batch, "end": True})


def main(stdin: IO[bytes], out: IO[bytes]) -> None:
    header = json.loads(stdin.readline())
    _limit(header)
    data = stdin.read(int(header["size"]))
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        del data
        sheets = _preview(workbook, out, int(header["preview"]))
        while line := stdin.readline():
            command = json.loads(line)
            if "read" not in command:
                break
            _stream(sheets[int(command["read"])], out)
    except (CalamineError, ValueError, KeyError, OSError) as error:
        _send(out, {"error": type(error).__name__})
    except MemoryError:
        _send(out, {"error": "MemoryError"})


if __name__ == "__main__":
    main(sys.stdin.buffer, sys.stdout.buffer)
