"""The data directory is made on first use, owner-only, with one clear line when it cannot be."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from houbei.lib.datadir import (
    DataDirError,
    ensure_private_dir,
    private_opener,
    write_private,
)

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def houbei(*args: str, data_dir: Path, extra: dict[str, str] | None = None) -> Any:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PYTEST_VERSION"}}
    env.update({"DEBUG": "true", "HOUBEI_DATA_DIR": str(data_dir), **(extra or {})})
    command = [sys.executable, "-m", "houbei", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_a_missing_directory_is_made_with_its_parents_and_mode_0700(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "var"
    ensure_private_dir(target)
    assert target.is_dir()
    assert mode(target) == 0o700


def test_an_existing_directory_open_to_others_is_narrowed_to_0700(tmp_path: Path) -> None:
    target = tmp_path / "var"
    target.mkdir(mode=0o755)
    target.chmod(0o755)
    ensure_private_dir(target)
    assert mode(target) == 0o700


def test_a_path_under_a_file_is_refused_with_the_path_and_the_reason(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DataDirError) as refused:
        ensure_private_dir(blocker / "var")
    message = str(refused.value)
    assert "无法创建数据目录" in message
    assert str(blocker / "var") in message
    assert "\n" not in message


def test_private_files_are_0600_from_the_first_byte(tmp_path: Path) -> None:
    written = tmp_path / "a.bin"
    write_private(written, b"secret")
    assert mode(written) == 0o600
    opened = tmp_path / "b.bin"
    with open(opened, "wb", opener=private_opener) as out:
        out.write(b"secret")
    assert mode(opened) == 0o600


def test_the_houbei_command_makes_the_data_directory_and_a_0600_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "new" / "var"
    done = houbei("migrate", "--no-input", "-v", "0", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "houbei.sqlite3") == 0o600


def test_the_houbei_command_gives_one_line_when_the_directory_cannot_be_made(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = houbei("check", data_dir=blocker / "var")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "无法创建数据目录" in lines[0]
    assert "Traceback" not in done.stderr
