"""The people export writes user text as text, never as a formula."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.formulas import PAYLOADS, assert_text_as_text

pytestmark = pytest.mark.django_db


def test_the_people_export_writes_text_as_text(
    client: Client, personas: Any, make_person: Any
) -> None:
    for payload in PAYLOADS:
        make_person(name=payload[:50], notes=payload, major=payload[:100])
    client.force_login(personas["town"])

    response = client.get(reverse("people:person_export"))

    assert response.status_code == 200
    assert_text_as_text(b"".join(response.streaming_content))
