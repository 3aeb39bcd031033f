"""Cultivation in a real Chromium at phone width: the town officer adds a class, marks the
roster, enters test scores; the failing trainee is proposed for removal and the town leader
approves; the passing one is placed in a village as assistant to the secretary with a mentor,
and the liaison's work log entry appears on the trainee's page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from houbei.reserves.models import Candidate
from tests.conftest import PASSWORD


def log_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator(".account")).to_contain_text(username)


@pytest.fixture
def setting(
    walk: Any, tree: dict[str, Any], personas: dict[str, Any], make_person: Any
) -> dict[str, Any]:
    """A plan with two pooled trainees (张屯村), no resit, and a sitting secretary in 潘村."""
    from houbei.cultivation import services
    from houbei.people.services import appoint_to_post
    from houbei.rounds.services import current_rules
    from houbei.rulebook.services import save_section

    passing = walk("pooled", name="高合格")
    failing = walk("pooled", name="孙未过")
    rules = current_rules(passing.election_round)
    value = {**rules.rules["cultivation"], "resit_allowed": False}
    save_section(
        passing.election_round, name="cultivation", value=value, base_version=rules.version,
        source_document="县委组织部通知", note="不补考", actor=None,
    )  # fmt: skip
    mentor = make_person(village=tree["a2"], name="潘书记")
    appoint_to_post(
        person=mentor, village=tree["a2"], role="secretary", term_start=dt.date(2021, 1, 1),
        actor=None,
    )  # fmt: skip
    plan = services.create_plan(
        election_round=passing.election_round, town=tree["town_a"], title="培养计划",
        actor=personas["town"],
    )  # fmt: skip
    services.enroll_pooled(plan=plan, actor=personas["town"])
    return {"plan": plan, "passing": passing, "failing": failing}


def add_class_and_mark(page: Page, live_server: LiveServer, plan: Any) -> None:
    page.goto(f"{live_server.url}/cultivation/{plan.pk}/")
    page.locator("#session-new summary").click()
    form = page.locator("#session-new form")
    form.locator("#id_held_on").fill("2026-10-15")
    form.locator("#id_starts_at").fill("09:00")
    form.locator("#id_ends_at").fill("12:00")
    form.locator("#id_hours").fill("3")
    form.locator("#id_topic").fill("信访工作法治化")
    form.locator("#id_teacher").fill("刘老师")
    form.locator("#id_venue").fill("镇党校")
    form.locator("button[type=submit]").click()
    expect(page.locator("#calendar")).to_contain_text("信访工作法治化")
    page.locator("#calendar").get_by_role("link", name="签到", exact=True).click()
    rows = page.locator(".roster-row")
    expect(rows).to_have_count(2)
    page.locator("#all-present").click()  # one tap for the class
    expect(rows.nth(0).locator('input[value="present"]')).to_be_checked()
    rows.nth(1).get_by_text("迟到", exact=True).click()  # one per exception
    page.locator(".roster-save").click()
    expect(page.locator(".messages")).to_contain_text("已保存 2 人的签到")


def enter_scores(page: Page, live_server: LiveServer, setting: dict[str, Any]) -> None:
    page.goto(f"{live_server.url}/cultivation/{setting['plan'].pk}/exam/")
    page.locator("#id_taken_on").fill("2026-11-28")
    for name, score in (("高合格", "86"), ("孙未过", "41")):
        page.locator("tr", has_text=name).locator("input").fill(score)
    page.locator("#exam-form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已记录 2 名学员的成绩")
    expect(page.locator("#trainees")).to_contain_text("提请出列：结业测试不合格")


def test_class_roster_test_removal_and_placement(
    phone_page: Page, live_server: LiveServer, setting: dict[str, Any]
) -> None:
    page = phone_page
    log_in(page, live_server, "town")
    add_class_and_mark(page, live_server, setting["plan"])
    enter_scores(page, live_server, setting)

    log_in(page, live_server, "leader")
    page.goto(f"{live_server.url}/cultivation/{setting['plan'].pk}/")
    page.get_by_role("link", name="孙未过").click()
    page.locator(".proposal select").select_option(label="同意调整出列")
    page.locator(".proposal button[type=submit]").click()
    expect(page.locator("#stage")).to_have_text("调整出列")
    assert Candidate.objects.get(pk=setting["failing"].pk).stage == "removed"

    log_in(page, live_server, "town")
    page.goto(f"{live_server.url}/cultivation/{setting['plan'].pk}/")
    page.get_by_role("link", name="高合格").click()
    form = page.locator("#place-form")
    form.locator("#id_village").select_option(label="潘村")
    form.locator("#id_role").select_option(label="村党组织书记助理")
    form.get_by_label("党建").check()
    form.get_by_label("信访").check()
    form.locator("#id_mentor").select_option(label="潘书记（潘村）")
    form.locator("#id_starts_on").fill("2026-11-30")
    form.locator("button[type=submit]").click()
    expect(page.locator("#stage")).to_have_text("实岗锻炼")
    expect(page.locator("#placement")).to_contain_text("/ 60 天")

    log_in(page, live_server, "liaison")
    page.goto(f"{live_server.url}/cultivation/{setting['plan'].pk}/")
    page.get_by_role("link", name="高合格").click()
    log_form = page.locator("#log-new form")
    log_form.locator("#id_logged_on").fill("2026-12-01")
    log_form.locator("#id_text").fill("随书记入户走访，宣传医保缴费政策")
    log_form.locator("button[type=submit]").click()
    expect(page.locator("#logs")).to_contain_text("随书记入户走访，宣传医保缴费政策")
