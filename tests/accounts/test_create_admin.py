"""Administrators come from the command line, with a one-time password; none exists by default."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from houbei.accounts.models import User, UserSession
from houbei.audit.models import AuditEntry


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("create_admin", *args, stdout=out)
    return out.getvalue()


def _password(output: str) -> str:
    found = re.search(r"一次性密码：(\S+)", output)
    assert found is not None, output
    return found[1]


def test_a_fresh_database_has_no_account(db: Any) -> None:
    assert not User.objects.exists()


def test_it_creates_an_administrator_who_must_change_the_password(db: Any) -> None:
    password = _password(_run("root1", "--role", "sysadmin", "--full-name", "管理员"))
    admin = User.objects.get(username="root1")
    assert admin.role == "sysadmin" and admin.must_change_password
    assert admin.check_password(password)
    client = Client()
    client.post(reverse("accounts:login"), {"username": "root1", "password": password})
    assert client.get(reverse("accounts:user_list"))["Location"] == reverse(
        "accounts:password_change"
    )
    entry = AuditEntry.objects.get(action="accounts.admin.created")
    assert password not in str(entry.changes)


def test_an_auditor_needs_a_region(tree: Any) -> None:
    with pytest.raises(CommandError, match="审计员须用 --region"):
        _run("audit1", "--role", "auditor")
    _run("audit1", "--role", "auditor", "--region", "410782000000")
    assert User.objects.get(username="audit1").region == tree["county"]


def test_only_administrator_roles_are_created(db: Any) -> None:
    with pytest.raises(CommandError):
        _run("someone", "--role", "town_staff")


def test_reset_gives_a_new_password_and_ends_sessions(personas: Any) -> None:
    client = Client()
    client.force_login(personas["auditor"])
    new = _password(_run("auditor", "--reset"))
    auditor = User.objects.get(username="auditor")
    assert auditor.check_password(new) and auditor.must_change_password
    assert not UserSession.objects.filter(user=auditor).exists()
    assert AuditEntry.objects.filter(action="accounts.admin.password_reset").count() == 1


def test_reset_refuses_business_accounts(personas: Any) -> None:
    with pytest.raises(CommandError, match="没有名为 town 的管理员账号"):
        _run("town", "--reset")
