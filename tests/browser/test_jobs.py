"""A town officer imports a spreadsheet in a real Chromium: the check report, the confirmation,
the job's page with its progress bar (polled by htmx) while a real worker loop runs the job,
then the result."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from houbei.jobs.worker import run_queued
from houbei.people.models import Person
from tests.browser.test_people import log_in
from tests.people.sheets import good_rows, write_sheet


def test_an_import_runs_as_a_job_whose_page_shows_progress_then_the_result(
    live_server: LiveServer, page: Page, personas: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    sheet = write_sheet(tmp_path / "人员.xlsx", good_rows(40))
    log_in(page, live_server, "town")

    page.goto(live_server.url + "/people/import/")
    page.set_input_files("input[type=file]", str(sheet))
    page.click("text=上传并检查")
    expect(page.locator("#import-summary")).to_contain_text("全部通过检查；确认后将新增 40 人")
    page.click('button:has-text("确认导入")')

    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    expect(page.locator("#job-progress")).to_contain_text("排队中")
    expect(page.locator("progress#job-bar")).to_be_visible()
    assert Person.objects.count() == 0

    assert run_queued() == 1

    # The panel polls every second and stops once the job has ended.
    expect(page.locator("#job-progress")).to_contain_text("已完成", timeout=10_000)
    expect(page.locator("#job-count")).to_contain_text("已处理 40 / 40 行（100%）")
    expect(page.locator("#job-progress")).to_contain_text("已导入：新增 40 人")
    assert Person.objects.count() == 40
    page.click("text=查看人员列表")
    expect(page.locator("body")).to_contain_text("测试1")

    page.goto(live_server.url + "/jobs/")
    expect(page.locator("#job-list")).to_contain_text("导入人员")
    expect(page.locator("#job-list")).to_contain_text("已完成")
