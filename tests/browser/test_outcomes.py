"""Outcomes in a real Chromium: the town officer scores a placed trainee (formula and breakdown
in Chinese), opens a paper poll and enters its tally, the town leader confirms it as the second
signature; the officer proposes the appointment, the leader reads the guards and approves, and
the village page shows the new post. The county officer's targets page draws both charts
without a console error, and its projection moved with the appointment; the leader enters the
village's election result from the village page and the after column fills."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from houbei.outcomes.models import (
    Appointment,
    AppointmentStatus,
    ElectedMember,
    Evaluation,
    Poll,
)
from houbei.people.models import Post
from houbei.reserves.models import Candidate
from tests.browser.test_cultivation import log_in
from tests.outcomes import conftest as outcome_world

# The cultivated trainee of tests/outcomes: a plan of ten classes, the test passed, a practice
# post started 70 days ago with the mentor's and the panel's ratings.
plan = outcome_world.plan
placed = outcome_world.placed


@pytest.fixture
def trainee(placed: Any, tree: dict[str, Any]) -> Any:
    """Still 培养中, so the projection leaves him out until his appointment is proposed; the
    round's work began months ago, so his new post is not in the 换届前 column."""
    from houbei.reserves.services import set_standing
    from houbei.rounds.models import ElectionRound

    candidate = placed(tree["a1"], name="韩实岗")
    began = timezone.localdate() - dt.timedelta(days=200)
    ElectionRound.objects.filter(pk=candidate.election_round_id).update(starts_on=began)
    return set_standing(
        candidate, readiness="developing", rank=None, emergency_successor=False, actor=None
    )


def watch_console(page: Page) -> list[str]:
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def figure(page: Page, live_server: LiveServer, key: str) -> tuple[str, str]:
    """The targets page's 换届前 and 预计 cells of one figure."""
    page.goto(f"{live_server.url}/outcomes/targets/")
    row = page.locator(f"#figure-{key}")
    return (
        row.locator("td[data-label=换届前]").inner_text(),
        row.locator("td[data-label=预计]").inner_text(),
    )


