"""`houbei serve`: gunicorn with the app's own static files, only with production settings."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from houbei.devtools.pgcluster import free_port
from tests.security.production import houbei, production_env

HTTPS = {"X-Forwarded-Proto": "https"}  # as the TLS-terminating proxy in front says


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - local test server
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp_path = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = production_env(
        tmp_path,
        HOUBEI_WORKERS="2",
        HOUBEI_BIND=f"127.0.0.1:{port}",
        TRUSTED_PROXY_COUNT="1",  # the test speaks as the TLS-terminating proxy
    )
    houbei("migrate", "-v", "0", env=env)
    process = subprocess.Popen(
        [sys.executable, "-m", "houbei", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            pytest.fail(f"houbei serve exited: {output}")
        try:
            if _get(f"{base}/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail("houbei serve did not answer within 60 s")


def test_it_serves_pages_and_static_files(server: str) -> None:
    status, headers, body = _get(f"{server}/static/houbei/app.css", HTTPS)
    assert status == 200 and b".topbar" in body
    assert "no-store" not in headers.get("Cache-Control", "")
    status, headers, body = _get(f"{server}/accounts/login/", HTTPS)
    assert status == 200 and "登录".encode() in body
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_plain_http_is_redirected_to_https(server: str) -> None:
    request = urllib.request.Request(f"{server}/accounts/login/", method="GET")  # noqa: S310
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as caught:
        opener.open(request, timeout=5)
    assert caught.value.code == 301
    assert caught.value.headers["Location"].startswith("https://")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_it_refuses_the_development_key(tmp_path: Path) -> None:
    env = production_env(tmp_path, DEBUG="true")
    del env["SECRET_KEY"]
    result = houbei("serve", env=env)
    assert result.returncode != 0 and "SECRET_KEY 仍是开发密钥" in result.stderr


def test_it_refuses_to_start_when_check_deploy_warns(tmp_path: Path) -> None:
    result = houbei("serve", env=production_env(tmp_path, DEBUG="true"))
    assert result.returncode != 0 and "security.W018" in result.stderr
