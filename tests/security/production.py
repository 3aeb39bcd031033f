"""Running `houbei` in a child process with production settings (no pytest, DEBUG off)."""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTEST_VERSION", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="houbei.example.gov.cn,127.0.0.1",
        HOUBEI_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        FIELD_ENCRYPTION_KEYS=base64.b64encode(secrets.token_bytes(32)).decode(),
        BLIND_INDEX_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
        AUDIT_HMAC_KEY=secrets.token_urlsafe(32),
    )
    env.update(overrides)
    return env


def houbei(*args: str, env: dict[str, str], **options: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "houbei", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **options,
    )
