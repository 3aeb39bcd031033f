"""Backups are encrypted files (houbei.lib.crypto.encrypt_stream): tests read their zip and
write a changed one back through these helpers."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from houbei.lib import crypto
from houbei.ops.restore import opened


@contextmanager
def archive(path: Path) -> Iterator[zipfile.ZipFile]:
    with opened(path) as zf:
        yield zf


@contextmanager
def rewritten(target: Path) -> Iterator[zipfile.ZipFile]:
    """A new zip, encrypted into `target` when the block ends."""
    plain = target.with_name(target.name + ".plain")
    with zipfile.ZipFile(plain, "w") as new:
        yield new
    with plain.open("rb") as source, target.open("wb") as out:
        crypto.encrypt_stream(source, out)
    plain.unlink()
