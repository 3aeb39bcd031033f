"""The API's pages in a real Chromium: a town officer creates a token (shown once) and revokes
it; the interactive docs load from the app's own files under its CSP, with no external request."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from houbei.api.models import ApiToken
from houbei.api.tokens import digest
from tests.browser.test_people import log_in


def test_a_token_is_shown_once_works_and_is_revoked(
    live_server: LiveServer, page: Page, personas: Any
) -> None:
    log_in(page, live_server, "town")
    page.click("nav >> text=访问令牌")
    page.fill("#id_name", "乡镇手机端")
    page.check("input[name=scopes][value=read]")
    page.click("button[type=submit]:has-text('创建')")
    secret = page.locator("#token-secret").inner_text().strip()
    assert secret.startswith("hb_")
    assert ApiToken.objects.get(name="乡镇手机端").digest == digest(secret)

    answer = page.request.get(
        live_server.url + "/api/v1/villages", headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status == 200 and answer.json()["items"]

    page.click("text=返回访问令牌列表")
    expect(page.locator("#token-table")).not_to_contain_text(secret)
    page.click("#token-table >> button:has-text('撤销')")
    expect(page.locator("#token-table")).to_contain_text("已撤销")
    again = page.request.get(
        live_server.url + "/api/v1/villages", headers={"Authorization": f"Bearer {secret}"}
    )
    assert again.status == 401


def test_the_docs_load_with_no_external_request_and_no_csp_violation(
    live_server: LiveServer, page: Page, personas: Any
) -> None:
    hosts: set[str] = set()
    errors: list[str] = []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    log_in(page, live_server, "town")
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.locator(".swagger-ui .title")).to_contain_text("houbei 数据接口")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    page.locator(".opblock-summary-path", has_text="/api/v1/villages").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    assert hosts == {urlsplit(live_server.url).netloc}
    assert (missing, errors) == ([], [])
