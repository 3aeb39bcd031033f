"""Every export is rate-limited the same way (docs/security.md item 16): the sixth run of an
export within a minute is refused with 429 and writes no audit entry."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from houbei.audit.models import AuditEntry
from houbei.audit.ratelimit import EXPORTS_PER_MINUTE

pytestmark = pytest.mark.django_db

# (URL name, query, persona, the export's audit event)
EXPORTS = [
    ("risk:export_risk", {}, "town", "risk.export.downloaded"),
    ("risk:export_problems", {}, "town", "risk.export.downloaded"),
    ("reserves:roster_export", {}, "town", "reserves.roster.exported"),
    ("people:person_export", {}, "town", "people.person.exported"),
    ("audit:entry_export", {"format": "xlsx"}, "auditor", "audit.log.exported"),
]


@pytest.mark.parametrize(("name", "query", "persona", "action"), EXPORTS)
def test_each_export_is_refused_after_the_limit(
    personas: Any, name: str, query: dict[str, str], persona: str, action: str
) -> None:
    client = Client()
    client.force_login(personas[persona])
    url = reverse(name)
    for _ in range(EXPORTS_PER_MINUTE):
        assert client.get(url, query).status_code == 200
    written = AuditEntry.objects.filter(action=action).count()

    refused = client.get(url, query)

    assert refused.status_code == 429
    assert "导出过于频繁" in refused.content.decode()
    assert AuditEntry.objects.filter(action=action).count() == written
    if persona == "town":  # the limit is per account: the town leader may still export
        other = Client()
        other.force_login(personas["leader"])
        assert other.get(url, query).status_code == 200
