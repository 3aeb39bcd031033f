"""The audit chain's links are HMACs under a key kept outside the database (docs/security.md
item 18): whoever can write the table can edit an entry and re-chain every later one with
plain SHA-256, and that no longer verifies."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from django.db import connection

from houbei.audit import record
from houbei.audit.models import AuditEntry
from houbei.audit.services import GENESIS, _entry_digest, verify_chain
from tests.audit.test_immutability import _drop_triggers

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(personas: Any) -> list[AuditEntry]:
    return [
        record(personas["town"], "people.person.viewed", personas["town"], {"n": n})
        for n in range(3)
    ]


def _sha256_link(entry: AuditEntry) -> str:
    """What the chain's link was without a key: anyone could compute it."""
    payload = {
        "at": entry.at.isoformat(), "actor": entry.actor_id, "username": entry.actor_username,
        "role": entry.actor_role, "ip": entry.ip, "action": entry.action,
        "target": [entry.target_type, entry.target_id, entry.target_repr],
        "region": entry.region_id, "changes": entry.changes, "outcome": entry.outcome,
        "prev": entry.prev_hash,
    }  # fmt: skip
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def test_an_edited_and_rechained_log_does_not_verify(entries: list[AuditEntry]) -> None:
    assert list(verify_chain()) == []
    _drop_triggers()
    previous = GENESIS
    with connection.cursor() as cursor:
        for entry in AuditEntry.objects.order_by("id"):
            entry.changes = {"n": 99} if entry.pk == entries[1].pk else entry.changes
            entry.prev_hash = previous
            entry.hash = previous = _sha256_link(entry)
            cursor.execute(
                "UPDATE audit_auditentry SET changes = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [json.dumps(entry.changes), entry.prev_hash, entry.hash, entry.pk],
            )

    assert list(verify_chain()) != []


def test_the_links_depend_on_the_key(entries: list[AuditEntry], settings: Any) -> None:
    entry = AuditEntry.objects.order_by("id").first()
    assert entry is not None and _entry_digest(entry) == entry.hash
    settings.AUDIT_HMAC_KEY = "another key, kept in the operator's safe"
    assert _entry_digest(entry) != entry.hash
    assert list(verify_chain())
