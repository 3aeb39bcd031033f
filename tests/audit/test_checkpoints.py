"""The audit log against deletion and truncation (docs/security.md item 18, docs/decisions/
0016-trust.md): ids run without gaps and `houbei audit verify` names the missing ones; a signed
checkpoint (count and head) written by `houbei audit checkpoint` and into every backup
catches a cut tail and a log re-chained by someone who holds the key; the maintenance switch
is refused outside development and tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from houbei.audit import checkpoints, record
from houbei.audit.maintenance import audit_deletes_allowed
from houbei.audit.models import AuditEntry
from houbei.audit.services import GENESIS, _entry_digest, verify_chain
from tests.audit.test_immutability import _drop_triggers

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(personas: Any) -> list[AuditEntry]:
    return [
        record(personas["town"], "people.person.viewed", personas["town"], {"n": n})
        for n in range(4)
    ]


def _delete(pk: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [pk])


def _rechain() -> None:
    """What someone holding the chain key can do: every link made valid again."""
    previous = GENESIS
    with connection.cursor() as cursor:
        for entry in AuditEntry.objects.order_by("id"):
            entry.prev_hash = previous
            entry.hash = previous = _entry_digest(entry)
            cursor.execute(
                "UPDATE audit_auditentry SET prev_hash = %s, hash = %s WHERE id = %s",
                [entry.prev_hash, entry.hash, entry.pk],
            )


def test_ids_run_without_gaps_even_after_a_rolled_back_entry(entries: list[AuditEntry]) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        record(None, "people.person.viewed", None, {})
        raise RuntimeError
    after = record(None, "people.person.viewed", None, {})
    assert after.pk == entries[-1].pk + 1
    ids = list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
    assert ids == list(range(ids[0], ids[0] + len(ids)))


def test_a_deleted_and_rechained_entry_is_named_by_its_id(entries: list[AuditEntry]) -> None:
    _drop_triggers()
    _delete(entries[1].pk)
    _rechain()
    assert list(verify_chain()) == [f"缺少第 {entries[1].pk} 条记录（编号不连续：记录被删除）"]


def test_a_cut_tail_passes_the_chain_but_not_the_checkpoint(
    entries: list[AuditEntry], tmp_path: Path
) -> None:
    point = tmp_path / "points.jsonl"
    call_command("audit", "checkpoint", "--file", str(point))
    call_command("audit", "verify", "--checkpoint", str(point))
    _drop_triggers()
    _delete(entries[-1].pk)
    assert list(verify_chain()) == []  # the rest of the chain is intact
    with pytest.raises(CommandError, match="审计日志哈希链已损坏"):
        call_command("audit", "verify", "--checkpoint", str(point))
    assert any("已不存在" in p for p in checkpoints.check(checkpoints.latest(point) or {}))


def test_a_rechained_log_does_not_match_the_checkpoint(entries: list[AuditEntry]) -> None:
    checkpoint = checkpoints.take()
    _drop_triggers()
    _delete(entries[0].pk)
    _rechain()
    problems = list(checkpoints.check(checkpoint))
    assert any("哈希与检查点不符" in p for p in problems)
    assert any(f"现存其中 {checkpoint['count'] - 1} 条" in p for p in problems)


def test_a_forged_checkpoint_is_refused(entries: list[AuditEntry]) -> None:
    checkpoint = {**checkpoints.take(), "count": 1}
    assert list(checkpoints.check(checkpoint)) == ["检查点的签名不符（检查点被改动或密钥不同）"]


def test_the_checkpoint_file_is_private_and_appended(
    entries: list[AuditEntry], tmp_path: Path
) -> None:
    point = tmp_path / "audit" / "points.jsonl"
    call_command("audit", "checkpoint", "--file", str(point))
    record(None, "people.person.viewed", None, {})
    call_command("audit", "checkpoint", "--file", str(point))
    lines = point.read_text().splitlines()
    assert len(lines) == 2 and point.stat().st_mode & 0o777 == 0o600
    assert json.loads(lines[1])["count"] == json.loads(lines[0])["count"] + 1


def test_every_backup_manifest_holds_a_signed_checkpoint(
    entries: list[AuditEntry], tmp_path: Path
) -> None:
    from tests.ops.test_backup_restore import _backup

    manifest = _backup(tmp_path / "backup.zip")
    checkpoint = manifest["audit_checkpoint"]
    assert checkpoint["count"] == AuditEntry.objects.count()
    assert list(checkpoints.check(checkpoint)) == []


def test_the_maintenance_switch_is_refused_in_production(settings: Any) -> None:
    settings.DEBUG, settings.TESTING = False, False
    with pytest.raises(PermissionError, match="生产环境不能打开"), audit_deletes_allowed("x"):
        pass
