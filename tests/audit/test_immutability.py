"""The audit log is append-only: the ORM refuses changes, the database refuses them too, and the
hash chain shows any change made behind both."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from houbei.audit import record
from houbei.audit.models import AuditEntry, AuditImmutableError
from houbei.audit.services import verify_chain


@pytest.fixture
def entries(personas: Any) -> list[AuditEntry]:
    return [
        record(personas["town"], "people.person.viewed", personas["town"], {"n": n})
        for n in range(3)
    ]


def test_the_orm_refuses_to_update_or_delete(entries: list[AuditEntry]) -> None:
    entry = entries[0]
    entry.action = "changed"
    with pytest.raises(AuditImmutableError):
        entry.save()
    with pytest.raises(AuditImmutableError):
        entry.delete()
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="changed")
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.all().delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET action = 'changed'",
        "DELETE FROM audit_auditentry",
    ],
)
def test_the_database_refuses_raw_updates_and_deletes(entries: list[AuditEntry], sql: str) -> None:
    before = list(AuditEntry.objects.values_list("id", "action"))
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert list(AuditEntry.objects.values_list("id", "action")) == before


@pytest.mark.postgresql  # TRUNCATE triggers exist on PostgreSQL only
def test_postgresql_refuses_truncate(entries: list[AuditEntry]) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditentry")


def _drop_triggers() -> None:
    """Inside the test's transaction only: rolled back with it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER audit_entry_no_change ON audit_auditentry")
        else:
            cursor.execute("DROP TRIGGER audit_entry_no_update")
            cursor.execute("DROP TRIGGER audit_entry_no_delete")


def test_an_intact_chain_verifies(entries: list[AuditEntry]) -> None:
    assert list(verify_chain()) == []
    call_command("audit", "verify")


def test_a_changed_entry_breaks_the_chain(entries: list[AuditEntry]) -> None:
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'x' WHERE id = %s", [entries[1].pk])
    assert list(verify_chain()) == [f"第 {entries[1].pk} 条记录的内容与哈希不符（记录被篡改）"]


def test_a_deleted_entry_breaks_the_chain(entries: list[AuditEntry]) -> None:
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[1].pk])
    assert list(verify_chain()) == [
        f"缺少第 {entries[1].pk} 条记录（编号不连续：记录被删除）",
        f"第 {entries[2].pk} 条记录的前序哈希不连续（记录被删除或插入）",
    ]


def test_the_verify_command_exits_1_with_a_chinese_description(
    entries: list[AuditEntry], capsys: pytest.CaptureFixture[str]
) -> None:
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET changes = %s WHERE id = %s", ['{"n": 9}', entries[0].pk]
        )
    with pytest.raises(CommandError) as caught:
        call_command("audit", "verify")
    assert caught.value.returncode == 1
    assert "审计日志哈希链已损坏" in str(caught.value)
    assert "记录被篡改" in capsys.readouterr().err
