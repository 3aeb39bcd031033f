"""Each demo role logs in with the demo password and lands on its workbench in a real Chromium;
every count shown equals what plain ORM queries stated here find in the demo, and every count's
link opens a list with exactly that many rows (following the pages). The administrators land on
their own pages. No page visited logs a console error (a CSP violation is one).

Before the check the demo gets a little more waiting work than it is built with, so no line is
trivially zero: town staff ask to remove a pooled candidate (waits for the leader), propose a
colour change after the first assessment (waits for the leader), propose an appointment (吸纳,
waits for the leader), and one liaison village is surveyed this week. The demo's own 不宜 facts
give the leader's line of hits waiting for a decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db.models import Q
from django.utils import timezone
from playwright.sync_api import ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from houbei.demo.foundation import PASSWORD

WORKBENCH_ROLES = ("county", "leader", "town", "liaison", "reviewer")
# The administrators have no village work and land on their own page.
ADMIN_LANDING = {
    "auditor": "/audit/",
    "sysadmin": "/accounts/users/",
    "secadmin": "/accounts/users/",
}
# What one row of each list a workbench line links to looks like (path → locator).
ROWS = {
    "/reserves/approvals/": "#approval-table tr.approval",
    "/risk/overrides/": "main table tbody tr:has(form)",
    "/reserves/reviews/": "#queue tbody tr:has(a.button)",
    "/workbench/towns/": "#town-table tbody tr[data-town]",
    "/risk/problems/": "#problem-table tbody tr:has(a)",
    "/risk/actions/": "tr.meeting-action",
    "/reserves/": "a.board-card",
    "/regions/villages/": "#village-table tbody tr:has(a)",
    "/workbench/surveys/stale/": "#stale-table tbody tr:has(a)",
    "/workbench/reviews/waiting/": "#waiting-table tbody tr:has(a)",
    "/workbench/unfit/waiting/": "#unfit-table tr.unfit-hit",
    "/workbench/appointments/waiting/": "#appointments-table tr.appointment",
}
WAITING_STAGES = ("nominated", "screened", "recommended", "reviewed")


def watch_console(page: Page) -> list[str]:
    """Console errors (a CSP violation is logged as one) and uncaught page errors."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.on(
        "response",
        lambda r: errors.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None,
    )
    return errors


def log_in(page: Page, live_server: LiveServer, user: Any) -> None:
    """Logs in as a demo account with the demo's published password."""
    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator(".account")).to_contain_text(user.full_name)


def build_demo_with_work() -> Any:
    """The demo (`houbei demo`), plus one of each kind of waiting work it lacks."""
    from houbei.demo import build_demo
    from houbei.people.models import Post
    from houbei.reserves.models import Candidate
    from houbei.reserves.services import request_removal
    from houbei.risk.models import Assessment
    from houbei.risk.services import propose_override, record_survey, run_assessment

    demo = build_demo()
    town = demo.users["town"]
    pooled = (
        Candidate.objects.filter(village__town=demo.town, stage="pooled").order_by("id").first()
    )
    assert pooled is not None
    request_removal(pooled, reason="moved_away", note="本人举家外出务工", actor=town)
    run_assessment(region=demo.town, actor=None)
    latest = Assessment.objects.get(village=demo.villages["潘村"], is_latest=True)
    colour = "orange" if latest.colour != "orange" else "yellow"
    propose_override(latest, colour=colour, reason="村里新出现宗族矛盾", actor=town)
    propose(pooled.village, town)
    sitting = Post.objects.sitting().filter(village=demo.villages["王展村"]).first()
    assert sitting is not None
    record_survey(
        village=demo.villages["王展村"],
        person=sitting.person,
        election_round=demo.election_round,
        fields={
            "source": "talk",
            "attitude": "stay",
            "performance": 4,
            "conduct": 4,
            "surveyed_on": timezone.localdate(),
        },
        actor=demo.users["liaison"],
    )
    return demo


def propose(village: Any, town: Any) -> None:
    """An appointment proposed for a candidate other than the one whose removal waits."""
    from houbei.outcomes.models import Appointment
    from houbei.reserves.models import Candidate
    from houbei.rounds.services import current_rules

    candidate = (
        Candidate.objects.filter(village__town=village.town, stage__in=("pooled", "trained"))
        .exclude(approvals__status="pending")
        .order_by("-id")
        .first()
    )
    assert candidate is not None
    today = timezone.localdate()
    Appointment.objects.create(
        candidate=candidate,
        role="member",
        term_start=today,
        term_until=today.replace(year=today.year + 5),
        document="镇党委〔2026〕8号",
        proposed_by=town,
        rule_set=current_rules(candidate.election_round),
    )


def undecided_hits(ids: list[int]) -> int:
    """不宜 hits of the villages' active current candidates with no decision, through the
    candidate page's own reading (reserves.services.disqualifiers.candidate_hits)."""
    from houbei.reserves.models import Candidate
    from houbei.reserves.services.disqualifiers import candidate_hits

    active = Candidate.objects.filter(village__in=ids, election_round__is_current=True).exclude(
        stage__in=("appointed", "removed")
    )
    return sum(
        1
        for candidate in active
        for hit in candidate_hits(candidate)
        if not hit.item.must_not and hit.decision is None
    )


@pytest.fixture
def demo_town(transactional_db: Any) -> Any:
    """Built for each test: the live server's flush would wipe a shared one."""
    return build_demo_with_work()


