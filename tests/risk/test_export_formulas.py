"""The risk table and the problem list write user text as text, never as a formula."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from houbei.regions.models import Region
from tests.security.formulas import PAYLOADS, assert_text_as_text

pytestmark = pytest.mark.django_db
DUE = dt.date(2026, 12, 1)


def test_the_risk_table_writes_text_as_text(assessed: Any, login: Any, tree: Any) -> None:
    from houbei.risk.models import Assessment

    latest = Assessment.objects.filter(is_latest=True, village__town=tree["town_a"])
    villages = list(latest.values_list("village", flat=True))
    assert len(villages) == 3
    for village, payload in zip(villages, PAYLOADS[:3], strict=False):
        Region.objects.filter(pk=village).update(name=payload)

    response = login("town").get(reverse("risk:export_risk"))

    assert response.status_code == 200
    assert_text_as_text(b"".join(response.streaming_content), PAYLOADS[:3])


def test_the_problem_list_writes_text_as_text(tree: Any, risk_round: Any, login: Any) -> None:
    from houbei.risk.services import create_problem

    for payload in PAYLOADS:
        fields = {
            "kind": "petition_backlog",
            "title": payload,
            "owner_name": payload,
            "due_on": DUE,
        }
        create_problem(village=tree["a1"], election_round=risk_round, fields=fields, actor=None)

    response = login("town").get(reverse("risk:export_problems"))

    assert response.status_code == 200
    assert_text_as_text(b"".join(response.streaming_content))
