"""Screening results at rest (docs/security.md item 9, docs/decisions/0016-trust.md): the kind
and note of a fact, a joint review's note, a disqualifier decision's reason and the screening's
findings are ciphertext in their tables, each bound to its table, row and column."""

from __future__ import annotations

import base64
import datetime as dt
import os
from typing import Any

import pytest
from django.db import connection

from houbei.lib import crypto
from houbei.ops.keys import encrypted_fields, rotate_keys
from houbei.reserves import services
from houbei.reserves.models import DisqualifierDecision, JointReview, PersonFact

SECRETS = ("criminal_penalty", "abnormal_petition", "判决书第7号", "已息访两年", "列入失信名单")


def _raw(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - a fixed table name
        return repr(cursor.fetchall())


def _fact(person: Any, kind: str, note: str = "判决书第7号") -> PersonFact:
    return services.record_fact(
        person=person,
        kind=kind,
        occurred_on=dt.date(2024, 5, 1),
        period_end=None,
        note=note,
        source="公安",
        actor=None,
    )


@pytest.fixture
def screened(walk: Any, personas: Any) -> Any:
    """A candidate with a fact of each sort, a decision and a review note."""
    candidate = walk("reviewed")
    _fact(candidate.person, "criminal_penalty")
    petition = _fact(candidate.person, "abnormal_petition", note="")
    services.decide(
        candidate,
        fact=petition,
        item_code="hn2020-s1",
        decision="allow",
        reason="已息访两年",
        actor=personas["leader"],
    )
    court = JointReview.objects.get(candidate=candidate, department="court")
    services.record_opinion(court, outcome="not_passed", note="列入失信名单", actor=None)
    return candidate


def test_no_screening_result_is_plaintext_in_the_tables(screened: Any) -> None:
    tables = ("reserves_personfact", "reserves_disqualifierdecision", "reserves_jointreview")
    stored = "".join(_raw(table) for table in tables)
    audit = _raw("audit_auditentry") + _raw("reserves_candidateevent")
    for secret in SECRETS:
        assert secret not in stored, secret
    assert "已息访两年" not in audit and "列入失信名单" not in audit
    assert "criminal_penalty" not in audit


def test_the_models_read_them_back(screened: Any) -> None:
    facts = {f.kind: f for f in PersonFact.objects.filter(person=screened.person)}
    assert set(facts) == {"criminal_penalty", "abnormal_petition"}
    assert facts["criminal_penalty"].note == "判决书第7号"
    assert facts["criminal_penalty"].get_kind_display() == "受过刑事处罚"
    assert DisqualifierDecision.objects.get(candidate=screened).reason == "已息访两年"
    assert JointReview.objects.get(candidate=screened, department="court").note == "列入失信名单"


def test_a_ciphertext_moved_to_another_row_does_not_open(screened: Any) -> None:
    first, second = PersonFact.objects.filter(person=screened.person).order_by("pk")
    PersonFact.objects.filter(pk=second.pk).update(kind_sealed=first.kind_sealed)
    with pytest.raises(crypto.DecryptionError):
        _ = PersonFact.objects.get(pk=second.pk).kind
    # nor into another column of the same row
    PersonFact.objects.filter(pk=first.pk).update(note_sealed=first.kind_sealed)
    with pytest.raises(crypto.DecryptionError):
        _ = PersonFact.objects.get(pk=first.pk).note


def test_the_sealed_columns_rotate_with_the_keys(screened: Any, settings: Any) -> None:
    old, new = (base64.b64encode(os.urandom(32)).decode() for _ in range(2))
    # what the fixture's rows were written with (development keys, derived)
    derived = base64.b64encode(crypto._derive("field-encryption")).decode()
    settings.FIELD_ENCRYPTION_KEYS = [old, derived]
    crypto.reset_keys()
    try:
        fact = _fact(screened.person, "drugs", note="吸毒记录")
        settings.FIELD_ENCRYPTION_KEYS = [new, old, derived]
        crypto.reset_keys()
        counts = rotate_keys(actor=None)
        assert counts["reserves.personfact.kind_sealed"] >= 1
        settings.FIELD_ENCRYPTION_KEYS = [new]
        crypto.reset_keys()
        again = PersonFact.objects.get(pk=fact.pk)
        assert (again.kind, again.note) == ("drugs", "吸毒记录")
        assert JointReview.objects.get(candidate=screened, department="court").note
    finally:
        crypto.reset_keys()


def test_every_sealed_column_is_rotated() -> None:
    found = {(model._meta.label_lower, column) for model, column in encrypted_fields()}
    assert {
        ("reserves.personfact", "kind_sealed"),
        ("reserves.personfact", "note_sealed"),
        ("reserves.disqualifierdecision", "reason_sealed"),
        ("reserves.jointreview", "note_sealed"),
        ("reserves.politicalscreening", "findings_sealed"),
    } <= found


def test_production_never_derives_field_keys_from_the_secret_key(settings: Any) -> None:
    settings.DEBUG, settings.TESTING = False, False
    settings.FIELD_ENCRYPTION_KEYS, settings.BLIND_INDEX_KEY = [], ""
    crypto.reset_keys()
    try:
        with pytest.raises(crypto.DecryptionError, match="FIELD_ENCRYPTION_KEYS"):
            crypto.encrypt("x")
        with pytest.raises(crypto.DecryptionError, match="BLIND_INDEX_KEY"):
            crypto.blind_index("x")
    finally:
        crypto.reset_keys()
