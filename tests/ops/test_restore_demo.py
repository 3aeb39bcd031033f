"""Backup of the full demo town (every stage of every capability, pooled candidates among
them) restores into an empty database: table by table equal, the guarded invariants re-checked
(the pool guard refuses a pooled candidate without a passed joint review) and the audit chain
verified (docs/security.md item 28), on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from django.test import override_settings

from houbei.demo import build_demo
from houbei.ops.tables import digests
from houbei.reserves.choices import REVIEWED_STAGES
from houbei.reserves.models import Candidate
from tests.ops.sealing import archive, rewritten
from tests.ops.test_backup_restore import DIGESTS, _backup, _child, _houbei, empty_database

__all__ = ["empty_database"]  # fixture

pytestmark = pytest.mark.django_db
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_full_demo_survives_backup_and_restore(tmp_path: Path, empty_database: str) -> None:
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        build_demo()
    pooled = Candidate.objects.filter(stage__in=REVIEWED_STAGES).count()
    assert pooled > 0 and Candidate.objects.values("stage").distinct().count() >= 6
    _backup(tmp_path / "backup.zip")
    source = digests()

    restored = _houbei("restore", str(tmp_path / "backup.zip"), database_url=empty_database)

    assert restored.returncode == 0, restored.stderr
    after = _child("-c", DIGESTS, database_url=empty_database)
    assert json.loads(after.stdout) == source
    assert _houbei("audit", "verify", database_url=empty_database).returncode == 0


def test_a_backup_that_breaks_the_pool_guard_is_refused(
    tmp_path: Path, empty_database: str
) -> None:
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        build_demo()
    _backup(tmp_path / "backup.zip")
    broken = tmp_path / "broken.zip"
    _without_joint_reviews(tmp_path / "backup.zip", broken)

    restored = _houbei("restore", str(broken), database_url=empty_database)

    assert restored.returncode != 0
    assert "未经联审不得入库" in restored.stderr


def _without_joint_reviews(source: Path, target: Path) -> None:
    """A consistent-looking backup (its manifest rewritten) with no joint review at all."""
    member = "tables/reserves.jointreview.jsonl"
    with archive(source) as old, rewritten(target) as new:
        manifest = json.loads(old.read("manifest.json"))
        for table in manifest["tables"]:
            if table["file"] == member:
                table["count"], table["sha256"] = 0, hashlib.sha256(b"").hexdigest()
        for name in old.namelist():
            if name == "manifest.json":
                new.writestr(name, json.dumps(manifest, ensure_ascii=False))
            else:
                new.writestr(name, b"" if name == member else old.read(name))
