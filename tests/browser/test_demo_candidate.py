"""A new candidate of the demo town goes from nomination to the pool in a real Chromium, using
only the demo accounts and their published password: the town officer nominates a returning
entrepreneur in 潘村, records the visit, the screening and the recommendation vote and sends the
candidate to the joint review; the 公安 reviewer passes in the department's queue; the court's
letter answering for every candidate waiting for it is entered once on the batch page; the joint
review meeting's answers for the twelve other departments are entered on the candidate's page;
the town officer pools the candidate, and the leader finds the candidate in the pool. No page
logs a console error."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from houbei.lib.idnumber import make_id_number
from tests.browser.test_workbench_roles import demo_town, log_in, watch_console  # noqa: F401

NAME = "苗返乡"
NUMBER = make_id_number("410782", dt.date(1991, 2, 27), 977)


def ago(days: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=days)).isoformat()


def nominate_and_send(page: Page, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/reserves/candidates/new/")
    form = page.locator("#new-form")
    form.locator("#id_new-name").fill(NAME)
    form.locator("#id_new-id_number").fill(NUMBER)
    form.locator("#id_new-political_status").select_option(label="中共党员")
    form.locator("#id_new-party_joined_on").fill("2014-07-01")
    form.locator("#id_new-education").select_option(label="大学专科毕业")
    form.locator("#id_new-village").select_option(label="潘村")
    form.locator("#id_nom-target_post").select_option(label="村党组织书记")
    form.locator("#id_nom-source").select_option(label="个人自荐")
    form.locator("#id_nom-background").select_option(label="返乡创业")
    form.locator("button[type=submit]").click()
    expect(page.locator("#stage")).to_have_text("摸排提名")

    interview = page.locator("#move-interview")
    interview.locator("#id_interview-held_on").fill(ago(12))
    interview.locator("#id_interview-participants").fill("9")
    interview.locator("#id_interview-summary").fill("入户走访，群众反映其返乡办厂带动就业")
    interview.locator("button[type=submit]").click()
    screen = page.locator("#move-screen")
    expect(screen.locator("button[type=submit]")).to_be_enabled()
    screen.locator("#id_screen-screened_on").fill(ago(10))
    screen.locator("button[type=submit]").click()
    expect(page.locator("#stage")).to_have_text("政治筛查")
    vote = page.locator("#move-vote")
    vote.locator("#id_vote-held_on").fill(ago(6))
    for name, value in (
        ("eligible", "48"),
        ("attended", "44"),
        ("votes_for", "40"),
        ("votes_against", "3"),
        ("abstentions", "1"),
    ):
        vote.locator(f"#id_vote-{name}").fill(value)
    vote.locator("button[type=submit]").click()
    expect(page.locator("#stage")).to_have_text("民主推荐")
    page.locator("#move-send button[type=submit]").click()
    expect(page.locator("#stage")).to_have_text("资格联审")


def police_passes(page: Page) -> None:
    page.click("nav >> text=联审队列")
    row = page.locator("#queue tbody tr", has_text=NAME)
    expect(row).to_have_count(1)
    row.get_by_role("link", name="审核").click()
    page.get_by_label("通过", exact=True).check()
    page.locator("#opinion-form button[type=submit]").click()
    expect(page.locator("#queue tbody tr", has_text=NAME)).to_have_count(0)


def court_letter_for_every_candidate_waiting(page: Page, live_server: LiveServer) -> int:
    """The batch page: the court's letter answers for each candidate waiting for it."""
    page.goto(live_server.url + "/reserves/reviews/on-behalf/")
    page.locator("#id_department").select_option(label="法院")
    page.locator("#department-form button[type=submit]").click()
    rows = page.locator("#batch-table tbody tr")
    expect(rows.filter(has_text=NAME)).to_have_count(1)
    form = page.locator("#batch-form")
    form.get_by_label("函复", exact=True).check()
    form.locator("#id_reference").fill("辉县市人民法院函〔2026〕21号")
    form.locator("#id_answered_on").fill(ago(2))
    waiting = rows.count()
    for index in range(waiting):
        row = rows.nth(index)
        row.locator("input[type=checkbox]").check()
        row.get_by_label("无异议", exact=True).check()
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(
        f"已代录法院对 {waiting} 名后备人选的联审意见"
    )
    expect(page.locator("#nothing-pending")).to_be_visible()
    return waiting


def meeting_answers_the_other_departments(page: Page, live_server: LiveServer, pk: int) -> None:
    page.goto(f"{live_server.url}/reserves/candidates/{pk}/")
    page.locator("#on-behalf-link").click()
    form = page.locator("#on-behalf-form")
    form.get_by_label("联审会", exact=True).check()
    form.locator("#id_reference").fill("吴村镇第4次资格联审会")
    form.locator("#id_answered_on").fill(ago(1))
    departments = form.locator("fieldset[id^=department-]")
    assert departments.count() == 12
    for index in range(departments.count()):
        department = departments.nth(index)
        department.locator("input[type=checkbox]").check()
        department.locator("input[type=radio][value=passed]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已代录")


def test_a_new_demo_candidate_reaches_the_pool_with_the_demo_accounts_only(
    live_server: LiveServer,
    page: Page,
    demo_town: Any,  # noqa: F811
) -> None:
    from houbei.reserves.models import Candidate, JointReview

    errors = watch_console(page)
    users = demo_town.users

    log_in(page, live_server, users["town"])
    nominate_and_send(page, live_server)
    candidate = Candidate.objects.get(person__name=NAME)
    expect(page.locator("#move-pool button[type=submit]")).to_be_disabled()

    log_in(page, live_server, users["reviewer"])
    police_passes(page)

    log_in(page, live_server, users["town"])
    answered = court_letter_for_every_candidate_waiting(page, live_server)
    meeting_answers_the_other_departments(page, live_server, candidate.pk)
    reviews = JointReview.objects.filter(candidate=candidate)
    assert set(reviews.values_list("outcome", flat=True)) == {"passed"}
    assert reviews.filter(answer__isnull=False).count() == 13  # all but 公安's
    assert (
        answered
        == JointReview.objects.filter(
            department="court", answer__reference="辉县市人民法院函〔2026〕21号"
        ).count()
    )

    page.goto(f"{live_server.url}/reserves/candidates/{candidate.pk}/")
    pool = page.locator("#move-pool")
    pool.locator("#id_pool-readiness").select_option(label="成熟可用")
    pool.locator("button[type=submit]").click()
    expect(page.locator("#stage")).to_have_text("入库")

    log_in(page, live_server, users["leader"])
    page.goto(live_server.url + "/reserves/pool/?village=潘村")
    expect(page.locator("main")).to_contain_text(NAME)
    candidate.refresh_from_db()
    assert candidate.stage == "pooled"
    assert errors == []
