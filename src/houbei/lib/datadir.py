"""The data directory (HOUBEI_DATA_DIR): made on first use, private to the service account.

Everything houbei writes there (the SQLite file and its journal, staged uploads, collected
static files, backups and exports written by the `houbei` command) holds or sits beside personal
data, so the directory is 0700 and the files 0600. `houbei` (``__main__``) and the WSGI
entry point call `prepare()` before Django touches the database.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
# New files: owner read/write only; new directories: owner only.
PRIVATE_UMASK = 0o077


class DataDirError(RuntimeError):
    """The data directory cannot be made or used; the message is one Chinese/English line."""


def ensure_private_dir(path: Path) -> Path:
    """Creates ``path`` (and missing parents) as 0700; an existing one is narrowed to 0700."""
    try:
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    except OSError as error:
        raise DataDirError(_cannot(path, "创建", error)) from error
    if not path.is_dir():
        raise DataDirError(
            f"数据目录 {path} 不是目录，请检查 HOUBEI_DATA_DIR。"
            f" / data directory {path} is not a directory: check HOUBEI_DATA_DIR."
        )
    try:
        if stat.S_IMODE(path.stat().st_mode) != PRIVATE_DIR:
            path.chmod(PRIVATE_DIR)
    except OSError as error:
        raise DataDirError(_cannot(path, "设置权限", error)) from error
    if not os.access(path, os.W_OK | os.X_OK):
        raise DataDirError(
            f"数据目录 {path} 不可写，请检查 HOUBEI_DATA_DIR 及其权限。"
            f" / data directory {path} is not writable: check HOUBEI_DATA_DIR and its permissions."
        )
    return path


def _cannot(path: Path, verb: str, error: OSError) -> str:
    reason = error.strerror or type(error).__name__
    english = {"创建": "cannot be created", "设置权限": "cannot be set to mode 0700"}[verb]
    return (
        f"无法{verb}数据目录 {path}：{reason}。请检查 HOUBEI_DATA_DIR 或其上级目录的权限。"
        f" / data directory {path} {english}: {reason}; check HOUBEI_DATA_DIR."
    )


def prepare() -> None:
    """Private umask for this process, then the data directory and the SQLite file's folder."""
    from django.conf import settings

    os.umask(PRIVATE_UMASK)
    ensure_private_dir(Path(settings.DATA_DIR))
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = str(database["NAME"])
        if name and name != ":memory:" and not name.startswith("file:"):
            sqlite_file = Path(name)
            if not sqlite_file.parent.exists():  # an existing folder (say /tmp) is left as it is
                ensure_private_dir(sqlite_file.parent)
            if sqlite_file.exists():
                narrow_to_owner(sqlite_file)


def narrow_to_owner(path: Path) -> None:
    """A file some earlier process wrote with a wider mode becomes 0600."""
    if stat.S_IMODE(path.stat().st_mode) != PRIVATE_FILE:
        path.chmod(PRIVATE_FILE)


def write_private(path: Path, data: bytes) -> None:
    """Writes ``data`` to a new or truncated file that is 0600 from its first byte."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    narrow_to_owner(path)


def private_opener(path: str, flags: int) -> int:
    """``open(path, "wb", opener=private_opener)``: a new file is 0600 from its first byte."""
    return os.open(path, flags, PRIVATE_FILE)
