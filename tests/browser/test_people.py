"""A town officer in a real Chromium: a village's committee, adding a person with a wrong ID
check character and then the right one, and the history of the change; the village list on a
phone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from houbei.lib.idnumber import make_id_number
from houbei.people.models import Person, Role
from houbei.people.services import appoint_to_post
from tests.conftest import PASSWORD

NUMBER = make_id_number("410782", dt.date(1988, 6, 15), 21)
WRONG = NUMBER[:17] + ("0" if NUMBER[17] != "0" else "1")


def log_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator(".account")).to_contain_text(username)


def fill_person(page: Page, number: str) -> None:
    page.fill("#id_name", "赵六")
    page.fill("#id_id_number", number)
    page.select_option("#id_political_status", label="群众")
    page.select_option("#id_education", label="大学专科毕业")
    page.select_option("#id_village", label="张屯村")
    page.fill("#id_phone", "13812345678")


def test_a_town_officer_sees_a_committee_and_adds_a_person_after_a_wrong_id(
    live_server: LiveServer, page: Page, personas: Any, tree: Any, make_person: Any
) -> None:
    secretary = make_person(name="王书记", village=tree["a1"])
    appoint_to_post(
        person=secretary,
        village=tree["a1"],
        role=Role.SECRETARY,
        term_start=dt.date(2021, 3, 1),
        actor=None,
    )
    log_in(page, live_server, "town")

    page.click("nav >> text=村庄")
    page.click("#village-table >> text=张屯村")
    expect(page.locator("#committee")).to_contain_text("王书记")
    expect(page.locator("#committee")).to_contain_text("党组织书记")
    expect(page.locator("#risk")).to_contain_text("尚未研判")  # loaded from risk by htmx

    page.click("nav >> text=人员")
    page.click("text=添加人员")
    fill_person(page, WRONG)
    page.click("button:has-text('保存')")
    field = page.locator("#field-id_number")
    expect(field).to_contain_text(f"校验位错误：第18位应为 {NUMBER[17]}，实际为 {WRONG[17]}")
    assert not Person.objects.filter(name="赵六").exists()

    page.fill("#id_id_number", NUMBER)
    page.click("button:has-text('保存')")
    expect(page.locator("h1")).to_contain_text("赵六")
    expect(page.locator("#id-number")).to_have_text(NUMBER[:6] + "********" + NUMBER[-4:])
    history = page.locator(".history")
    expect(history).to_contain_text("新增人员")
    expect(history).to_contain_text("出生日期")

    page.click("text=修改信息")
    page.fill("#id_phone", "13987654321")
    page.click("button:has-text('保存')")
    expect(history).to_contain_text("修改人员信息")
    expect(history).to_contain_text("联系电话：13812345678 → 13987654321")
    expect(history).to_contain_text("town")
    assert NUMBER not in page.content()


def test_the_village_list_fits_a_phone_screen(
    live_server: LiveServer, phone_page: Page, personas: Any, tree: Any
) -> None:
    log_in(phone_page, live_server, "town")

    phone_page.goto(live_server.url + "/regions/villages/")

    expect(phone_page.locator("#village-table")).to_contain_text("张屯村")
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    body = phone_page.evaluate("document.body.scrollWidth - window.innerWidth")
    assert body <= 0
