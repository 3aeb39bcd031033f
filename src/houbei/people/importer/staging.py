"""An uploaded file waiting between "check" and "confirm": encrypted on disk (it holds ID
numbers), named by a random token, deleted once imported or after a day."""

from __future__ import annotations

import base64
import io
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from houbei.accounts.types import Actor
from houbei.lib import crypto
from houbei.lib.datadir import ensure_private_dir, write_private
from houbei.people.importer.report import Report
from houbei.people.importer.run import Scope, check_people, import_people

MAX_AGE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _folder() -> Path:
    return ensure_private_dir(Path(settings.MEDIA_ROOT) / "imports")


def _path(token: str) -> Path | None:
    return _folder() / f"{token}.enc" if _TOKEN.fullmatch(token) else None


def sweep() -> None:
    """Deletes staged files older than a day."""
    limit = time.time() - MAX_AGE_SECONDS
    for path in _folder().glob("*.enc"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def stage(upload: UploadedFile) -> str:
    sweep()
    token = secrets.token_urlsafe(24)
    content = b"".join(upload.chunks())
    sealed = crypto.encrypt(base64.b64encode(content).decode())
    path = _path(token)
    assert path is not None
    write_private(path, sealed.encode())
    return token


def open_staged(token: str) -> io.BytesIO | None:
    path = _path(token)
    if path is None or not path.is_file():
        return None
    return io.BytesIO(base64.b64decode(crypto.decrypt(path.read_text())))


def discard(token: str) -> None:
    path = _path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def stage_and_check(upload: UploadedFile, *, scope: Scope) -> tuple[str, Report]:
    """Steps 1 and 2 of the upload page: keep the file (when it has rows worth importing) and
    check it. Writes nothing to the tables."""
    token = stage(upload)
    source = open_staged(token)
    assert source is not None
    report = check_people(source, scope=scope, filename=upload.name or "")
    if report.valid_rows == 0:
        discard(token)
    return token, report


def import_staged(
    token: str, *, scope: Scope, actor: Actor, valid_only: bool, filename: str
) -> Report | None:
    """Step 3: imports a staged file and forgets it once written; None when it is gone."""
    source = open_staged(token)
    if source is None:
        return None
    report = import_people(
        source, scope=scope, actor=actor, valid_only=valid_only, filename=filename
    )
    if report.written:
        discard(token)
    return report
