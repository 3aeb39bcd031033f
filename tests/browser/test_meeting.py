"""The weekly judgement meeting in a real Chromium: the town office adds a member to the leading
group, records this week's meeting and assigns an action to the liaison, who finds it on the
workbench and closes it (issue 13 §7)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.test_risk import log_in

pytestmark = pytest.mark.browser


def test_the_town_records_a_meeting_and_the_liaison_closes_its_action(
    live_server: LiveServer, page: Page, tree: Any, personas: Any
) -> None:
    from houbei.rulebook.services import create_round

    election_round = create_round(
        name="2026年换届", year=2026, region=tree["county"], cutoff_date=dt.date(2026, 12, 31),
        actor=None,
    )  # fmt: skip
    log_in(page, live_server, "town")
    page.goto(f"{live_server.url}/rounds/{election_round.pk}/")
    page.click("#leading-group >> text=添加成员")
    page.select_option("#id_position", "head")
    page.fill("#id_name", "王建军")
    page.fill("#id_duty", "全面负责全镇换届工作")
    page.click("button[type=submit]")
    expect(page.locator("#leading-group")).to_contain_text("全面负责全镇换届工作")

    page.goto(f"{live_server.url}/risk/meetings/new/")
    page.check("text=王建军（组长）")
    page.fill("#id_decisions", "团相村书记人选两周内提出意见。")
    page.click("button.primary")
    expect(page.locator("#decisions")).to_contain_text("团相村书记人选两周内提出意见。")
    page.fill("#id_task", "走访张屯村党员")
    page.select_option("#id_owner", label="liaison（包村干部）")
    page.fill("#id_due_on", (timezone.localdate() + dt.timedelta(days=7)).isoformat())
    page.click("form[action$='/actions/'] button")
    expect(page.locator(".messages")).to_contain_text("已交办给liaison")

    page.click(".account button")
    log_in(page, live_server, "liaison")
    page.click("#wb-meeting_actions a")
    page.fill("input[name=note]", "已走访")
    page.click("tr.meeting-action button")
    expect(page.locator(".messages")).to_contain_text("交办事项已办结")
