"""Exporting the person list: xlsx, Chinese headers, masked numbers, scoped, audited, limited."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from houbei.audit.models import AuditEntry
from houbei.lib import crypto
from houbei.people.exporter import EXPORTS_PER_MINUTE
from houbei.people.importer.columns import HEADERS
from houbei.people.models import Person
from tests.people.factories import bulk_people

pytestmark = pytest.mark.django_db


def export(client: Client, personas: Any, who: str = "town", **query: Any) -> Any:
    client.force_login(personas[who])
    return client.get(reverse("people:person_export"), query)


def rows_of(response: Any) -> list[list[Any]]:
    content = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def test_the_export_has_chinese_headers_and_masked_numbers(
    client: Client, personas: Any, make_person: Any
) -> None:
    person = make_person(name="张三", backgrounds=["veteran"], political_status="01")

    rows = rows_of(export(client, personas))

    assert tuple(rows[0]) == HEADERS
    assert rows[1][0] == "张三" and rows[1][1] == person.id_number_masked
    assert rows[1][5] == "中共党员" and rows[1][11] == "退役军人" and rows[1][10] == "张屯村"
    assert crypto.decrypt(person.id_number_encrypted) not in str(rows)


def test_the_export_holds_only_the_users_region_and_follows_the_filters(
    client: Client, personas: Any, tree: Any
) -> None:
    bulk_people(tree["a1"], 3)
    bulk_people(tree["a2"], 2, start=3)
    bulk_people(tree["b1"], 4, start=5)

    assert len(rows_of(export(client, personas))) == 1 + 5
    assert len(rows_of(export(client, personas, village=tree["a2"].pk))) == 1 + 2
    assert len(rows_of(export(client, personas, "county"))) == 1 + 9


def test_each_export_writes_one_audit_entry_with_the_row_count(
    client: Client, personas: Any, tree: Any
) -> None:
    bulk_people(tree["a1"], 7)

    response = export(client, personas, political_status="13")

    b"".join(response.streaming_content)
    entry = AuditEntry.objects.get(action="people.person.exported")
    held = sorted(Person.objects.filter(village=tree["a1"]).values_list("pk", flat=True))
    assert entry.changes == {
        "rows": 7,
        "filters": {"political_status": "13"},
        "id_numbers": "masked",
        "people": held,  # whose records the file held (docs/security.md §2)
    }
    assert entry.region_id == tree["town_a"].pk


def test_exports_are_limited_per_minute(client: Client, personas: Any) -> None:
    for _ in range(EXPORTS_PER_MINUTE):
        assert export(client, personas).status_code == 200

    refused = export(client, personas)

    assert refused.status_code == 429
    assert "导出过于频繁" in refused.content.decode()


def test_a_liaison_may_not_export(client: Client, personas: Any) -> None:
    assert export(client, personas, "liaison").status_code == 403


def test_the_export_refuses_a_post(client: Client, personas: Any) -> None:
    client.force_login(personas["town"])

    assert client.post(reverse("people:person_export")).status_code == 405


def _written(tmp_path: Any, personas: Any, name: str) -> tuple[int, int, list[list[Any]]]:
    """write_people to a path, as a background job calls it: rows, queries, the sheet."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from houbei.people.exporter import write_people

    target = tmp_path / name
    with CaptureQueriesContext(connection) as queries:
        count = write_people(target, actor=personas["town"], filters={})
    sheet = CalamineWorkbook.from_path(str(target)).get_sheet_by_index(0).to_python()
    return count, len(queries), sheet


def test_the_export_runs_without_a_request_in_the_same_queries_at_two_sizes(
    personas: Any, tree: Any, tmp_path: Any
) -> None:
    bulk_people(tree["a1"], 3)
    small, small_queries, sheet = _written(tmp_path, personas, "3.xlsx")
    bulk_people(tree["a2"], 40, start=3)
    large, large_queries, _ = _written(tmp_path, personas, "43.xlsx")

    assert (small, large) == (3, 43) and len(sheet) == 1 + 3
    assert small_queries == large_queries
    entries = AuditEntry.objects.filter(action="people.person.exported").order_by("pk")
    assert [entry.changes["rows"] for entry in entries] == [3, 43]
