"""A query failing in the middle of a write: a generic Chinese error page, no partial rows, no
traceback; the next request works."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse

from houbei.accounts.models import PasswordHistory, User
from houbei.audit.models import AuditEntry
from houbei.lib.idnumber import make_id_number
from houbei.people.models import Person
from tests.conftest import build_personas, build_tree

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tree(transactional_db: Any) -> dict[str, Any]:
    """Built for each test: the flush that ends a transactional test would wipe a shared one."""
    return build_tree()


@pytest.fixture
def personas(tree: dict[str, Any]) -> dict[str, Any]:
    return build_personas(tree)


@contextmanager
def failing(statement_start: str) -> Iterator[list[str]]:
    """Every query starting like this raises DatabaseError, as a dropped connection would."""
    seen: list[str] = []

    def wrapper(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        if sql.lstrip().upper().startswith(statement_start.upper()):
            seen.append(sql)
            raise DatabaseError("injected: connection lost")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield seen


def _admin(personas: Any) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(personas["secadmin"])
    return client


def _account_form(tree: Any) -> dict[str, Any]:
    return {
        "username": "newstaff",
        "full_name": "王五",
        "role": "town_staff",
        "region": tree["town_a"].pk,
    }


def _assert_generic_error_page(response: Any) -> None:
    body = response.content.decode()
    assert response.status_code == 500
    assert "系统暂时出错" in body
    for leak in (
        "Traceback",
        "DatabaseError",
        "injected",
        "INSERT",
        "audit_auditentry",
        "SECRET_KEY",
    ):
        assert leak not in body


def test_a_failed_audit_write_undoes_the_account_it_was_for(
    personas: Any, tree: Any, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.DEBUG = False
    client = _admin(personas)
    history_before = PasswordHistory.objects.count()
    with failing('INSERT INTO "audit_auditentry"') as seen:
        response = client.post(reverse("accounts:user_create"), _account_form(tree))
    assert seen  # the fault did fire, after the account row was written
    _assert_generic_error_page(response)
    assert not User.objects.filter(username="newstaff").exists()
    assert PasswordHistory.objects.count() == history_before
    assert any(r.levelno == logging.ERROR and r.exc_info for r in caplog.records)

    assert client.get(reverse("accounts:user_list")).status_code == 200
    assert client.post(reverse("accounts:user_create"), _account_form(tree)).status_code == 200
    assert User.objects.filter(username="newstaff").exists()


def test_a_failed_audit_write_undoes_the_person_it_was_for(personas: Any, tree: Any) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(personas["town"])
    form = {
        "name": "赵六", "id_number": make_id_number("410782", dt.date(1968, 11, 23), 37),
        "ethnicity": "01", "political_status": "13", "education": "61",
        "village": tree["a1"].pk, "health": "healthy",
    }  # fmt: skip
    entries = AuditEntry.objects.count()
    with failing('INSERT INTO "audit_auditentry"'):
        response = client.post(reverse("people:person_create"), form)
    _assert_generic_error_page(response)
    assert not Person.objects.exists() and AuditEntry.objects.count() == entries
    assert client.post(reverse("people:person_create"), form).status_code == 302
    assert Person.objects.filter(name="赵六").count() == 1


def test_with_debug_off_an_error_shows_no_traceback_or_settings(
    personas: Any, settings: Any
) -> None:
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(personas["town"])
    with failing("SELECT"):
        response = client.get(reverse("people:person_list"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Traceback" not in body and "SELECT" not in body and "settings" not in body.lower()
