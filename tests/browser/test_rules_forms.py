"""The county changes the rules through forms in a real Chromium: an age cap and a colour band,
each previewed before saving (the cadres over the cap, the colours under the new band), and the
history reads both changes in Chinese."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.test_risk import log_in, town  # noqa: F401 - the fixture is used by name


def _open_section(page: Page, title: str) -> None:
    page.click("nav >> text=换届规则")
    page.click("#round-table a")
    page.locator("section.rule-section", has_text=title).locator("a.button").click()
    expect(page.locator("h1")).to_contain_text(f"修改规则：{title}")


def test_a_county_officer_changes_an_age_cap_and_a_colour_band_with_a_preview(
    live_server: LiveServer,
    page: Page,
    town: Any,  # noqa: F811
) -> None:
    from houbei.risk.services import run_assessment

    run = run_assessment(region=town["county"], actor=None)
    log_in(page, live_server, "county")

    _open_section(page, "在任干部年龄上限")
    expect(page.locator("main")).not_to_contain_text("secretary")
    page.fill("#id_secretary", "55")
    page.click("#preview-button")
    preview = page.locator("#rules-preview")
    expect(preview).to_contain_text("在任干部年龄上限 村党组织书记 由 60 岁 改为 55 岁")
    expect(preview).to_contain_text("现任干部到截止日超过年龄上限：村党组织书记 0 人")
    page.fill("#id_note", "按县里文件调整书记年龄上限")
    page.fill("#id_source_document", "辉组〔2026〕3号")
    page.click("#save-button")
    expect(page.locator(".messages")).to_contain_text("已保存为第 2 版")

    _open_section(page, "选情研判规则")
    page.fill("#id_colours__0__min", "101")
    page.click("#preview-button")
    expect(page.locator("#field-colours__0__min")).to_contain_text("100")  # out of range
    page.fill("#id_colours__0__min", "90")
    page.click("#preview-button")
    preview = page.locator("#rules-preview")
    expect(preview).to_contain_text("选情研判规则 绿色最低分 由 80 分 改为 90 分")
    expect(preview).to_contain_text(f"最近一次研判的 {run.villages} 个村")
    page.fill("#id_note", "提高绿色门槛")
    page.click("#save-button")
    expect(page.locator(".messages")).to_contain_text("已保存为第 3 版")

    page.click("text=版本历史")
    expect(page.locator("#version-3")).to_contain_text(
        "选情研判规则 绿色最低分 由 80 分 改为 90 分"
    )
    expect(page.locator("#version-2")).to_contain_text(
        "在任干部年龄上限 村党组织书记 由 60 岁 改为 55 岁"
    )
    expect(page.locator("#version-2")).to_contain_text("辉组〔2026〕3号")
