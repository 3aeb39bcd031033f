"""The audit export writes user text as text: no formula in the workbook, and a CSV cell a
spreadsheet would run starts with an apostrophe."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from houbei.audit import record
from tests.security.formulas import PAYLOADS, assert_text_as_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(personas: Any) -> None:
    for payload in PAYLOADS:
        record(personas["town"], "people.person.exported", None, {"note": payload})
        record(personas["town"], payload[:80], None, {})


def _export(client: Client, personas: Any, kind: str) -> bytes:
    client.force_login(personas["auditor"])
    response = client.get(reverse("audit:entry_export"), {"format": kind})
    assert response.status_code == 200
    body = response.streaming_content if response.streaming else [response.content]
    return b"".join(body)


def test_the_audit_workbook_writes_text_as_text(
    client: Client, personas: Any, entries: Any
) -> None:
    assert_text_as_text(_export(client, personas, "xlsx"), tuple(p[:80] for p in PAYLOADS))


def test_the_audit_csv_defuses_formulas(client: Client, personas: Any, entries: Any) -> None:
    text = _export(client, personas, "csv").decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    for payload in PAYLOADS:
        assert "'" + payload[:80] in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
