"""Fixtures that drive the system Chromium through Playwright's sync API.

Tests here use pytest-django's ``live_server`` and the ``page`` (desktop) or
``phone_page`` fixtures. Every test in this folder carries the ``browser``
marker, so ``pytest -m "not browser"`` leaves them out.

``live_server`` flushes the database after each test, so ``tree`` and ``personas``
are built for each test here instead of being shared (tests/worlds.py). The flush
is ``houbei flush``, which empties the audit log inside the maintenance switch of
migration audit/0003: the append-only triggers stay in place throughout.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    ViewportSize,
    sync_playwright,
)

from tests.conftest import build_personas, build_tree

HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = ViewportSize(width=1280, height=900)
PHONE = ViewportSize(width=390, height=844)
# Each test phase's report, so fixtures can tell in teardown whether the test failed.
REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()
MISSING_CHROMIUM = "Chromium not found (set CHROMIUM_PATH or install the Debian package chromium)"


def find_chromium() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API runs an event loop in this thread; the ORM calls made by the tests
    and live_server would trip Django's async-safety check. Only while browser tests run, so the
    variable never leaks into other tests (`check --deploy` refuses it)."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # tryfirst: the marker must be on before `-m` deselects.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, Any]:
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {MISSING_CHROMIUM}", pytrace=False)
        pytest.skip(MISSING_CHROMIUM)
    return path


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(chromium_path: str, playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


def _failed(request: pytest.FixtureRequest) -> bool:
    reports = request.node.stash.get(REPORTS, {})
    return any(report.failed for report in reports.values())


def _screenshot_path(request: pytest.FixtureRequest) -> Path:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid).strip("_")
    folder = request.config.rootpath / "var" / "test-artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.png"


def _open_page(
    browser: Browser, request: pytest.FixtureRequest, viewport: ViewportSize, **options: Any
) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(locale="zh-CN", viewport=viewport, **options)
    page = context.new_page()
    try:
        yield page
        if _failed(request):
            page.screenshot(path=_screenshot_path(request), full_page=True)
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A desktop page (1280×900, zh-CN) in a fresh browser context."""
    yield from _open_page(browser, request, DESKTOP)


@pytest.fixture
def phone_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A phone-sized page (390×844, touch, zh-CN) in a fresh browser context."""
    yield from _open_page(browser, request, PHONE, is_mobile=True, has_touch=True)


@pytest.fixture
def tree(transactional_db: Any) -> dict[str, Any]:
    """Built for each test: the live server's flush would wipe a shared one."""
    return build_tree()


@pytest.fixture
def personas(tree: dict[str, Any]) -> dict[str, Any]:
    return build_personas(tree)
