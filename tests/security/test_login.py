"""Login: lockout by username across addresses, no enumeration, audited, Argon2 hashes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse

from houbei.accounts.models import User
from houbei.audit.models import AuditEntry
from tests.conftest import PASSWORD

LOGIN = reverse("accounts:login")
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _try(username: str, password: str, address: str = "10.1.1.1") -> Any:
    return Client().post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(settings: Any, username: str, times: int | None = None) -> None:
    for attempt in range(times if times is not None else settings.AXES_FAILURE_LIMIT):
        _try(username, f"wrong-{attempt}", address=f"10.9.{attempt}.{attempt + 1}")


def test_failures_from_different_addresses_lock_the_username(personas: Any, settings: Any) -> None:
    _fail(settings, "town", settings.AXES_FAILURE_LIMIT - 1)
    assert _try("town", PASSWORD, "10.2.2.2").status_code == 302  # one short: still open
    _fail(settings, "town")
    response = _try("town", PASSWORD, "172.16.0.9")
    assert response.status_code == 429
    assert "账号已临时锁定" in response.content.decode()


def test_a_lockout_of_one_user_leaves_colleagues_on_the_same_address_alone(
    personas: Any, settings: Any
) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _try("town", f"wrong-{attempt}", address="10.0.0.1")
    assert _try("leader", PASSWORD, address="10.0.0.1").status_code == 302


def _age_failures(by: dt.timedelta) -> None:
    from axes.models import AccessAttempt

    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - by)


def test_the_lockout_ends_after_the_cool_off(personas: Any, settings: Any) -> None:
    _fail(settings, "town")
    cool_off = dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    _age_failures(cool_off - dt.timedelta(minutes=1))
    assert _try("town", PASSWORD).status_code == 429  # not yet
    _age_failures(dt.timedelta(minutes=2))
    assert _try("town", PASSWORD).status_code == 302


def _normalised(response: Any, username: str) -> str:
    return _TOKEN.sub("", response.content.decode()).replace(username, "USERNAME")


def test_unknown_user_and_wrong_password_get_the_same_answer(personas: Any) -> None:
    unknown = _try("nobody-here", "Wrong-Passw0rd-1")
    wrong = _try("town", "Wrong-Passw0rd-1")
    assert unknown.status_code == wrong.status_code == 200
    assert _normalised(unknown, "nobody-here") == _normalised(wrong, "town")
    assert "用户名或密码错误" in wrong.content.decode()


def test_a_disabled_account_gets_the_same_answer_as_a_wrong_password(personas: Any) -> None:
    User.objects.filter(pk=personas["town"].pk).update(is_active=False)
    disabled = _try("town", PASSWORD)
    wrong = _try("leader", "Wrong-Passw0rd-1")
    assert _normalised(disabled, "town") == _normalised(wrong, "leader")


def test_unknown_users_are_locked_out_like_known_ones(personas: Any, settings: Any) -> None:
    _fail(settings, "nobody-here")
    _fail(settings, "town")
    assert _try("nobody-here", "x").status_code == _try("town", "x").status_code == 429


def test_login_logout_and_failures_are_audited_without_the_password(personas: Any) -> None:
    _try("town", "Secret-Wrong-9x", address="10.7.7.7")
    client = Client()
    client.post(LOGIN, {"username": "town", "password": PASSWORD}, REMOTE_ADDR="10.7.7.8")
    client.post(reverse("accounts:logout"), REMOTE_ADDR="10.7.7.8")
    failed, logged_in, logged_out = (
        AuditEntry.objects.get(action=f"accounts.user.{verb}")
        for verb in ("login_failed", "logged_in", "logged_out")
    )
    assert failed.changes == {"username": "town"} and failed.outcome == "failed"
    assert failed.ip == "10.7.7.7"
    assert logged_in.actor == personas["town"] and logged_in.ip == "10.7.7.8"
    assert logged_out.actor == personas["town"]
    everything = str(list(AuditEntry.objects.values()))
    assert "Secret-Wrong-9x" not in everything and PASSWORD not in everything


def test_new_password_hashes_are_argon2(personas: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    user = User.objects.create_user("fresh", password="Fresh-Passw0rd-77", role="town_staff")
    assert user.password.startswith("argon2$argon2id$")


def test_an_old_pbkdf2_hash_is_upgraded_to_argon2_at_login(personas: Any, settings: Any) -> None:
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    User.objects.filter(pk=personas["town"].pk).update(password=old)

    assert _try("town", PASSWORD).status_code == 302

    assert User.objects.get(pk=personas["town"].pk).password.startswith("argon2$")
