"""`houbei stats`: the figures on the demo, one subtree, and a constant number of queries."""

from __future__ import annotations

import io
import json
import sys
import types
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from houbei.demo.context import DemoContext
from houbei.demo.second_town import STORY as SECOND_TOWN
from houbei.demo.story import STORY, villages_by_tier
from houbei.people.models import Person, Post
from houbei.regions.committee import build_committee, sitting_posts
from houbei.regions.models import Level, Region
from houbei.regions.services import create_region
from houbei.reports import stats
from houbei.rounds.services import current_rules

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("stats", *args, stdout=out)
    return out.getvalue()


def test_it_counts_the_whole_demo(demo: DemoContext) -> None:
    """吴村镇's 42 villages and the six of the small second town, 南村镇."""
    rows = STORY + SECOND_TOWN
    figures = json.loads(run("--json"))
    assert figures["region"] is None
    assert figures["regions_by_level"] == {
        "province": 1, "city": 1, "county": 1, "town": 22, "district": 4, "village": 48,
    }  # fmt: skip
    assert figures["people"] == Person.objects.count()
    assert figures["sitting_posts_by_role"]["secretary"] == 38 + 5
    assert sum(figures["sitting_posts_by_role"].values()) == Post.objects.sitting().count()
    rules = current_rules(demo.election_round).rules
    villages = Region.objects.filter(level=Level.VILLAGE)
    committees = [build_committee(v, list(sitting_posts(v)), rules) for v in villages]
    assert figures["vacancies"] == {
        "villages": 48,
        "no_secretary": sum(row.secretary_vacant for row in rows),
        "no_chair": sum(row.chair_vacant for row in rows),
        "short_of_committee": sum(c.people < c.size for c in committees),
        "any_vacancy": sum(bool(c.vacancies) for c in committees),
        "dual_role": len(villages_by_tier()["green"]) + 1 + 1,  # 刘店 (red) and 马坊 (南村镇)
    }
    assert 6 + 1 <= figures["vacancies"]["short_of_committee"] <= 6 + 12 + 3


def test_it_counts_one_subtree_given_by_a_short_code(demo: DemoContext) -> None:
    village = json.loads(run("--json", "--region", "410782106201"))
    assert village["region"]["name"] == "张屯村"
    assert village["regions_by_level"]["village"] == 1
    assert village["people"] == Person.objects.filter(village__code="410782106201").count()
    assert village["vacancies"]["villages"] == 1
    town = json.loads(run("--json", "--region", "410782106"))
    assert town["regions_by_level"]["town"] == 1
    assert town["regions_by_level"]["county"] == 0
    assert town["vacancies"]["villages"] == 42
    other = json.loads(run("--json", "--region", "410782102"))
    assert other["people"] == 0
    assert other["vacancies"]["villages"] == 0


def test_a_province_or_city_counts_everything_under_it(demo: DemoContext) -> None:
    province = json.loads(run("--json", "--region", "41"))
    assert province["regions_by_level"]["province"] == 1
    assert province["regions_by_level"]["city"] == 1
    assert province["regions_by_level"]["village"] == 42 + len(SECOND_TOWN)
    city = json.loads(run("--json", "--region", "4107"))
    assert city["regions_by_level"]["province"] == 0
    assert city["people"] == Person.objects.count()


def test_an_unknown_region_code_is_a_clear_error(db: Any) -> None:
    with pytest.raises(CommandError, match="未找到区划代码"):
        run("--region", "999999")
    with pytest.raises(CommandError, match="数字"):
        run("--region", "吴村镇")


def test_without_json_it_prints_a_chinese_table(demo: DemoContext) -> None:
    text = run()
    assert "统计范围：全部数据" in text
    assert "行政村" in text and "书记空缺的村" in text


def _queries_for_compute() -> int:
    with CaptureQueriesContext(connection) as captured:
        stats.compute()
        stats.compute(Region.objects.get(code="410782102000"))
    return len(captured)


def test_it_runs_the_same_number_of_queries_at_two_sizes(demo: DemoContext) -> None:
    before = _queries_for_compute()
    town = Region.objects.get(code="410782102000")
    for number in range(30):
        code = f"410782102{300 + number}"
        village = create_region(name=f"试点{number}村", level=Level.VILLAGE, parent=town, code=code)
        demo.new_person(village=village, age=40, rng=demo.random(f"test:{number}"))
    assert json.loads(run("--json", "--region", "410782102"))["vacancies"]["villages"] >= 30
    assert _queries_for_compute() == before


def test_it_adds_the_figures_of_capabilities_that_provide_them(
    demo: DemoContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = types.ModuleType("tests_fake_counts")
    fake.count = lambda villages: {"red": villages.count()}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tests_fake_counts", fake)
    monkeypatch.setattr(stats, "OPTIONAL", (("villages_by_colour", "tests_fake_counts", "count"),))
    figures = stats.compute()
    assert figures["villages_by_colour"] == {"red": 42 + len(SECOND_TOWN)}
    assert "村（按风险颜色）" in run()


def test_it_leaves_out_the_figures_of_capabilities_not_built_yet(
    monkeypatch: pytest.MonkeyPatch, db: Any
) -> None:
    monkeypatch.setattr(stats, "OPTIONAL", (("candidates_by_stage", "houbei.nowhere", "f"),))
    assert "candidates_by_stage" not in stats.compute()
