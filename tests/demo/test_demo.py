"""The demo town: deterministic, the story's numbers, facts that fit each tier, refusals."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from houbei.accounts.models import User
from houbei.demo.foundation import PASSWORD
from houbei.demo.story import STORY, TIER_COUNTS, villages_by_tier
from houbei.lib import codes
from houbei.people.models import Person, Post
from houbei.regions.committee import build_committee, sitting_posts
from houbei.regions.models import Level, Region
from houbei.rounds.services import current_rules

pytestmark = pytest.mark.django_db


def test_the_story_has_42_villages_in_the_seed_towns_proportions() -> None:
    grouped = villages_by_tier()
    assert {tier: len(rows) for tier, rows in grouped.items()} == TIER_COUNTS
    assert len({row.code for row in STORY}) == 42
    assert [row.code for row in STORY][:2] == ["410782106201", "410782106202"]
    assert STORY[-1].code == "410782106242"
    assert sum(row.secretary_vacant for row in grouped["red"]) >= 4


def test_it_builds_the_town_with_its_districts_villages_and_cadres(demo: Any) -> None:
    town = Region.objects.get(code="410782106000")
    assert town.name == "吴村镇"
    assert Region.objects.filter(town=town, level=Level.DISTRICT).count() == 4
    villages = Region.objects.filter(town=town, level=Level.VILLAGE)
    assert villages.count() == 42
    assert villages.filter(district__isnull=True).count() == 0
    assert Region.objects.filter(county__code="410782000000", level=Level.TOWN).count() == 22
    cadres = Post.objects.filter(term_end__isnull=True).values("person").distinct().count()
    assert 180 <= cadres <= 220
    assert demo.election_round.cutoff_date.isoformat() == "2026-12-31"


def test_cadres_have_a_realistic_spread_of_age_and_education(demo: Any) -> None:
    cutoff = demo.cutoff
    secretaries = [p.person for p in Post.objects.filter(role="secretary").select_related("person")]
    ages = [person.age_on(cutoff) for person in secretaries]
    assert sum(45 <= age <= 62 for age in ages) > len(ages) / 2
    assert any(age < 45 for age in ages)
    assert all(codes.is_party_member(person.political_status) for person in secretaries)
    schooling = Counter(Person.objects.values_list("education", flat=True))
    assert schooling["61"] + schooling["71"] > sum(schooling.values()) / 2
    assert schooling["31"] + schooling["21"] > 0
    assert Person.objects.filter(sex="2").exists()


def test_there_is_one_demo_account_per_role(demo: Any) -> None:
    users = {user.username: user for user in User.objects.select_related("region")}
    roles = {
        name: (user.role, user.region.name if user.region else None) for name, user in users.items()
    }
    assert roles == {
        "county": ("county_officer", "辉县市"),
        "leader": ("town_leader", "吴村镇"),
        "town": ("town_staff", "吴村镇"),
        "liaison": ("liaison", "吴村镇"),
        "reviewer": ("reviewer", "辉县市"),
        "auditor": ("auditor", "辉县市"),
        "sysadmin": ("sysadmin", None),
        "secadmin": ("security_admin", None),
    }
    assert users["reviewer"].department == "police"
    assert all(user.check_password(PASSWORD) for user in users.values())
    assigned = list(users["liaison"].villages.all())
    assert 3 <= len(assigned) <= 4
    assert len({village.district_id for village in assigned}) == 1


def _committees(demo: Any) -> dict[str, Any]:
    rules = current_rules(demo.election_round).rules
    return {
        row.name: build_committee(village, list(sitting_posts(village)), rules)
        for row in STORY
        for village in [demo.villages[row.name]]
    }


def _secretary(committee: Any) -> Person | None:
    return next((p.person for p in committee.posts if p.role == "secretary"), None)


def test_planted_facts_match_each_villages_intended_tier(demo: Any) -> None:
    committees = _committees(demo)
    cutoff = demo.cutoff
    for row in STORY:
        committee = committees[row.name]
        secretary = _secretary(committee)
        age = secretary.age_on(cutoff) if secretary else None
        others = [p.person for p in committee.posts if p.person != secretary]
        if row.tier == "red":
            assert committee.people <= committee.size - 2, row.name
            assert age is None or age >= 61, row.name
        elif row.tier == "orange":
            assert committee.people >= committee.size - 1, row.name
            assert age is not None and 57 <= age <= 60, row.name
        elif row.tier == "yellow":
            assert committee.people >= committee.size and not committee.dual_role, row.name
            assert age is not None and 45 <= age <= 56, row.name
            assert sum(p.age_on(cutoff) >= 55 for p in others) > len(others) / 2, row.name
        else:
            assert committee.people >= committee.size and committee.dual_role, row.name
            assert age is not None and 35 <= age <= 50, row.name
            assert secretary is not None and codes.is_college_or_above(secretary.education)


def test_red_villages_have_their_secretary_post_vacant_as_the_story_says(demo: Any) -> None:
    committees = _committees(demo)
    for row in villages_by_tier()["red"]:
        assert (_secretary(committees[row.name]) is None) == row.secretary_vacant, row.name
    vacant = [row for row in STORY if _secretary(committees[row.name]) is None]
    assert len(vacant) == 4