def expected_counts(user: Any, today: dt.date) -> dict[str, int]:
    """What each role's workbench must count, from plain queries over the user's villages."""
    from houbei.outcomes.models import Appointment
    from houbei.regions.models import Region
    from houbei.reserves.models import ApprovalRequest, Candidate, JointReview
    from houbei.risk.models import ColourOverride, MeetingAction, Problem, Survey

    if user.role == "reviewer":
        mine = JointReview.objects.filter(
            department=user.department,
            outcome="pending",
            candidate__village__county=user.region,
        )
        return {"my_reviews": mine.count()}
    if user.role == "liaison":
        villages = user.villages.all()
    elif user.role == "county_officer":
        villages = Region.objects.filter(level="village", county=user.region)
    else:
        villages = Region.objects.filter(level="village", town=user.region)
    ids = list(villages.values_list("pk", flat=True))
    found: dict[str, int] = {}
    if user.role in ("county_officer", "town_leader"):
        pending = ApprovalRequest.objects.filter(status="pending", village__in=ids)
        found["approval_removal"] = pending.filter(kind="removal").count()
        found["approval_outlook"] = pending.filter(kind="outlook").count()
        colours = ColourOverride.objects.filter(status="pending", village__in=ids)
        found["approval_colour"] = colours.count()
        found["approval_unfit"] = undecided_hits(ids)
        found["approval_appointment"] = Appointment.objects.filter(
            status="proposed", candidate__village__in=ids
        ).count()
    if user.role == "county_officer":
        found["towns"] = Region.objects.filter(level="town", parent=user.region).count()
    problems = Problem.objects.filter(village__in=ids, status="open")
    found["problems_open"] = problems.count()
    found["problems_overdue"] = problems.filter(due_on__lt=today).count()
    current = Candidate.objects.filter(village__in=ids, election_round__is_current=True)
    for stage in WAITING_STAGES:
        found[f"candidates_{stage}"] = current.filter(stage=stage).count()
    if user.role != "liaison":
        waiting = JointReview.objects.filter(
            outcome="pending",
            candidate__village__in=ids,
            candidate__election_round__is_current=True,
        )
        for department in set(waiting.values_list("department", flat=True)):
            found[f"reviews_{department}"] = waiting.filter(department=department).count()
    if user.role != "county_officer":
        monday = today - dt.timedelta(days=today.weekday())
        surveyed = Survey.objects.filter(Q(surveyed_on__gte=monday), village__in=ids)
        found["surveys_stale"] = len(set(ids) - set(surveyed.values_list("village", flat=True)))
    if user.role == "liaison":
        found["my_villages"] = len(ids)
    # actions the weekly judgement meeting gave this user, not yet done
    found["meeting_actions"] = MeetingAction.objects.filter(owner=user, done_at=None).count()
    return found


def shown_lines(page: Page) -> dict[str, tuple[int, str]]:
    """key → (count, link) of every line of the workbench."""
    lines: dict[str, tuple[int, str]] = {}
    for item in page.locator("#workbench li[id^=wb-]").all():
        key = (item.get_attribute("id") or "")[len("wb-") :]
        count = item.locator(".count")
        href = item.locator("a").first.get_attribute("href") or ""
        lines[key] = (int(count.get_attribute("data-count") or "-1"), href)
        assert count.inner_text() == count.get_attribute("data-count")
    return lines


def rows_behind(page: Page, live_server: LiveServer, href: str) -> int:
    """The rows of the list at `href`, all its pages."""
    path = href.split("?")[0]
    page.goto(live_server.url + href)
    total = 0
    for _ in range(50):
        total += page.locator(ROWS[path]).count()
        following = page.locator(".pager a", has_text="下一页")
        if not following.count():
            return total
        following.first.click()
        page.wait_for_load_state()
    raise AssertionError(f"{href}: more than 50 pages")


@pytest.mark.parametrize("role", WORKBENCH_ROLES)
def test_each_count_on_the_roles_workbench_is_right_and_opens_that_many_rows(
    live_server: LiveServer, page: Page, demo_town: Any, role: str
) -> None:
    errors = watch_console(page)
    user = demo_town.users[role]
    expected = expected_counts(user, timezone.localdate())
    assert any(expected.values()), "the demo gives this role nothing to do"

    log_in(page, live_server, user)
    expect(page.locator("h1")).to_contain_text("工作台")
    lines = shown_lines(page)

    assert {key: count for key, (count, _) in lines.items()} == expected
    if role == "leader":  # 不宜 hits and appointments waiting for the leader are not zero
        assert lines["approval_unfit"][0] > 0 and lines["approval_appointment"][0] > 0
    opened = {key: rows_behind(page, live_server, href) for key, (_, href) in lines.items()}
    assert opened == expected
    assert errors == []


@pytest.mark.parametrize("role", sorted(ADMIN_LANDING))
def test_an_administrator_lands_on_their_own_page_without_a_console_error(
    live_server: LiveServer, page: Page, demo_town: Any, role: str
) -> None:
    errors = watch_console(page)

    log_in(page, live_server, demo_town.users[role])

    assert page.url.removeprefix(live_server.url).split("?")[0] == ADMIN_LANDING[role]
    expect(page.locator("#workbench")).to_have_count(0)
    expect(page.locator("main table").first).to_be_visible()
    assert errors == []
