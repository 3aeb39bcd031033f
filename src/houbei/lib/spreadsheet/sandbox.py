"""A workbook read safely: checked (precheck), then parsed by a child process with memory and
CPU limits (child), its rows streamed to this process a batch at a time.

    with SafeWorkbook(data) as book:          # UnsafeFile: the user's message
        for sheet in book.sheets:             # name, visible, first rows
            ...
        for number, cells in book.rows(sheet): # Excel's row numbers
            ...

A parser that crashes or passes a limit ends its own process only; this one raises UnsafeFile
and goes on serving (docs/decisions/0013-safe-reading.md)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess  # noqa: S404 - our own module, run with this interpreter
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import IO, Any

from houbei.lib.spreadsheet.limits import LIMITS, Limits
from houbei.lib.spreadsheet.precheck import UnsafeFile, precheck

PREVIEW_ROWS = 20
_KILLED = (
    "读取文件时超出了内存或时间上限（文件可能过大或异常构造），已停止读取；请删去多余的行和列后重试"
)
_BROKEN = "无法读取该文件，请确认是 Excel 表格（.xlsx 或 .xls）且未加密"


@dataclass
class SheetPreview:
    index: int
    name: str
    visible: bool
    first_row: int  # Excel's number of the sheet's first row
    first_column: int  # 0 for column A
    rows: list[list[Any]] = field(default_factory=list)


def _decode(obj: dict[str, Any]) -> Any:
    if "$d" in obj:
        return dt.date.fromisoformat(obj["$d"])
    if "$dt" in obj:
        return dt.datetime.fromisoformat(obj["$dt"])
    if "$t" in obj:
        return dt.time.fromisoformat(obj["$t"])
    if "$s" in obj:
        return dt.timedelta(seconds=obj["$s"])
    return obj


class SafeWorkbook:
    def __init__(self, data: bytes, limits: Limits | None = None) -> None:
        limits = limits or LIMITS
        precheck(data, limits)
        self._process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [sys.executable, "-m", "houbei.lib.spreadsheet.child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={"RUST_BACKTRACE": "0", "PYTHONPATH": _path()},
        )
        self.sheets: list[SheetPreview] = []
        try:
            self._start(data, limits)
        except BaseException:
            self.close()
            raise

    def _start(self, data: bytes, limits: Limits) -> None:
        header = {
            "size": len(data),
            "memory": limits.memory_bytes,
            "cpu": limits.cpu_seconds,
            "preview": PREVIEW_ROWS,
        }
        stdin = self._stdin
        try:
            stdin.write(json.dumps(header).encode() + b"\n")
            stdin.write(data)
            stdin.flush()
        except (BrokenPipeError, OSError):
            raise UnsafeFile(_KILLED) from None
        while True:
            message = self._receive()
            if message.get("previewed"):
                return
            self.sheets.append(
                SheetPreview(
                    index=message["index"],
                    name=message["sheet"],
                    visible=message["visible"],
                    first_row=1,  # calamine's rows start at row 1, blank ones included
                    first_column=message["start"][1],
                    rows=message["rows"],
                )
            )

    @property
    def _stdin(self) -> IO[bytes]:
        assert self._process.stdin is not None
        return self._process.stdin

    def _receive(self) -> dict[str, Any]:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            self._process.wait()
            raise UnsafeFile(_KILLED)
        message: dict[str, Any] = json.loads(line, object_hook=_decode)
        if "error" in message:
            raise UnsafeFile(_KILLED if message["error"] == "MemoryError" else _BROKEN)
        return message

    def rows(self, sheet: SheetPreview) -> Iterator[tuple[int, list[Any]]]:
        """The sheet's rows with Excel's row numbers, a batch at a time from the child."""
        try:
            self._stdin.write(json.dumps({"read": sheet.index}).encode() + b"\n")
            self._stdin.flush()
        except (BrokenPipeError, OSError):
            raise UnsafeFile(_KILLED) from None
        number = sheet.first_row
        while True:
            message = self._receive()
            for cells in message["rows"]:
                yield number, cells
                number += 1
            if message.get("end"):
                return

    def close(self) -> None:
        process = self._process
        if process.poll() is None:
            process.kill()
        process.wait()
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()

    def __enter__(self) -> SafeWorkbook:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _path() -> str:
    """Where this interpreter finds houbei and python-calamine (the child gets no other
    environment variable)."""
    return ":".join(path for path in sys.path if path)


__all__ = ["SafeWorkbook", "SheetPreview", "UnsafeFile"]
