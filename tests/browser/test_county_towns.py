"""The county officer compares the demo's two towns with work in them (吴村镇 and the small
南村镇) on one page in a real Chromium, then drills into 南村镇: the town's row and the village
rows carry the figures plain ORM queries find, and the villages' total is the town's row."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.test_workbench_roles import demo_town, log_in, watch_console  # noqa: F401

FIGURES = ("村数", "无成熟书记后备", "联审待反馈", "问题未销号", "问题逾期")


def figures(row: Locator) -> dict[str, int]:
    return {label: int(row.locator(f'td[data-label="{label}"]').inner_text()) for label in FIGURES}


def expected(town: Any) -> dict[str, int]:
    """The same figures for one town, from plain queries."""
    from houbei.regions.models import Region
    from houbei.reserves.models import Candidate, JointReview
    from houbei.risk.models import Problem

    villages = Region.objects.filter(level="village", town=town, valid_to__isnull=True)
    ready = Candidate.objects.filter(
        village__town=town,
        election_round__is_current=True,
        stage__in=["pooled", "trained", "placed", "evaluated", "polled"],
        target_post="secretary",
        readiness="ready_now",
    ).values("village")
    problems = Problem.objects.filter(village__town=town, status="open")
    return {
        "村数": villages.count(),
        "无成熟书记后备": villages.exclude(pk__in=ready).count(),
        "联审待反馈": JointReview.objects.filter(
            candidate__village__town=town,
            candidate__election_round__is_current=True,
            outcome="pending",
        ).count(),
        "问题未销号": problems.count(),
        "问题逾期": problems.filter(due_on__lt=timezone.localdate()).count(),
    }


def test_a_county_officer_compares_two_towns_and_drills_into_one(
    live_server: LiveServer,
    page: Page,
    demo_town: Any,  # noqa: F811
) -> None:
    from houbei.regions.models import Region

    errors = watch_console(page)
    wucun = demo_town.town
    nancun = Region.objects.get(name="南村镇", level="town")
    log_in(page, live_server, demo_town.users["county"])

    page.locator("#wb-towns a").click()
    expect(page.locator("h1")).to_contain_text("各乡镇对比")
    first = page.locator(f'#town-table tr[data-town="{wucun.pk}"]')
    second = page.locator(f'#town-table tr[data-town="{nancun.pk}"]')
    expect(first).to_contain_text("吴村镇")
    expect(second).to_contain_text("南村镇")
    assert figures(first) == expected(wucun)
    assert figures(second) == expected(nancun)
    assert figures(first) != figures(second)
    assert figures(second)["村数"] == 6 and figures(second)["问题逾期"] >= 1

    second.get_by_role("link", name="南村镇").click()
    expect(page.locator("h1")).to_contain_text("南村镇")
    rows = page.locator("#village-figures tbody tr")
    expect(rows).to_have_count(6)
    expect(rows.first).to_contain_text("南村")
    total = figures(page.locator("#village-figures tfoot tr"))
    assert {k: v for k, v in total.items() if k != "村数"} == {
        k: v for k, v in expected(nancun).items() if k != "村数"
    }
    assert total["村数"] == 6
    assert errors == []
