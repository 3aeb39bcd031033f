"""The app comes up in a real Chromium."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer


def test_the_login_page_asks_for_a_password(live_server: LiveServer, page: Page) -> None:
    page.goto(live_server.url + "/accounts/login/")

    expect(page.locator('input[type="password"]')).to_be_visible()
