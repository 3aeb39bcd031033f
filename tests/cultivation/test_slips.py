"""Code slips: stored as hashes, once only, only in their class, never for another class, guessed
codes refused and rate-limited, one answer for every refusal, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.cultivation import services, slips
from houbei.cultivation.models import Attendance, CodeSlip

DURING = dt.datetime(2026, 10, 15, 9, 5, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def issued(add_class: Any, trainees: list[Any], personas: dict[str, Any]) -> Any:
    session = add_class(dt.date(2026, 10, 15))
    return session, services.issue_session_slips(session=session, actor=personas["town"])


def test_only_a_hash_of_each_code_is_stored(issued: Any) -> None:
    _, codes = issued
    stored = set(CodeSlip.objects.values_list("code_hash", flat=True))
    assert len(stored) == 3
    for _, code in codes:
        assert slips.normalise(code) not in stored and code not in stored
        assert slips.code_hash(code) in stored
    assert AuditEntry.objects.filter(action="cultivation.slips.issued").exists()


def test_a_code_signs_its_holder_in_once_during_the_class(issued: Any) -> None:
    session, codes = issued
    trainee, code = codes[0]
    first = services.sign_in_with_code(code=code.lower(), address="10.0.0.1", now=DURING)
    assert first.ok and first.session == session
    attendance = Attendance.objects.get()
    assert (attendance.trainee, attendance.status, attendance.way) == (trainee, "present", "slip")
    again = services.sign_in_with_code(code=code, address="10.0.0.1", now=DURING)
    assert not again.ok and again.message == slips.REFUSED
    assert AuditEntry.objects.filter(action="cultivation.slip.redeemed").count() == 1


def test_a_code_is_useless_before_and_after_its_class(issued: Any) -> None:
    _, codes = issued
    before = DURING - dt.timedelta(hours=2)
    after = DURING + dt.timedelta(hours=4)
    assert not services.sign_in_with_code(code=codes[0][1], address="a", now=before).ok
    assert not services.sign_in_with_code(code=codes[0][1], address="a", now=after).ok
    late = services.sign_in_with_code(
        code=codes[0][1], address="a", now=DURING + dt.timedelta(hours=1)
    )
    assert late.ok and Attendance.objects.get().status == "late"


def test_a_code_never_works_for_another_class(
    issued: Any, add_class: Any, personas: dict[str, Any]
) -> None:
    first, codes = issued
    other = add_class(dt.date(2026, 10, 22))
    services.issue_session_slips(session=other, actor=personas["town"])
    week_later = DURING + dt.timedelta(days=7)
    assert not services.sign_in_with_code(code=codes[0][1], address="a", now=week_later).ok
    assert not Attendance.objects.filter(session=other).exists()


def test_reissuing_replaces_unused_codes(issued: Any, personas: dict[str, Any]) -> None:
    session, codes = issued
    services.issue_session_slips(session=session, actor=personas["town"])
    assert CodeSlip.objects.count() == 3
    assert not services.sign_in_with_code(code=codes[0][1], address="a", now=DURING).ok


def test_unknown_used_and_expired_codes_get_the_same_answer(issued: Any) -> None:
    _, codes = issued
    services.sign_in_with_code(code=codes[0][1], address="a", now=DURING)
    answers = {
        services.sign_in_with_code(code="ZZZZ-ZZZZ", address="b", now=DURING).message,
        services.sign_in_with_code(code="短", address="b", now=DURING).message,
        services.sign_in_with_code(code=codes[0][1], address="b", now=DURING).message,
        services.sign_in_with_code(
            code=codes[1][1], address="b", now=DURING + dt.timedelta(days=1)
        ).message,
    }
    assert answers == {slips.REFUSED}


def test_guessing_is_rate_limited_per_address_and_globally(issued: Any, settings: Any) -> None:
    _, codes = issued
    for _ in range(slips.PER_CLIENT):
        assert not services.sign_in_with_code(code="ABCD-EFGH", address="1.1.1.1", now=DURING).ok
    with pytest.raises(slips.RateLimited):
        services.sign_in_with_code(code=codes[0][1], address="1.1.1.1", now=DURING)
    assert AuditEntry.objects.filter(action="cultivation.slip.limited", outcome="denied").exists()
    assert AuditEntry.objects.filter(action="cultivation.slip.refused").count() == slips.PER_CLIENT
    # another address is not held up, and the window passes
    assert services.sign_in_with_code(code=codes[0][1], address="2.2.2.2", now=DURING).ok
    later = DURING + slips.WINDOW + dt.timedelta(minutes=1)
    assert not services.sign_in_with_code(code="ABCD-EFGH", address="1.1.1.1", now=later).ok


def test_the_global_limit_stops_guessing_from_many_addresses(issued: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(slips, "GLOBAL", 5)
    for number in range(5):
        services.sign_in_with_code(code="ABCD-EFGH", address=f"10.0.0.{number}", now=DURING)
    with pytest.raises(slips.RateLimited):
        services.sign_in_with_code(code=issued[1][0][1], address="10.9.9.9", now=DURING)
