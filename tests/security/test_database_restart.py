"""PostgreSQL restarts under a running production server (gunicorn, `houbei serve`): requests
fail cleanly while the database is down and succeed afterwards, with no server restart."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from houbei.devtools import pgcluster
from tests.security.production import houbei, production_env

# Restarts a real PostgreSQL server: runs in the PostgreSQL pass only.
pytestmark = pytest.mark.postgresql
PASSWORD = "Restart-Test-Pass-42"  # noqa: S105
CREATE_USER = (
    "from houbei.accounts.models import User; "
    f"User.objects.create_user('operator', password='{PASSWORD}', role='sysadmin')"
)


class Browser:
    """Just enough of a browser: cookies (Secure ones too, the proxy speaks TLS), HTTPS headers."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        headers = {"X-Forwarded-Proto": "https", "Origin": self.base.replace("http:", "https:")}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            response = opener.open(request, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.read().decode(errors="replace")

    def log_in(self) -> None:
        _, page = self.request("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        form = {"username": "operator", "password": PASSWORD, "csrfmiddlewaretoken": token[1]}
        status, _ = self.request("/accounts/login/", form)
        assert status == 302


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@pytest.fixture
def cluster() -> Iterator[pgcluster.Cluster]:
    with pgcluster.throwaway_cluster() as running:
        yield running


@pytest.fixture
def server(cluster: pgcluster.Cluster, tmp_path: Path) -> Iterator[str]:
    port = pgcluster.free_port()
    env = production_env(
        tmp_path,
        DATABASE_URL=cluster.url,
        HOUBEI_WORKERS="2",
        HOUBEI_BIND=f"127.0.0.1:{port}",
        MFA_REQUIRED_ROLES="",  # the operator signs in with a password only, for this test
        TRUSTED_PROXY_COUNT="1",  # the test speaks as the TLS-terminating proxy
    )
    assert houbei("migrate", "-v", "0", env=env).returncode == 0
    assert houbei("shell", "-c", CREATE_USER, env=env).returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "houbei", "serve"], env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, process)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _wait_for(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "houbei serve exited"
        try:
            if Browser(base).request("/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail("houbei serve did not start")


def test_requests_fail_cleanly_while_the_database_is_down_and_recover_after(
    cluster: pgcluster.Cluster, server: str
) -> None:
    browser = Browser(server)
    browser.log_in()
    for _ in range(4):  # every worker now holds a pooled connection
        assert browser.request("/accounts/users/")[0] == 200

    cluster.restart()  # pooled connections are now dead
    assert [browser.request("/accounts/users/")[0] for _ in range(4)] == [200] * 4

    cluster.stop()
    started = time.monotonic()
    status, page = browser.request("/accounts/users/")
    assert status == 500 and "系统暂时出错" in page and "Traceback" not in page
    assert Browser(server).request("/healthz")[0] == 503  # as a load balancer asks: no cookie
    assert time.monotonic() - started < 15  # failing fast, not hanging

    cluster.start()
    assert [browser.request("/accounts/users/")[0] for _ in range(4)] == [200] * 4
    assert Browser(server).request("/healthz")[0] == 200
