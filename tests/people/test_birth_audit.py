"""The audit log keeps birth dates as year and month (docs/security.md §2): a masked ID number
beside a full birth date would give the number away."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from houbei.audit.models import AuditEntry
from houbei.lib import crypto
from houbei.lib.idnumber import make_id_number
from houbei.people.services import update_person

pytestmark = pytest.mark.django_db


def test_a_new_person_is_audited_with_the_birth_month(make_person: Any) -> None:
    make_person(birth=dt.date(1975, 3, 8))

    entry = AuditEntry.objects.filter(action="people.person.created").get()
    assert entry.changes["birth_date"] == {"old": None, "new": "1975-03"}


def test_a_birth_date_corrected_within_its_month_is_audited_by_month(
    personas: Any, make_person: Any
) -> None:
    person = make_person(birth=dt.date(1975, 3, 8))
    number = make_id_number("410782", dt.date(1975, 3, 9), 21)
    assert crypto.decrypt(person.id_number_encrypted) != number
    update_person(person, fields={"id_number": number}, version=1, actor=personas["town"])

    entry = AuditEntry.objects.filter(action="people.person.updated").get()
    assert entry.changes["birth_date"] == {"old": "1975-03", "new": "1975-03（日已更正）"}
    assert "1975-03-0" not in json.dumps(entry.changes)
