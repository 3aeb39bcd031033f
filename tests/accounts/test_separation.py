"""三员分立 (docs/security.md item 3, docs/decisions/0016-trust.md): the security administrator
alone grants roles and regions, resets passwords and second factors and unlocks; the system
administrator grants nothing and sees no personal data; the auditor reads the log of both; no
account holds two of the three, and the database refuses one that tries."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from houbei.accounts.capabilities import ADMINISTRATOR_ROLES, Capability, Role, capabilities_of
from houbei.accounts.models import User

PERSONAL = {
    Capability.VIEW_PEOPLE,
    Capability.REVEAL_ID_NUMBER,
    Capability.VIEW_SCREENING,
    Capability.EXPORT_PEOPLE,
    Capability.REVIEW_CANDIDATES,
    Capability.REVEAL_FOR_REVIEW,
}
GRANTING = {Capability.GRANT_ACCESS, Capability.UNLOCK_ACCOUNTS, Capability.RESET_SECOND_FACTOR}


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_three_roles_split_the_powers(personas: Any) -> None:
    sysadmin, secadmin, auditor = (
        capabilities_of(personas[name]) for name in ("sysadmin", "secadmin", "auditor")
    )
    assert secadmin >= GRANTING and not GRANTING & sysadmin and not GRANTING & auditor
    assert Capability.VIEW_AUDIT in auditor
    assert Capability.VIEW_AUDIT not in sysadmin | secadmin
    assert not PERSONAL & (sysadmin | secadmin | auditor)
    assert {Role.SYSADMIN, Role.SECURITY_ADMIN, Role.AUDITOR} == ADMINISTRATOR_ROLES


def test_the_system_administrator_cannot_grant_or_take_over_an_account(
    personas: Any, tree: Any
) -> None:
    admin = _as(personas["sysadmin"])
    county = personas["county"]
    form = {"full_name": "x", "role": "county_officer", "region": tree["county"].pk}
    refused = [
        admin.post(reverse("accounts:user_create"), {**form, "username": "mole"}),
        admin.post(reverse("accounts:user_edit", args=[personas["town"].pk]), form),
        admin.post(reverse("accounts:user_password_reset", args=[county.pk])),
        admin.post(reverse("accounts:user_unlock", args=[county.pk])),
        admin.post(reverse("accounts:user_second_factor_reset", args=[county.pk])),
    ]
    assert [r.status_code for r in refused] == [403] * 5
    assert not User.objects.filter(username="mole").exists()
    assert User.objects.get(pk=personas["town"].pk).role == "town_staff"
    assert User.objects.get(pk=county.pk).password == county.password


def test_the_system_administrator_sees_the_account_but_no_form(personas: Any) -> None:
    page = _as(personas["sysadmin"]).get(reverse("accounts:user_edit", args=[personas["town"].pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "由安全管理员授予" in body
    assert reverse("accounts:user_password_reset", args=[personas["town"].pk]) not in body
    assert 'name="role"' not in body
    listing = _as(personas["sysadmin"]).get(reverse("accounts:user_list")).content.decode()
    assert reverse("accounts:user_create") not in listing


def test_the_security_administrator_sees_the_form(personas: Any) -> None:
    page = _as(personas["secadmin"]).get(reverse("accounts:user_edit", args=[personas["town"].pk]))
    body = page.content.decode()
    assert 'name="role"' in body
    assert reverse("accounts:user_password_reset", args=[personas["town"].pk]) in body


@pytest.mark.parametrize("name", ["people:person_list", "regions:village_list", "audit:entry_list"])
def test_neither_administrator_reaches_personal_data_or_the_log(personas: Any, name: str) -> None:
    for admin in ("sysadmin", "secadmin"):
        assert _as(personas[admin]).get(reverse(name)).status_code == 403


def test_the_auditor_reads_what_both_administrators_did(personas: Any, tree: Any) -> None:
    _as(personas["sysadmin"]).post(reverse("accounts:user_disable", args=[personas["town"].pk]))
    form = {"full_name": "新", "role": "town_leader", "region": tree["town_a"].pk}
    _as(personas["secadmin"]).post(reverse("accounts:user_edit", args=[personas["town"].pk]), form)
    page = _as(personas["auditor"]).get(reverse("audit:entry_list"))
    shown = {(e.actor_username, e.action) for e in page.context["page"].items}
    assert ("sysadmin", "accounts.user.disabled") in shown
    assert ("secadmin", "accounts.user.updated") in shown


@pytest.mark.parametrize("fields", [{"role": "sysadmin+auditor"}, {"role": ""}])
def test_the_database_refuses_an_unknown_or_combined_role(
    personas: Any, fields: dict[str, Any]
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=personas["sysadmin"].pk).update(**fields)


def test_the_database_refuses_a_superuser(personas: Any) -> None:
    """A superuser would hold every role at once."""
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=personas["secadmin"].pk).update(is_superuser=True)


@pytest.mark.parametrize("role", ["sysadmin", "security_admin", "auditor"])
def test_create_admin_creates_each_of_the_three(tree: Any, role: str) -> None:
    out = io.StringIO()
    call_command("create_admin", "admin1", "--role", role, "--region", "410782000000", stdout=out)
    assert User.objects.get(username="admin1").role == role
    assert "一次性密码" in out.getvalue()


def test_an_administrator_cannot_be_made_another_one(personas: Any, tree: Any) -> None:
    """No page reaches an administrator account, so none can be turned into a second one."""
    admin = _as(personas["secadmin"])
    form = {"full_name": "x", "role": "town_staff", "region": tree["town_a"].pk}
    for target in ("sysadmin", "auditor"):
        url = reverse("accounts:user_edit", args=[personas[target].pk])
        assert admin.post(url, form).status_code == 404
    assert User.objects.get(pk=personas["sysadmin"].pk).role == "sysadmin"
