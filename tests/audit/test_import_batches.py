"""One audit entry per import: the people it created are its batch items, each with a keyed
digest of its values; `houbei audit verify` checks both, and a person's history shows the import
(docs/decisions/0027-import-audit-per-batch.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from houbei.audit.maintenance import audit_deletes_allowed
from houbei.audit.models import AuditEntry, AuditImmutableError, BatchItem
from houbei.audit.services import verify_batches, verify_chain
from houbei.people.importer import Scope, import_people
from houbei.people.models import Person
from houbei.people.services import update_person
from tests.people.sheets import good_rows, write_sheet

pytestmark = pytest.mark.django_db


def _import(personas: Any, tmp_path: Path, count: int = 5, name: str = "名单.xlsx") -> Any:
    path = write_sheet(tmp_path / name, good_rows(count))
    town = personas["town"]
    report = import_people(str(path), scope=Scope.of_user(town), actor=town, filename=name)
    assert report.written
    return AuditEntry.objects.get(action="people.import.completed")


def _verify() -> str:
    try:
        call_command("audit", "verify", checkpoint=Path("/nonexistent/checkpoint"))
    except CommandError as error:
        return str(error)
    return ""


def test_an_import_is_one_entry_and_verifies(personas: Any, tmp_path: Path) -> None:
    before = AuditEntry.objects.count()

    entry = _import(personas, tmp_path, count=12)

    assert AuditEntry.objects.count() == before + 1
    assert BatchItem.objects.filter(entry=entry).count() == 12 == entry.changes["batch_items"]
    assert len(entry.changes["sha256"]) == 64
    assert list(verify_chain()) == [] and list(verify_batches()) == []
    assert _verify() == ""


def test_a_person_changed_behind_the_applications_back_is_found(
    personas: Any, tmp_path: Path
) -> None:
    _import(personas, tmp_path)
    person = Person.objects.order_by("id").last()
    assert person is not None
    Person.objects.filter(pk=person.pk).update(phone="13000000000")  # no service, no entry

    problems = list(verify_batches())

    assert problems == [
        f"人员（编号 {person.pk}）的数据与导入时记录的摘要不符（导入后未经系统被改动）"
    ]
    assert "发现 1 处问题" in _verify()


def test_a_person_edited_through_the_application_still_verifies_and_shows_both(
    personas: Any, tmp_path: Path
) -> None:
    entry = _import(personas, tmp_path)
    person = Person.objects.order_by("id").first()
    assert person is not None

    update_person(person, fields={"phone": "13000000000"}, version=1, actor=personas["town"])

    assert list(verify_batches()) == []
    history = list(AuditEntry.objects.for_object(person).order_by("id"))
    assert [e.action for e in history] == ["people.import.completed", "people.person.updated"]
    assert history[0] == entry


def test_batch_items_cannot_be_changed_or_removed_unnoticed(personas: Any, tmp_path: Path) -> None:
    entry = _import(personas, tmp_path)
    item = BatchItem.objects.filter(entry=entry).first()
    assert item is not None
    with pytest.raises(AuditImmutableError):
        item.save()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_batchitem SET digest = %s", ["0" * 64])

    with audit_deletes_allowed("test"), connection.cursor() as cursor:  # a superuser's delete
        cursor.execute("DELETE FROM audit_batchitem WHERE id = %s", [item.pk])

    assert list(verify_batches()) == [
        f"第 {entry.pk} 条记录（批量导入）的条目与其摘要不符：记录 5 条，现存 4 条"
        "（条目被改动、增加或删除）"
    ]


def test_a_refused_import_files_no_items(personas: Any, tmp_path: Path) -> None:
    rows = good_rows(3)
    rows[1][1] = "123"  # a bad ID number: nothing is written
    path = write_sheet(tmp_path / "bad.xlsx", rows)

    report = import_people(str(path), scope=Scope.of_user(personas["town"]), actor=personas["town"])

    assert not report.written and not BatchItem.objects.exists()
    refused = AuditEntry.objects.get(action="people.import.refused")
    assert "batch_digest" not in refused.changes
    assert list(verify_batches()) == []


def test_the_person_page_shows_the_import_that_created_them(
    personas: Any, tmp_path: Path, client: Client, django_assert_max_num_queries: Any
) -> None:
    entry = _import(personas, tmp_path, name="三月名单.xlsx")
    person = Person.objects.order_by("id").first()
    assert person is not None
    client.force_login(personas["town"])
    url = reverse("people:person_detail", args=[person.pk])
    client.get(url)  # the first view's one-off queries (session, capabilities)

    with django_assert_max_num_queries(20) as counted:
        page = client.get(url).content.decode()

    assert "导入人员" in page and "三月名单.xlsx" in page and entry.actor_username in page
    update_person(person, fields={"phone": "13000000000"}, version=1, actor=personas["town"])
    with django_assert_max_num_queries(len(counted.captured_queries)):
        client.get(url)
