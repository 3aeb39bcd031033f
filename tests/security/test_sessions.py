"""Session lifecycle: a new key at login, logout ends it, idle and absolute limits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from houbei.accounts.models import UserSession
from tests.conftest import PASSWORD

LOGIN = reverse("accounts:login")
PAGE = reverse("people:person_list")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.timedelta], None]:
    """Moves Django's clock forward (sessions, their expiry and the absolute limit read it)."""
    real_now = timezone.now
    offset = [dt.timedelta(0)]
    monkeypatch.setattr(timezone, "now", lambda: real_now() + offset[0])

    def advance(delta: dt.timedelta) -> None:
        offset[0] += delta

    return advance


def _logged_in(username: str = "town") -> Client:
    client = Client()
    assert client.post(LOGIN, {"username": username, "password": PASSWORD}).status_code == 302
    return client


def test_login_issues_a_new_session_key(personas: Any) -> None:
    client = Client()
    client.get(LOGIN)
    client.cookies["sessionid"] = "attacker-fixed-session-key"
    client.post(LOGIN, {"username": "town", "password": PASSWORD})
    assert client.cookies["sessionid"].value != "attacker-fixed-session-key"
    assert UserSession.objects.filter(session_key=client.cookies["sessionid"].value).exists()


def test_an_anonymous_session_is_replaced_at_login(personas: Any) -> None:
    client = Client()
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key
    client.post(LOGIN, {"username": "town", "password": PASSWORD})
    assert client.cookies["sessionid"].value != before
    assert not UserSession.objects.filter(session_key=before).exists()


def test_logout_ends_the_session_on_the_server(personas: Any) -> None:
    client = _logged_in()
    key = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    assert not UserSession.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies["sessionid"] = key
    assert replay.get(PAGE).status_code == 302


def test_logout_refuses_get(personas: Any) -> None:
    client = _logged_in()
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(PAGE).status_code == 200


def test_sessions_are_tied_to_their_user(personas: Any) -> None:
    client = _logged_in()
    session = UserSession.objects.get(session_key=client.cookies["sessionid"].value)
    assert session.user == personas["town"]


def test_an_idle_session_expires_after_the_idle_timeout(
    personas: Any, clock: Any, settings: Any
) -> None:
    client = _logged_in()
    idle = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    clock(idle - dt.timedelta(minutes=1))
    assert client.get(PAGE).status_code == 200  # activity renews the session
    clock(idle - dt.timedelta(minutes=1))
    assert client.get(PAGE).status_code == 200
    clock(idle + dt.timedelta(seconds=1))
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_an_active_session_ends_at_the_absolute_limit(
    personas: Any, clock: Any, settings: Any
) -> None:
    client = _logged_in()
    step = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE) - dt.timedelta(minutes=5)
    elapsed = dt.timedelta(0)
    while elapsed + step < dt.timedelta(seconds=settings.SESSION_ABSOLUTE_SECONDS):
        clock(step)
        elapsed += step
        assert client.get(PAGE).status_code == 200, elapsed
    clock(step)
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert client.get(PAGE).status_code == 302


def test_the_session_cookie_is_secure_httponly_and_same_site(personas: Any, settings: Any) -> None:
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    client = Client()
    page = client.get(LOGIN)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Strict"
    response = client.post(LOGIN, {"username": "town", "password": PASSWORD})
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Strict"


def _session_writes(client: Client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    table = UserSession._meta.db_table
    return sum(1 for q in queries if table in q["sql"] and not q["sql"].startswith("SELECT"))


def test_the_session_is_saved_at_most_once_a_minute(personas: Any, clock: Any) -> None:
    """Renewing the idle expiry on every page cost three queries a page: now once a minute."""
    client = _logged_in()
    clock(dt.timedelta(seconds=30))
    assert _session_writes(client) == 0  # the login saved it 30 s ago
    clock(dt.timedelta(seconds=31))
    assert _session_writes(client) == 1
    assert _session_writes(client) == 0
