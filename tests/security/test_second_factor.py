"""TOTP second factor: required where configured; wrong and replayed codes refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from houbei.accounts import totp
from houbei.accounts.models import User
from houbei.audit.models import AuditEntry
from houbei.lib import crypto
from tests.conftest import PASSWORD

LOGIN = reverse("accounts:login")
SECOND = reverse("accounts:second_factor")
PAGE = reverse("regions:village_list")


def test_the_algorithm_matches_rfc_6238() -> None:
    key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
    assert totp.code_at(key, 59 // 30, digits=8) == "94287082"
    assert totp.code_at(key, 1111111109 // 30, digits=8) == "07081804"
    assert totp.matching_step(key, totp.code_at(key, 100), now=100 * 30 + 5) == 100
    assert totp.matching_step(key, totp.code_at(key, 100), now=103 * 30) is None


@pytest.fixture
def required(settings: Any) -> None:
    settings.MFA_REQUIRED_ROLES = ["county_officer"]


def _log_in(username: str = "county") -> Client:
    client = Client()
    assert client.post(LOGIN, {"username": username, "password": PASSWORD}).status_code == 302
    return client


def _enrol(client: Client) -> str:
    key = client.get(SECOND).context["key"]
    response = client.post(SECOND, {"code": totp.code_at(key, totp.current_step())})
    assert response.status_code == 302
    return str(key)


def test_a_required_role_must_enrol_before_anything_else(personas: Any, required: None) -> None:
    client = _log_in()
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"] == SECOND
    page = client.get(SECOND)
    assert page.context["enrolling"] and page.context["key"] in page.content.decode()
    key = _enrol(client)
    assert client.get(PAGE).status_code == 200
    county = User.objects.get(username="county")
    assert crypto.decrypt(county.totp_key_encrypted) == key  # stored encrypted
    assert key not in county.totp_key_encrypted
    assert AuditEntry.objects.filter(action="accounts.user.second_factor_enrolled").count() == 1


def test_other_roles_are_not_asked(personas: Any, required: None) -> None:
    assert _log_in("town").get(PAGE).status_code == 200


def test_a_setting_requires_it_for_everyone(personas: Any, settings: Any) -> None:
    settings.MFA_REQUIRED_FOR_ALL = True
    assert _log_in("town").get(PAGE)["Location"] == SECOND


def test_wrong_and_replayed_codes_are_refused(personas: Any, required: None) -> None:
    key = _enrol(_log_in())
    client = _log_in()
    assert client.get(PAGE)["Location"] == SECOND
    wrong = client.post(
        SECOND,
        {"code": "000000" if totp.code_at(key, totp.current_step()) != "000000" else "111111"},
    )
    assert wrong.status_code == 200 and "动态口令不正确" in wrong.content.decode()
    assert client.get(PAGE)["Location"] == SECOND
    # the enrolment code cannot be used again, not even in a new session
    used = User.objects.get(username="county").totp_last_step
    assert used is not None
    replay = client.post(SECOND, {"code": totp.code_at(key, used)})
    assert replay.status_code == 200
    step = totp.current_step()
    User.objects.filter(username="county").update(totp_last_step=step - 1)
    fresh = client.post(SECOND, {"code": totp.code_at(key, step)})
    assert fresh.status_code == 302 and client.get(PAGE).status_code == 200
    failed = AuditEntry.objects.filter(action="accounts.user.second_factor_failed")
    assert failed.count() == 2 and all(e.outcome == "failed" for e in failed)


def test_five_wrong_codes_end_the_session(personas: Any, required: None) -> None:
    _enrol(_log_in())
    client = _log_in()
    for _ in range(5):
        response = client.post(SECOND, {"code": "12345"})  # malformed: always wrong
    assert response["Location"] == LOGIN
    assert client.get(PAGE)["Location"].startswith(LOGIN)


def test_the_administrator_can_clear_a_lost_second_factor(personas: Any, required: None) -> None:
    county = _log_in()
    _enrol(county)
    admin = Client()
    admin.force_login(personas["secadmin"])
    # county officers are business accounts; the administrator manages them
    admin.post(reverse("accounts:user_second_factor_reset", args=[personas["county"].pk]))
    assert not User.objects.get(username="county").has_second_factor
    assert county.get(PAGE)["Location"].startswith(LOGIN)  # sessions ended
    assert _log_in().get(SECOND).context["enrolling"]
