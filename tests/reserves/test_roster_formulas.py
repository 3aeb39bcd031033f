"""The reserve roster writes user text as text, never as a formula."""

from __future__ import annotations

from typing import Any

import pytest

from tests.security.formulas import PAYLOADS, assert_text_as_text

pytestmark = pytest.mark.django_db


def test_the_roster_writes_text_as_text(client: Any, personas: Any, walk: Any, tree: Any) -> None:
    for payload, village in zip(PAYLOADS, ("a1", "a2", "a3", "a1"), strict=True):
        walk("pooled", name=payload, village=tree[village])
    client.force_login(personas["town"])

    response = client.get("/reserves/pool/roster.xlsx")

    assert response.status_code == 200
    assert_text_as_text(b"".join(response.streaming_content))
