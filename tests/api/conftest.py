"""Tokens for the personas, and a client that sends one."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from houbei.api.scopes import scopes_for
from houbei.api.tokens import create_token


def token_for(user: Any, scopes: list[str] | None = None, days: int = 30) -> str:
    """A token of `user` with `scopes` (default: every scope the role may grant)."""
    _, secret = create_token(
        name="测试",
        scopes=scopes if scopes is not None else scopes_for(user),
        days=days,
        actor=user,
    )
    return secret


class ApiClient:
    def __init__(self, secret: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params, headers=self.headers)

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(
            f"/api/v1{path}", body, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api_as(personas: dict[str, Any]) -> Any:
    """api_as("liaison") or api_as("town", scopes=["read"]): a client with a fresh token."""

    def make(role: str, scopes: list[str] | None = None) -> ApiClient:
        return ApiClient(token_for(personas[role], scopes))

    return make
