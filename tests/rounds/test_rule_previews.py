"""Previews on the demo town: the colours of the latest assessment under proposed bands (the
same counts as the engine's run when nothing changes), and the cadres over proposed age caps."""

from __future__ import annotations

from typing import Any

import pytest

from houbei.rounds.services import current_rules
from tests.rounds.forms import post_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(client: Any, demo: Any) -> Any:
    client.force_login(demo.users["county"])
    return client


def _sitting_over(demo: Any, caps: dict[str, int]) -> int:
    from houbei.people.models import Post

    roles: dict[Any, set[str]] = {}
    # The county's villages: 吴村镇's and the second demo town's (南村镇).
    for post in Post.objects.sitting().filter(village__county=demo.county):
        roles.setdefault(post.person, set()).add(post.role)
    return sum(
        1
        for person, held in roles.items()
        if person.age_on(demo.cutoff)
        > caps["secretary" if "secretary" in held else "chair" if "chair" in held else "member"]
    )


def test_the_risk_preview_counts_the_colours_the_engine_gave(county: Any, demo: Any) -> None:
    from houbei.risk.services import run_assessment

    run_assessment(region=demo.town, actor=None)

    text = post_section(county, demo.election_round, "risk", preview=True).content.decode()

    assert "最近一次研判的 42 个村：红色 6 个、橙色 12 个、黄色 14 个、绿色 10 个" in text
    assert "颜色会变化的村 0 个" in text


def test_raising_the_orange_band_turns_its_lowest_villages_red(county: Any, demo: Any) -> None:
    from houbei.risk.services import run_assessment

    run_assessment(region=demo.town, actor=None)

    text = post_section(
        county, demo.election_round, "risk", preview=True, colours__2__min="52"
    ).content.decode()

    assert "红色 12 个、橙色 6 个、黄色 14 个、绿色 10 个" in text  # six scored 50 or 51
    assert "颜色会变化的村 6 个" in text
    assert "选情研判规则 橙色最低分 由 50 分 改为 52 分" in text
    assert current_rules(demo.election_round).version == 1


def test_before_any_assessment_the_risk_preview_says_so(county: Any, demo: Any) -> None:
    text = post_section(county, demo.election_round, "risk", preview=True).content.decode()

    assert "本届尚无研判结果" in text


def test_the_age_cap_preview_counts_the_sitting_cadres_over_the_cap(county: Any, demo: Any) -> None:
    caps = {"secretary": 55, "chair": 60, "member": 65}
    expected = _sitting_over(demo, caps)

    text = post_section(
        county, demo.election_round, "age_caps", preview=True, secretary="55"
    ).content.decode()

    assert expected > _sitting_over(demo, {**caps, "secretary": 60}) > 0
    assert f"（共 {expected} 人，" in text


def test_the_reserve_cap_preview_counts_the_candidates_over_it(county: Any, demo: Any) -> None:
    from houbei.reserves.models import Candidate

    open_ones = Candidate.objects.filter(election_round=demo.election_round).exclude(
        stage__in=("removed", "appointed")
    )
    ages = [c.person.age_on(demo.cutoff) for c in open_ones.filter(target_post="secretary")]
    expected = sum(1 for age in ages if age > 30)

    text = post_section(
        county, demo.election_round, "criteria", preview=True, age_caps__secretary="30"
    ).content.decode()

    assert 0 < expected < len(ages)
    assert f"在培养的后备力量中超龄的：村党组织书记后备 {expected} 人" in text
