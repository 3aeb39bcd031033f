"""The way of a reserve candidate in a real Chromium: the town officer nominates a returning
migrant for secretary, records the screening and the recommendation vote and sends the candidate
to the joint review; the 公安 reviewer logs in, sees only the department's queue and passes; the
other departments answer through the service layer; the candidate is pooled and the village's
bench strength shows it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from houbei.lib.idnumber import make_id_number
from houbei.reserves.models import Candidate, JointReview
from tests.conftest import PASSWORD
from tests.pipeline import pass_reviews

NUMBER = make_id_number("410782", dt.date(1990, 8, 8), 31)


def log_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator(".account")).to_contain_text(username)


def nominate(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/reserves/candidates/new/")
    form = page.locator("#new-form")
    form.locator("#id_new-name").fill("高返乡")
    form.locator("#id_new-id_number").fill(NUMBER)
    form.locator("#id_new-political_status").select_option(label="中共党员")
    form.locator("#id_new-party_joined_on").fill("2015-07-01")
    form.locator("#id_new-education").select_option(label="大学专科毕业")
    form.locator("#id_new-village").select_option(label="张屯村")
    form.locator("#id_nom-target_post").select_option(label="村党组织书记")
    form.locator("#id_nom-source").select_option(label="个人自荐")
    form.locator("#id_nom-background").select_option(label="返乡创业")
    form.locator("button[type=submit]").click()
    expect(page.locator("#stage")).to_have_text("摸排提名")


def screen_and_recommend(page: Page) -> None:
    interview = page.locator("#move-interview")
    interview.locator("#id_interview-held_on").fill("2026-09-01")
    interview.locator("#id_interview-participants").fill("8")
    interview.locator("#id_interview-summary").fill("入户走访，群众反映其返乡办合作社带动就业")
    interview.locator("button[type=submit]").click()
    screen = page.locator("#move-screen")
    expect(screen.locator("button[type=submit]")).to_be_enabled()
    screen.locator("#id_screen-screened_on").fill("2026-09-05")
    screen.locator("button[type=submit]").click()
    expect(page.locator("#stage")).to_have_text("政治筛查")
    vote = page.locator("#move-vote")
    vote.locator("#id_vote-held_on").fill("2026-09-20")
    for name, value in (
        ("eligible", "45"),
        ("attended", "42"),
        ("votes_for", "38"),
        ("votes_against", "3"),
        ("abstentions", "1"),
    ):
        vote.locator(f"#id_vote-{name}").fill(value)
    vote.locator("button[type=submit]").click()
    expect(page.locator("#stage")).to_have_text("民主推荐")


def test_a_returning_migrant_goes_from_nomination_to_the_pool(
    live_server: LiveServer, page: Page, personas: Any, election_round: Any
) -> None:
    log_in(page, live_server, "town")
    nominate(page, live_server)
    screen_and_recommend(page)
    page.locator("#move-send button[type=submit]").click()
    expect(page.locator("#stage")).to_have_text("资格联审")
    expect(page.locator("#move-pool .blockers")).to_contain_text("未经联审不得入库")
    expect(page.locator("#move-pool button[type=submit]")).to_be_disabled()
    candidate = Candidate.objects.get(person__name="高返乡")

    log_in(page, live_server, "reviewer")
    page.goto(live_server.url + "/reserves/reviews/")
    rows = page.locator("#queue tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("高返乡")
    expect(rows.first).not_to_contain_text(NUMBER)
    rows.first.get_by_role("link", name="审核").click()
    page.get_by_label("通过", exact=True).check()
    page.locator("#opinion-form button[type=submit]").click()
    expect(page.locator("#queue")).to_contain_text("没有待审人员")
    response = page.goto(f"{live_server.url}/reserves/candidates/{candidate.pk}/")
    assert response is not None and response.status == 403
    assert JointReview.objects.get(candidate=candidate, department="police").outcome == "passed"

    pass_reviews(candidate)  # the other thirteen departments, through the service layer
    log_in(page, live_server, "town")
    page.goto(f"{live_server.url}/reserves/candidates/{candidate.pk}/")
    pool = page.locator("#move-pool")
    pool.locator("#id_pool-readiness").select_option(label="成熟可用")
    pool.locator("button[type=submit]").click()
    expect(page.locator("#stage")).to_have_text("入库")

    page.goto(live_server.url + "/reserves/bench/")
    row = page.locator('#bench-table tr[data-village="张屯村"]')
    expect(row).to_contain_text("1 / 2")
    expect(row).not_to_have_class("row-warn")
    expect(page.locator('#bench-table tr[data-village="潘村"]')).to_have_class("row-warn")
