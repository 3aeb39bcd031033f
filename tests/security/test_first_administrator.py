"""The first administrator of a deployment can log in (docs/security.md items 7 and 11): with
the production settings (second factor required for the administrators, Argon2, the password
rules) `houbei create_admin` gives an account that must change its password and enrol a second
factor; the password comes first, then the second factor, then the home page."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from houbei.accounts import totp
from houbei.accounts.models import User

LOGIN = reverse("accounts:login")
HOME = reverse("home")
CHANGE = reverse("accounts:password_change")
SECOND = reverse("accounts:second_factor")
NEW_PASSWORD = "Qx7!vertical-lantern-2026"  # noqa: S105


@pytest.fixture
def production_like(settings: Any) -> None:
    """What settings.py gives a production process (the suite switches the second factor off)."""
    settings.MFA_REQUIRED_ROLES = ["sysadmin", "auditor", "county_officer"]
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    assert django_settings.PASSWORD_MAX_AGE_DAYS == 90


def _create_admin() -> str:
    out = io.StringIO()
    call_command("create_admin", "root", "--role", "sysadmin", "--full-name", "管理员", stdout=out)
    found = re.search(r"一次性密码：(\S+)", out.getvalue())
    assert found is not None, out.getvalue()
    return found[1]


def _landing(client: Client, url: str = HOME) -> str:
    """Where the user ends up from `url`, following at most 5 redirects."""
    for _ in range(5):
        response = client.get(url)
        if response.status_code != 302:
            return url
        url = response["Location"]
    raise AssertionError(f"redirect loop through {url}")


@pytest.mark.django_db
def test_create_admin_then_password_then_second_factor_then_home(production_like: None) -> None:
    client = Client()
    password = _create_admin()
    assert client.post(LOGIN, {"username": "root", "password": password}).status_code == 302

    assert _landing(client) == CHANGE
    assert client.get(SECOND)["Location"] == CHANGE  # the password comes first
    changed = client.post(
        CHANGE,
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    assert not User.objects.get(username="root").must_change_password

    assert _landing(client) == SECOND
    assert client.get(CHANGE)["Location"] == SECOND  # no way round the second factor
    key = client.get(SECOND).context["key"]
    enrolled = client.post(SECOND, {"code": totp.code_at(key, totp.current_step())})
    assert enrolled.status_code == 302

    assert _landing(client) == reverse("accounts:user_list")
    assert User.objects.get(username="root").has_second_factor
