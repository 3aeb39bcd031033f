"""`houbei serve` keeps personal data out of its access log (docs/security.md item 23): a
query string (a name search, a typed ID number, a paging token) is never written. Without
TRUSTED_PROXY_COUNT no forwarded header is believed, and no response names the server
(docs/security.md item 2)."""

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
from tests.ops.test_serve import HTTPS, _get, _NoRedirect
from tests.security.production import houbei, production_env

SECRET_QUERY = "q=410782197503080011&after=b3V5YW5n"


@pytest.fixture(scope="module")
def logged_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server with no proxy declared, whose output (the access log among it) goes to a file."""
    tmp_path = tmp_path_factory.mktemp("serve-log")
    port = free_port()
    env = production_env(tmp_path, HOUBEI_WORKERS="1", HOUBEI_BIND=f"127.0.0.1:{port}")
    houbei("migrate", "-v", "0", env=env)
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "houbei", "serve"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base, process, log)
            yield base, log
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def _wait(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"houbei serve exited: {log.read_text()}")
        try:
            if _get(f"{base}/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail("houbei serve did not answer within 60 s")


def _logged(log: Path, path: str) -> str:
    """The access log's lines for `path`, once the server has written them."""
    for _ in range(50):
        lines = [line for line in log.read_text().splitlines() if path in line]
        if lines:
            return "\n".join(lines)
        time.sleep(0.1)
    raise AssertionError(f"no access log line for {path}: {log.read_text()}")


def test_the_access_log_has_paths_but_no_query_strings(logged_server: tuple[str, Path]) -> None:
    base, log = logged_server
    referrer = {"Referer": f"{base}/people/?{SECRET_QUERY}"}
    status, _, _ = _get(f"{base}/healthz?{SECRET_QUERY}", referrer)
    assert status == 200

    lines = _logged(log, "/healthz")
    assert "GET /healthz HTTP/1.1" in lines and " 200 " in lines
    assert "410782197503080011" not in log.read_text()
    assert "b3V5YW5n" not in log.read_text()


def test_no_response_names_the_server(logged_server: tuple[str, Path]) -> None:
    base, _ = logged_server
    status, headers, _ = _get(f"{base}/healthz")
    assert status == 200
    assert "Server" not in headers and "gunicorn" not in str(headers).lower()
    request = urllib.request.Request(f"{base}/accounts/login/")  # noqa: S310 - local server
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.build_opener(_NoRedirect).open(request, timeout=5)
    assert caught.value.code == 301 and "Server" not in caught.value.headers


def test_a_forwarded_https_claim_is_not_believed_without_a_declared_proxy(
    logged_server: tuple[str, Path],
) -> None:
    base, _ = logged_server
    request = urllib.request.Request(f"{base}/accounts/login/", headers=HTTPS)  # noqa: S310
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.build_opener(_NoRedirect).open(request, timeout=5)
    assert caught.value.code == 301
    assert caught.value.headers["Location"].startswith("https://")
