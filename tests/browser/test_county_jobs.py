"""The county officer's background jobs in a real Chromium (decision 0031): the county-wide
re-assessment started from the dashboard, then the risk table, above the inline limit, offered
as a job whose page gives the file once a real worker loop has run it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer
from python_calamine import CalamineWorkbook

from houbei.jobs.worker import run_queued
from houbei.risk.models import Assessment
from tests.browser.test_risk import log_in


def test_the_county_reassesses_its_towns_then_exports_the_risk_table_as_a_job(
    live_server: LiveServer, page: Page, tree: Any, personas: Any, tmp_path: Path, settings: Any
) -> None:
    from houbei.rulebook.services import create_round

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_INLINE_MAX_ROWS = 1
    create_round(
        name="2026年换届", year=2026, region=tree["county"], cutoff_date=dt.date(2026, 12, 31),
        actor=None,
    )  # fmt: skip
    log_in(page, live_server, "county")

    page.goto(live_server.url + "/risk/")
    page.click("#reassess-all")
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    expect(page.locator("#job-progress")).to_contain_text("排队中")
    assert Assessment.objects.count() == 0

    assert run_queued() == 1
    expect(page.locator("#job-progress")).to_contain_text("已完成", timeout=10_000)
    expect(page.locator("#job-progress")).to_contain_text("重新研判完成")
    villages = Assessment.objects.filter(is_latest=True).count()
    assert villages > 1

    page.goto(live_server.url + "/risk/")
    page.click("text=导出研判表")
    expect(page.locator("body")).to_contain_text("后台任务")
    page.click("#export-start")
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    assert run_queued() == 1
    expect(page.locator("#job-result")).to_be_visible(timeout=10_000)
    with page.expect_download() as download:
        page.click("#job-result")
    path = download.value.path()
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert len([r for r in rows[1:] if any(r)]) >= villages
