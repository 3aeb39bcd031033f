"""The security administrator's account pages: business accounts only, every change audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from houbei.accounts.models import User, UserSession
from houbei.audit.models import AuditEntry
from tests.conftest import PASSWORD

LOGIN = reverse("accounts:login")


def _as(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def _form(tree: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    data = {
        "username": "newstaff",
        "full_name": "王五",
        "role": "town_staff",
        "region": tree["town_a"].pk,
        "department": "",
        "villages": "",
    }
    return {**data, **overrides}


def _last(action: str) -> AuditEntry:
    entry = AuditEntry.objects.filter(action=action).first()
    assert entry is not None, action
    return entry


def test_the_list_shows_business_accounts_but_no_administrator(
    client: Client, personas: Any
) -> None:
    response = _as(client, personas["secadmin"]).get(reverse("accounts:user_list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert ">liaison<" in body and ">town_b<" in body
    assert ">auditor<" not in body and ">sysadmin<" not in body and ">secadmin<" not in body


def test_the_list_searches_by_name_and_role(client: Client, personas: Any) -> None:
    response = _as(client, personas["secadmin"]).get(
        reverse("accounts:user_list"), {"q": "town", "role": "town_staff"}
    )
    body = response.content.decode()
    assert ">town<" in body and ">town_b<" in body and ">leader<" not in body


def test_the_list_costs_the_same_at_ten_and_sixty_accounts(
    client: Client, personas: Any, tree: Any
) -> None:
    _as(client, personas["secadmin"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("accounts:user_list")).status_code == 200
        return len(captured)

    User.objects.bulk_create(
        [User(username=f"u{i:03}", role="town_staff", region=tree["town_a"]) for i in range(4)]
    )
    small = queries()
    User.objects.bulk_create(
        [User(username=f"v{i:03}", role="liaison", region=tree["town_a"]) for i in range(60)]
    )
    assert queries() == small


def test_creating_an_account_shows_a_one_time_password_once(
    client: Client, personas: Any, tree: Any
) -> None:
    response = _as(client, personas["secadmin"]).post(reverse("accounts:user_create"), _form(tree))
    assert response.status_code == 200
    password = response.context["password"]
    user = User.objects.get(username="newstaff")
    assert user.check_password(password) and user.must_change_password
    assert password in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    entry = _last("accounts.user.created")
    assert entry.actor == personas["secadmin"] and entry.target_id == str(user.pk)
    assert password not in str(entry.changes) and "password" not in entry.changes


def test_the_new_account_must_change_its_password_at_first_login(
    client: Client, personas: Any, tree: Any
) -> None:
    response = _as(client, personas["secadmin"]).post(reverse("accounts:user_create"), _form(tree))
    password = response.context["password"]
    newcomer = Client()
    newcomer.post(LOGIN, {"username": "newstaff", "password": password})
    page = newcomer.get(reverse("people:person_list"))
    assert page.status_code == 302 and page["Location"] == reverse("accounts:password_change")


def test_a_liaison_gets_villages_by_name_or_code(client: Client, personas: Any, tree: Any) -> None:
    data = _form(tree, role="liaison", villages=f"张屯村\n{tree['a2'].code}")
    _as(client, personas["secadmin"]).post(reverse("accounts:user_create"), data)
    user = User.objects.get(username="newstaff")
    assert set(user.villages.all()) == {tree["a1"], tree["a2"]}


def test_a_village_of_another_town_is_refused_and_nothing_saved(
    client: Client, personas: Any, tree: Any
) -> None:
    data = _form(tree, role="liaison", villages="蒋庄村")
    response = _as(client, personas["secadmin"]).post(reverse("accounts:user_create"), data)
    assert "吴村镇没有村“蒋庄村”" in response.content.decode()
    assert not User.objects.filter(username="newstaff").exists()


def test_a_role_needs_a_region_of_its_level(client: Client, personas: Any, tree: Any) -> None:
    data = _form(tree, role="county_officer")
    response = _as(client, personas["secadmin"]).post(reverse("accounts:user_create"), data)
    assert "县委组织部的所属区划应为县(市、区)" in response.content.decode()
    assert not User.objects.filter(username="newstaff").exists()


def test_a_reviewer_needs_a_department(client: Client, personas: Any, tree: Any) -> None:
    data = _form(tree, role="reviewer", region=tree["county"].pk)
    response = _as(client, personas["secadmin"]).post(reverse("accounts:user_create"), data)
    assert "请选择联审部门" in response.content.decode()


@pytest.mark.parametrize("role", ["sysadmin", "auditor", "security_admin"])
def test_no_administrator_role_can_be_granted_from_the_page(
    client: Client, personas: Any, tree: Any, role: str
) -> None:
    data = _form(tree, role=role, region=tree["county"].pk)
    response = _as(client, personas["secadmin"]).post(reverse("accounts:user_create"), data)
    assert response.status_code == 200 and "role" in response.context["form"].errors
    assert not User.objects.filter(username="newstaff").exists()


def test_a_taken_username_is_refused(client: Client, personas: Any, tree: Any) -> None:
    data = _form(tree, username="TOWN")
    response = _as(client, personas["secadmin"]).post(reverse("accounts:user_create"), data)
    assert "该用户名已被使用" in response.content.decode()


def test_editing_changes_role_and_region_and_audits_old_and_new(
    client: Client, personas: Any, tree: Any
) -> None:
    town = personas["town"]
    data = _form(tree, role="town_leader", region=tree["town_b"].pk, full_name="新名字")
    response = _as(client, personas["secadmin"]).post(
        reverse("accounts:user_edit", args=[town.pk]), data
    )
    assert response.status_code == 302
    town.refresh_from_db()
    assert (town.role, town.region, town.full_name) == ("town_leader", tree["town_b"], "新名字")
    changes = _last("accounts.user.updated").changes
    assert changes["role"] == {"old": "town_staff", "new": "town_leader"}


def test_the_edit_page_shows_the_account(client: Client, personas: Any) -> None:
    liaison = personas["liaison"]
    response = _as(client, personas["secadmin"]).get(
        reverse("accounts:user_edit", args=[liaison.pk])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "410782106201" in body and "410782106202" in body


def test_disabling_ends_every_session_and_enabling_does_not_revive_them(
    client: Client, personas: Any
) -> None:
    liaison_client = Client()
    liaison_client.force_login(personas["liaison"])
    other_device = Client()
    other_device.force_login(personas["liaison"])
    assert UserSession.objects.filter(user=personas["liaison"]).count() == 2
    admin = _as(client, personas["secadmin"])

    admin.post(reverse("accounts:user_disable", args=[personas["liaison"].pk]))

    assert UserSession.objects.filter(user=personas["liaison"]).count() == 0
    assert liaison_client.get(reverse("people:person_list")).status_code == 302
    admin.post(reverse("accounts:user_enable", args=[personas["liaison"].pk]))
    assert other_device.get(reverse("people:person_list")).status_code == 302
    assert _last("accounts.user.disabled").changes == {"sessions_ended": 2}
    assert _last("accounts.user.enabled").target_id == str(personas["liaison"].pk)


def test_a_disabled_account_cannot_log_in(client: Client, personas: Any) -> None:
    _as(client, personas["secadmin"]).post(
        reverse("accounts:user_disable", args=[personas["town"].pk])
    )
    response = Client().post(LOGIN, {"username": "town", "password": PASSWORD})
    assert response.status_code == 200 and "用户名或密码错误" in response.content.decode()


def test_unlocking_lets_a_locked_out_account_in_again(
    client: Client, personas: Any, settings: Any
) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        Client().post(
            LOGIN, {"username": "town", "password": "wrong"}, REMOTE_ADDR=f"10.0.0.{attempt}"
        )
    admin = _as(client, personas["secadmin"])
    page = admin.get(reverse("accounts:user_edit", args=[personas["town"].pk]))
    assert page.context["locked"] is True
    assert Client().post(LOGIN, {"username": "town", "password": PASSWORD}).status_code == 429

    admin.post(reverse("accounts:user_unlock", args=[personas["town"].pk]))

    assert Client().post(LOGIN, {"username": "town", "password": PASSWORD}).status_code == 302
    assert _last("accounts.user.unlocked").changes["attempts_cleared"] >= 1


def test_a_password_reset_ends_sessions_and_forces_a_change(client: Client, personas: Any) -> None:
    town_client = Client()
    town_client.force_login(personas["town"])
    response = _as(client, personas["secadmin"]).post(
        reverse("accounts:user_password_reset", args=[personas["town"].pk])
    )
    password = response.context["password"]
    assert town_client.get(reverse("people:person_list")).status_code == 302
    fresh = Client()
    assert fresh.post(LOGIN, {"username": "town", "password": password}).status_code == 302
    assert fresh.get(reverse("people:person_list"))["Location"] == reverse(
        "accounts:password_change"
    )
    assert password not in str(_last("accounts.password.reset").changes)


@pytest.mark.parametrize(
    "name", ["user_disable", "user_enable", "user_unlock", "user_password_reset"]
)
def test_actions_refuse_get(client: Client, personas: Any, name: str) -> None:
    response = _as(client, personas["secadmin"]).get(
        reverse(f"accounts:{name}", args=[personas["town"].pk])
    )
    assert response.status_code == 405


def test_other_roles_are_refused(client: Client, personas: Any) -> None:
    town = _as(client, personas["town"])
    assert town.get(reverse("accounts:user_list")).status_code == 403
    response = town.post(reverse("accounts:user_disable", args=[personas["liaison"].pk]))
    assert response.status_code == 403
    assert User.objects.get(pk=personas["liaison"].pk).is_active


@pytest.mark.parametrize("target", ["auditor", "sysadmin", "secadmin"])
def test_administrator_accounts_are_out_of_reach(
    client: Client, personas: Any, target: str
) -> None:
    admin = _as(client, personas["secadmin"])
    pk = personas[target].pk
    assert admin.get(reverse("accounts:user_edit", args=[pk])).status_code == 404
    assert admin.post(reverse("accounts:user_password_reset", args=[pk])).status_code == 404


def test_a_regional_administrator_cannot_reach_another_town(
    client: Client, personas: Any, tree: Any
) -> None:
    local_admin = User.objects.create_user("admin_b", role="security_admin", region=tree["town_b"])
    admin = _as(client, local_admin)
    assert admin.get(reverse("accounts:user_edit", args=[personas["town_b"].pk])).status_code == 200
    assert admin.get(reverse("accounts:user_edit", args=[personas["town"].pk])).status_code == 404
    response = admin.post(reverse("accounts:user_disable", args=[personas["town"].pk]))
    assert response.status_code == 404 and User.objects.get(pk=personas["town"].pk).is_active
