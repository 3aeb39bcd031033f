"""Wrong second-factor codes count per account, across sessions, and lock the account as wrong
passwords do, with an alert in the audit log (docs/security.md items 8 and 11)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from houbei.accounts import totp
from houbei.accounts.models import User
from houbei.audit.models import AuditEntry
from tests.conftest import PASSWORD

LOGIN = reverse("accounts:login")
SECOND = reverse("accounts:second_factor")
PAGE = reverse("regions:village_list")
WRONG = "12345"  # malformed: never a valid code


@pytest.fixture
def enrolled(personas: Any, settings: Any) -> str:
    """The county officer, who must pass a second factor, has enrolled; returns the key."""
    settings.MFA_REQUIRED_ROLES = ["county_officer"]
    client = _log_in()
    key = client.get(SECOND).context["key"]
    assert client.post(SECOND, {"code": totp.code_at(key, totp.current_step())}).status_code == 302
    return str(key)


def _log_in() -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": "county", "password": PASSWORD})
    assert response.status_code == 302, "login refused"
    return client


def test_wrong_codes_in_new_sessions_add_up_and_lock_the_account(
    enrolled: str, settings: Any
) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):  # each session stays under any per-session limit
        client = _log_in()
        assert client.post(SECOND, {"code": WRONG}).status_code == 200
    last = _log_in()
    response = last.post(SECOND, {"code": WRONG})

    assert response["Location"] == LOGIN
    refused = Client().post(LOGIN, {"username": "county", "password": PASSWORD})
    assert refused.status_code == 429 and "_auth_user_id" not in refused.wsgi_request.session
    alert = AuditEntry.objects.get(action="accounts.user.second_factor_locked")
    assert alert.outcome == "denied" and alert.changes["failures"] == limit


def test_a_passed_code_starts_the_count_again(enrolled: str, settings: Any) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in().post(SECOND, {"code": WRONG})
    client = _log_in()
    step = totp.current_step()
    User.objects.filter(username="county").update(totp_last_step=step - 1)
    assert client.post(SECOND, {"code": totp.code_at(enrolled, step)}).status_code == 302

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _log_in().post(SECOND, {"code": WRONG})
    assert not AuditEntry.objects.filter(action="accounts.user.second_factor_locked").exists()
    assert _log_in().get(PAGE)["Location"] == SECOND


def test_the_administrator_unlocks_it(enrolled: str, settings: Any, personas: Any) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _log_in().post(SECOND, {"code": WRONG})
    admin = Client()
    admin.force_login(personas["secadmin"])
    assert "county" in admin.get(reverse("accounts:user_list")).content.decode()

    admin.post(reverse("accounts:user_unlock", args=[personas["county"].pk]))

    assert _log_in().get(PAGE)["Location"] == SECOND