def score(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/outcomes/")
    page.locator("#board").get_by_role("link", name="韩实岗").click()
    expect(page.locator("#formula")).to_contain_text("综合得分 = 出勤学时×")
    expect(page.locator("#formula")).to_contain_text("分及以上为合格")
    page.locator("#move-evaluate button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已记录综合评分")
    evaluation = page.locator("#evaluation .evaluation")
    expect(evaluation).to_contain_text("合格")
    for label in ("出勤学时", "结业测试", "带教评价", "观摩座谈评价"):
        expect(evaluation.locator("tbody")).to_contain_text(label)
    expect(evaluation).to_contain_text("当时公式：综合得分 = ")
    expect(page.locator("#stage")).to_have_text("综合评分")


def enter_poll(page: Page) -> None:
    page.locator("#poll-standards summary").click()
    standards = page.locator("#poll-standards")
    expect(standards).to_contain_text("党员大会：到会（收回选票）须超过应到人数的50%")
    expect(standards).to_contain_text("满意、基本满意票占有效票不低于70%为通过")
    form = page.locator("#move-poll form")
    form.get_by_label("纸质票").check()
    form.locator("#id_electorate").select_option(label="党员大会")
    form.locator("#id_eligible").fill("40")
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已组织民意测评")
    page.locator("#polls li a").first.click()
    tally = page.locator("#tally form")
    for field, value in (
        ("issued", "38"), ("returned", "38"), ("valid", "37"), ("invalid", "1"),
        ("count_0", "30"), ("count_1", "5"), ("count_2", "2"),
    ):  # fmt: skip
        tally.locator(f"#id_{field}").fill(value)
    tally.locator("button[type=submit]").click()
    expect(page.locator("#poll-status")).to_have_text("待复核")
    expect(page.locator("#confirm")).to_contain_text("您是录入人，须由另一名工作人员复核")


def test_score_poll_appoint_and_targets(
    page: Page, live_server: LiveServer, trainee: Any, tree: dict[str, Any]
) -> None:
    errors = watch_console(page)
    log_in(page, live_server, "county")
    assert figure(page, live_server, "young") == ("0.0% ✗", "0.0% ✗")
    assert figure(page, live_server, "secretary_age")[1] == "—"

    log_in(page, live_server, "town")
    score(page, live_server)
    enter_poll(page)
    poll = Poll.objects.get(candidate=trainee)
    assert (poll.status, poll.entered_by.username, poll.confirmed_by) == ("entered", "town", None)

    log_in(page, live_server, "leader")
    page.goto(f"{live_server.url}/outcomes/polls/{poll.pk}/")
    page.locator("#confirm button[type=submit]").click()
    expect(page.locator("#poll-status")).to_have_text("已完成")
    expect(page.locator("#poll-verdict")).to_contain_text("通过")
    page.get_by_role("link", name="返回考评与奖退").click()
    expect(page.locator("#stage")).to_have_text("民意测评")

    log_in(page, live_server, "town")
    page.goto(f"{live_server.url}/outcomes/candidates/{trainee.pk}/")
    today = timezone.localdate()
    form = page.locator("#move-appoint form")
    form.locator("#id_role").select_option(label="党组织书记")
    expect(form.locator("#id_term_start")).to_have_value(today.isoformat())  # sits from today
    form.locator("#id_term_until").fill(today.replace(year=today.year + 5).isoformat())
    form.locator("#id_document").fill("镇党委〔2027〕1号")
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已提请吸纳，待领导审批")

    log_in(page, live_server, "leader")
    page.goto(f"{live_server.url}/outcomes/candidates/{trainee.pk}/")
    guards = page.locator("#ready-blockers")
    expect(guards).to_have_text("联审、测试、实岗锻炼、综合评分和民意测评均已完成")
    proposal = page.locator("#appointment .proposal")
    expect(proposal).to_contain_text("吸纳为党组织书记")
    expect(page.locator("#move-appoint")).to_have_count(0)  # one proposal at a time
    proposal.get_by_label("同意吸纳").check()
    proposal.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已记录审批意见")
    expect(page.locator("#stage")).to_have_text("吸纳")

    page.goto(f"{live_server.url}/regions/villages/{tree['a1'].pk}/")
    expect(page.locator("#committee tr", has_text="韩实岗")).to_contain_text("党组织书记")

    log_in(page, live_server, "county")
    # The before column stays; the projection takes the new secretary (35 at the cut-off).
    assert figure(page, live_server, "young") == ("0.0% ✗", "25.0% ✗")
    assert figure(page, live_server, "secretary_age") == ("—", "35.0")
    expect(page.locator("#figure-reserve_elected td[data-label=换届后]")).to_have_text("—")
    for canvas in ("#targets-age-chart", "#targets-share-chart"):
        expect(page.locator(canvas)).to_be_visible()
        drawn = page.evaluate(f"() => Boolean(Chart.getChart(document.querySelector('{canvas}')))")
        assert drawn, canvas
    assert errors == []

    # The election: the leader enters 张屯村's result from the village page; the after column fills.
    log_in(page, live_server, "leader")
    page.goto(f"{live_server.url}/regions/villages/{tree['a1'].pk}/")
    page.locator("#election-link").click()
    form = page.locator("#election-form")
    form.locator("#id_elected_on").fill(today.isoformat())
    form.locator("#id_secretary").select_option(label="韩实岗")
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已录入换届结果")
    log_in(page, live_server, "county")
    page.goto(f"{live_server.url}/outcomes/targets/")
    after = "td[data-label=换届后]"
    expect(page.locator(f"#figure-secretary_age {after}")).to_have_text("35.0")
    expect(page.locator(f"#figure-reserve_elected {after}")).to_have_text("100.0%")
    assert errors == []

    trainee.refresh_from_db()
    assert trainee.stage == "appointed"
    evaluation = Evaluation.objects.get(candidate=trainee)
    assert evaluation.passed and evaluation.formula.startswith("综合得分 = ")
    poll.refresh_from_db()
    assert (poll.status, poll.passed, poll.confirmed_by.username) == ("closed", True, "leader")
    appointment = Appointment.objects.get(candidate=trainee)
    assert appointment.status == AppointmentStatus.APPROVED
    assert appointment.decided_by.username == "leader"
    # the appointed post closed on its first day by the election, the elected one open
    posts = Post.objects.filter(person=trainee.person, village=tree["a1"]).order_by("pk")
    assert [(p.role, p.term_end) for p in posts] == [("secretary", today), ("secretary", None)]
    assert ElectedMember.objects.get(person=trainee.person).from_reserve
    assert Candidate.objects.filter(pk=trainee.pk, person=trainee.person).exists()
