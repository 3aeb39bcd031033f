"""Smaller hardening (docs/security.md items 2 and 3): Permissions-Policy and
Cross-Origin-Resource-Policy on pages and static files, SameSite=Strict cookies, and forwarded
headers believed only behind a declared proxy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.security.production import houbei, production_env

pytestmark = pytest.mark.django_db


def test_pages_and_static_files_carry_the_browser_policies(client: Client) -> None:
    for url in (reverse("accounts:login"), "/static/houbei/app.css"):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_session_and_csrf_cookies_are_samesite_strict(personas: Any) -> None:
    client = Client()
    page = client.get(reverse("accounts:login"))
    assert page.cookies["csrftoken"]["samesite"] == "Strict"
    client.post(reverse("accounts:login"), {"username": "town", "password": PASSWORD})
    assert client.cookies["sessionid"]["samesite"] == "Strict"


SHOW = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.SECURE_PROXY_SSL_HEADER, settings.TRUSTED_PROXY_COUNT)"
)


@pytest.mark.parametrize(
    ("proxies", "expected"),
    [(None, "None 0"), ("0", "None 0"), ("1", "('HTTP_X_FORWARDED_PROTO', 'https') 1")],
)
def test_forwarded_https_is_believed_only_behind_a_declared_proxy(
    tmp_path: Path, proxies: str | None, expected: str
) -> None:
    import subprocess
    import sys

    env = production_env(tmp_path)
    env.pop("TRUSTED_PROXY_COUNT", None)
    if proxies is not None:
        env["TRUSTED_PROXY_COUNT"] = proxies
    env["DJANGO_SETTINGS_MODULE"] = "houbei.settings"
    shown = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == expected
    assert houbei("check", "--deploy", "--fail-level", "WARNING", env=env).returncode == 0
