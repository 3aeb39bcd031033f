"""The weekly assessment in a real Chromium: the town office runs it, reads why a village is red
and asks for another colour with a reason; the leader approves; the change is in the village's
history and the audit log. A liaison records a survey on a phone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.conftest import PASSWORD


def log_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator(".account")).to_contain_text(username)


@pytest.fixture
def town(tree: Any, personas: Any, make_person: Any) -> Any:
    """The round, a full committee in 张屯村 (surveyed), nobody in 潘村 and 王展村."""
    from houbei.people.models import Role
    from houbei.people.services import appoint_to_post
    from houbei.risk.services import record_survey
    from houbei.rulebook.services import create_round

    election_round = create_round(
        name="2026年换届", year=2026, region=tree["county"], cutoff_date=dt.date(2026, 12, 31),
        actor=None,
    )  # fmt: skip
    for n, role in enumerate(["secretary", "chair", "member", "member", "member"]):
        person = make_person(village=tree["a1"], name=f"成员{n}", birth=dt.date(1980 + n, 5, 1))
        appoint_to_post(
            person=person, village=tree["a1"], role=Role(role), term_start=dt.date(2021, 3, 1),
            actor=None,
        )  # fmt: skip
        fields = {"source": "talk", "attitude": "stay", "performance": 5, "conduct": 5,
                  "intention": "run_again"}  # fmt: skip
        record_survey(
            village=tree["a1"], person=person, election_round=election_round, fields=fields,
            actor=None,
        )  # fmt: skip
    return tree


def test_the_town_office_assesses_explains_and_overrides_a_red_village(
    live_server: LiveServer, page: Page, browser: Any, town: Any
) -> None:
    log_in(page, live_server, "town")
    page.click("nav >> text=选情研判")
    page.click("#run-assessment")
    expect(page.locator(".messages")).to_contain_text("本周研判完成：共 3 个村")
    expect(page.locator('.count-card[data-colour="red"] .count')).to_have_text("2")
    expect(page.locator('.count-card[data-colour="green"] .count')).to_have_text("1")

    page.click('#risk-grid a[data-colour="red"] >> text=潘村')
    expect(page.locator("#why")).to_contain_text("书记空缺且无成熟的书记后备")
    expect(page.locator("#why")).to_contain_text("班子完整")

    page.click("text=调整颜色")
    page.check("input[name=colour][value=orange]")
    page.click("button:has-text('提交调整')")
    expect(page.locator("main form.card")).to_contain_text("调整颜色必须写明理由")
    page.fill("#id_reason", "县委已选派第一书记驻村，班子调整方案已上报")
    page.click("button:has-text('提交调整')")
    expect(page.locator(".messages")).to_contain_text("已提交，待领导审批")
    expect(page.locator("#history")).to_contain_text("县委已选派第一书记驻村")
    expect(page.locator("#history")).to_contain_text("待审批")

    leader = browser.new_context(locale="zh-CN").new_page()
    log_in(leader, live_server, "leader")
    leader.goto(live_server.url + "/risk/overrides/")
    leader.get_by_role("radio", name="批准", exact=True).check()  # nothing is pre-selected
    leader.fill("input[name=note]", "同意")
    leader.click("button:has-text('提交')")
    expect(leader.locator(".messages")).to_contain_text("审批已记录")

    page.reload()
    expect(page.locator("#current .why-head")).to_contain_text("橙色")
    expect(page.locator("#why")).to_contain_text("人工调整")
    expect(page.locator("#history")).to_contain_text("已生效")
    page.click("text=村庄与两委班子")
    expect(page.locator(".history")).to_contain_text("批准调整风险等级")
    expect(page.locator(".history")).to_contain_text("申请调整风险等级")

    auditor = browser.new_context(locale="zh-CN").new_page()
    log_in(auditor, live_server, "auditor")
    auditor.goto(live_server.url + "/audit/")
    expect(auditor.locator("body")).to_contain_text("批准调整风险等级")


def test_a_liaison_records_a_survey_on_a_phone(
    live_server: LiveServer, phone_page: Page, town: Any
) -> None:
    from houbei.risk.models import Survey

    log_in(phone_page, live_server, "liaison")
    phone_page.goto(live_server.url + f"/risk/villages/{town['a1'].pk}/surveys/new/")
    phone_page.select_option("#id_person", index=1)
    phone_page.check("input[name=source][value=visit]")
    phone_page.select_option("#id_attitude", value="undecided")
    phone_page.select_option("#id_performance", value="3")
    phone_page.select_option("#id_conduct", value="4")
    phone_page.select_option("#id_intention", value="retire")
    phone_page.fill("#id_notes", "本人表示年龄大了，想让年轻人上")
    phone_page.click("button:has-text('保存')")

    expect(phone_page.locator(".messages")).to_contain_text("已记录对")
    assert Survey.objects.filter(intention="retire", recorded_by__username="liaison").exists()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400
