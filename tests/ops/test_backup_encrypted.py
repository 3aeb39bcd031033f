"""The backup file is encrypted whole (docs/security.md item 9): nothing in it is readable
without the field keys, and a changed, cut or foreign file is refused before anything is
written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.ops.test_backup_restore import DIGESTS, _backup, _child, _houbei, empty_database, filled

__all__ = ["empty_database", "filled"]  # fixtures


def _nothing_written(database_url: str) -> bool:
    result = _child("-c", DIGESTS, database_url=database_url)
    if result.returncode != 0:  # no table at all
        return True
    after = json.loads(result.stdout)
    return not any(t["count"] for label, t in after.items() if label.startswith("people."))


def test_the_file_is_not_a_readable_zip(filled: list[str], tmp_path: Path) -> None:
    _backup(tmp_path / "backup.zip")
    raw = (tmp_path / "backup.zip").read_bytes()
    assert raw.startswith(b"HOUBEI-ENC1\n") and b"PK\x03\x04" not in raw[:64]
    assert b"manifest.json" not in raw and b"people.person" not in raw
    assert "测试1".encode() not in raw
    assert not list(tmp_path.glob("*.plain")) and not list(tmp_path.glob("*.partial"))


def test_a_flipped_byte_is_refused(filled: Any, tmp_path: Path, empty_database: str) -> None:
    _backup(tmp_path / "backup.zip")
    raw = bytearray((tmp_path / "backup.zip").read_bytes())
    raw[len(raw) // 2] ^= 0x01
    (tmp_path / "changed.zip").write_bytes(bytes(raw))
    result = _houbei("restore", str(tmp_path / "changed.zip"), database_url=empty_database)
    assert result.returncode != 0 and "无法解密" in result.stderr
    assert _nothing_written(empty_database)


def test_a_cut_file_is_refused(filled: Any, tmp_path: Path, empty_database: str) -> None:
    _backup(tmp_path / "backup.zip")
    raw = (tmp_path / "backup.zip").read_bytes()
    (tmp_path / "cut.zip").write_bytes(raw[: len(raw) - 40])
    result = _houbei("restore", str(tmp_path / "cut.zip"), database_url=empty_database)
    assert result.returncode != 0 and "备份文件无法解密" in result.stderr
    assert not list(tmp_path.glob("*.restoring"))


def test_a_plain_zip_is_refused(tmp_path: Path, empty_database: str, db: Any) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "plain.zip", "w") as archive:
        archive.writestr("manifest.json", "{}")
    result = _houbei("restore", str(tmp_path / "plain.zip"), database_url=empty_database)
    assert result.returncode != 0 and "未加密" in result.stderr
