"""What an uploaded spreadsheet may be before anything parses it
(docs/decisions/0013-safe-reading.md).

The figures are sized for the largest import houbei is built for, a county of 100,000 people
in one file (docs/performance.md, goal G1), with room to spare; a file beyond them is refused
with a message, never loaded."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 64 << 20  # the upload itself
    zip_entries: int = 1000  # members of the .xlsx archive
    uncompressed_bytes: int = 512 << 20  # all members together, as actually inflated
    ratio: int = 200  # inflated / compressed size of one member over 1 MB
    rows: int = 200_000  # the last row a sheet claims or uses
    columns: int = 256  # the last column (IV)
    cells: int = 8_000_000  # rows x columns of a sheet: what the parser allocates
    memory_bytes: int = 2 << 30  # address space of the parsing child process
    cpu_seconds: int = 300  # CPU time of the parsing child process


LIMITS = Limits()
