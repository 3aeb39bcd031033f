"""The README documents what the demo and the settings promise: it is read before anything else."""

from __future__ import annotations

import re
from pathlib import Path

from houbei.demo.foundation import ACCOUNTS, PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_lists_every_demo_login_and_the_password() -> None:
    text = readme()
    assert PASSWORD in text
    for username, *_ in ACCOUNTS:
        assert f"| `{username}` |" in text


def test_the_readme_lists_every_setting_read_from_the_environment() -> None:
    settings = (ROOT / "src" / "houbei" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', settings))
    assert names
    missing = sorted(name for name in names if f"`{name}`" not in readme())
    assert missing == []


def test_the_readme_lists_every_houbei_command() -> None:
    commands = {
        path.stem
        for path in (ROOT / "src" / "houbei").glob("*/management/commands/*.py")
        if not path.stem.startswith(("_", "bench_"))
    }
    missing = sorted(name for name in commands if f"`houbei {name}" not in readme())
    assert missing == []
