"""Tokens (docs/security.md items 10 and 13): hashed, shown once, scoped, revoked with access."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from houbei.accounts import services as accounts
from houbei.api.models import ApiToken
from houbei.api.scopes import Scope, scopes_for
from houbei.api.tokens import create_token, digest, revoke_token
from houbei.audit.models import AuditEntry
from tests.api.conftest import ApiClient, token_for


def test_only_the_hash_of_a_token_is_stored(personas: Any) -> None:
    token, secret = create_token(name="手机端", scopes=["read"], days=30, actor=personas["town"])
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("hb_") and len(secret) > 40
    assert stored.digest == digest(secret) and secret not in str(stored.__dict__)
    entry = AuditEntry.objects.filter(action="api.token.created").latest("id")
    assert secret not in str(entry.changes) and entry.actor_username == "town"


def test_a_liaisons_token_lists_only_the_liaisons_villages(api_as: Any, tree: Any) -> None:
    response = api_as("liaison").get("/villages")
    assert response.status_code == 200
    assert {v["id"] for v in response.json()["items"]} == {tree["a1"].pk, tree["a2"].pk}


def test_no_token_a_wrong_one_and_a_session_all_get_401(client: Any, personas: Any) -> None:
    assert ApiClient(None).get("/villages").status_code == 401
    wrong = ApiClient("hb_" + "x" * 43).get("/villages")
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "unauthorized" and "令牌" in wrong.json()["message"]
    client.force_login(personas["town"])
    assert client.get("/api/v1/villages").status_code == 401


def test_a_revoked_token_gets_401(personas: Any) -> None:
    token, secret = create_token(name="a", scopes=["read"], days=7, actor=personas["town"])
    api = ApiClient(secret)
    assert api.get("/villages").status_code == 200
    assert revoke_token(token, reason="本人撤销", actor=personas["town"])
    assert api.get("/villages").status_code == 401


def test_an_expired_token_gets_401(personas: Any) -> None:
    token, secret = create_token(name="a", scopes=["read"], days=7, actor=personas["town"])
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert ApiClient(secret).get("/villages").status_code == 401


def test_a_disabled_users_token_is_dead_on_the_next_request(personas: Any) -> None:
    api = ApiClient(token_for(personas["town"]))
    assert api.get("/villages").status_code == 200
    accounts.disable_user(personas["town"], actor=personas["sysadmin"])
    assert api.get("/villages").status_code == 401
    token = ApiToken.objects.get(user=personas["town"])
    assert token.revoked_at is not None and token.revoked_reason == "账号已停用"


def test_a_role_change_revokes_the_tokens(personas: Any, tree: Any) -> None:
    user = personas["town"]
    api = ApiClient(token_for(user))
    fields = {"full_name": user.full_name, "role": "town_leader", "region": tree["town_a"]}
    accounts.update_user(user, fields=fields, actor=personas["sysadmin"])
    assert api.get("/villages").status_code == 401
    assert ApiToken.objects.live().filter(user=user).count() == 0


def test_a_token_whose_owner_changed_role_is_dead_even_unrevoked(personas: Any) -> None:
    from houbei.accounts.models import User

    api = ApiClient(token_for(personas["town"]))
    User.objects.filter(pk=personas["town"].pk).update(role="town_leader")
    assert api.get("/villages").status_code == 401


@pytest.mark.parametrize("role", ["sysadmin", "auditor", "reviewer"])
def test_administrators_cannot_create_tokens_reaching_personal_data(
    personas: Any, role: str
) -> None:
    user = personas[role]
    assert Scope.READ_PERSONAL not in scopes_for(user)
    with pytest.raises(PermissionDenied):
        create_token(name="x", scopes=[Scope.READ_PERSONAL], days=7, actor=user)
    assert not ApiToken.objects.filter(user=user).exists()


def test_a_scope_the_token_lacks_is_a_403_and_audited(api_as: Any) -> None:
    response = api_as("town", scopes=["read"]).get("/people")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden" and "权限范围" in response.json()["message"]
    assert AuditEntry.objects.filter(action="accounts.permission.denied").exists()


def test_the_rate_limit_answers_429_past_the_minutes_requests(api_as: Any, settings: Any) -> None:
    settings.API_RATE_PER_MINUTE = 3
    api = api_as("town", scopes=["read"])
    statuses = [api.get("/villages").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "每分钟" in api.get("/villages").json()["message"]
