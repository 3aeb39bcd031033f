"""The targets before / projected / after, checked against figures worked out by hand from a
small committee set, and the election's result that fills the after column."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from houbei.outcomes import services, targets
from houbei.outcomes.rules import target_rules
from houbei.rounds.services import current_rules

LONG_AGO = dt.date(2021, 3, 1)


def _born(age: int) -> dt.date:
    """Born so as to be `age` at the cut-off date 2026-12-31."""
    return dt.date(2026 - age, 6, 1)


@pytest.fixture
def town(tree: Any, make_person: Any, election_round: Any, walk: Any) -> dict[str, Any]:
    """张屯村 (a1): secretary 58 高中 man, chair 50 大专 woman, member 40; secretary leaving,
    a ready secretary reserve aged 35 with 大专. 潘村 (a2): one-shoulder secretary and chair 55
    本科 man, member 33 高中 woman."""
    from houbei.lib.idnumber import make_id_number
    from houbei.people.services import appoint_to_post
    from houbei.risk.models import CadreOutlook

    election_round.starts_on = timezone.localdate() - dt.timedelta(days=200)
    election_round.save()
    a1, a2 = tree["a1"], tree["a2"]

    def seat(village: Any, role: str, name: str, age: int, education: str, sex: str) -> Any:
        extra = {}
        if sex == "2":  # the ID number's sequence is even for a woman
            extra["id_number"] = make_id_number("410782", _born(age), 800 + age * 2)
        person = make_person(
            village=village, name=name, birth=_born(age), education=education, **extra
        )
        appoint_to_post(person=person, village=village, role=role, term_start=LONG_AGO, actor=None)
        return person

    p1 = seat(a1, "secretary", "甲", 58, "61", "1")
    p2 = seat(a1, "chair", "乙", 50, "31", "2")
    p3 = seat(a1, "member", "丙", 40, "61", "1")
    p4 = seat(a2, "secretary", "丁", 55, "21", "1")
    appoint_to_post(person=p4, village=a2, role="chair", term_start=LONG_AGO, actor=None)
    p5 = seat(a2, "member", "戊", 33, "61", "2")
    CadreOutlook.objects.create(
        election_round=election_round, village=a1, person=p1, outlook="leave", reason="超龄"
    )
    reserve = walk("pooled", village=a1, education="31")
    return {"a1": a1, "a2": a2, "people": [p1, p2, p3, p4, p5], "reserve": reserve}


def _figures(tree: Any, election_round: Any) -> dict[str, Any]:
    rows = targets.build([tree["a1"], tree["a2"]], election_round)
    found = targets.figures(rows, target_rules(current_rules(election_round)))
    return {f.key: f for f in found}


def test_before_and_projected_agree_with_the_hand_count(
    town: Any, tree: Any, election_round: Any
) -> None:
    figures = _figures(tree, election_round)
    age, college = figures["secretary_age"], figures["secretary_college"]
    # before: secretaries 58 and 55; projected: the reserve (35) replaces the leaving 58
    assert age.values == {"before": 56.5, "projected": 45.0, "after": None}
    assert age.meets["projected"] is True  # 45 ≤ 56.5 − 2
    assert age.laggards == ["潘村"]  # its secretary (55) is older than the target average 54.5
    # before: 1 of 2 with 大专 or more; projected: both
    assert college.values == {"before": 0.5, "projected": 1.0, "after": None}
    assert figures["dual_role"].values == {"before": 0.5, "projected": 0.5, "after": None}
    assert figures["dual_role"].laggards == ["张屯村"]
    # 35 or under: before only 潘村 (33); projected 张屯村 too (the reserve)
    assert figures["young"].values == {"before": 0.5, "projected": 1.0, "after": None}
    assert figures["women"].values == {"before": 1.0, "projected": 1.0, "after": None}
    # one secretary reserve in 张屯村, none in 潘村; two are wanted in each
    assert figures["reserves"].values["projected"] == 0.0
    assert figures["reserves"].laggards == ["张屯村", "潘村"]


def test_a_confirmed_stay_keeps_the_projection_at_the_sitting_committee(
    town: Any, tree: Any, election_round: Any
) -> None:
    from houbei.risk.models import CadreOutlook

    CadreOutlook.objects.filter(person=town["people"][0]).update(outlook="stay")
    figures = _figures(tree, election_round)
    # the reserve joins as a member; 甲 stays secretary
    assert figures["secretary_age"].values["projected"] == 56.5
    assert figures["secretary_age"].meets["projected"] is False
    assert figures["secretary_age"].laggards == ["张屯村", "潘村"]


def test_the_election_result_fills_the_after_column(
    town: Any, tree: Any, election_round: Any, personas: Any
) -> None:
    from houbei.people.models import Post

    reserve = town["reserve"]
    elected_on = timezone.localdate() - dt.timedelta(days=1)
    p3 = town["people"][2]
    result = services.enter_result(
        village=tree["a1"],
        election_round=election_round,
        elected_on=elected_on,
        members=[(reserve.person, "secretary"), (reserve.person, "chair"), (p3, "member")],
        actor=personas["town"],
    )
    assert result.dual_role
    assert [m.from_reserve for m in result.members.order_by("id")] == [True, True, False]
    sitting = Post.objects.sitting().filter(village=tree["a1"])
    assert sorted(sitting.values_list("person__name", "role")) == sorted(
        [(reserve.person.name, "secretary"), (reserve.person.name, "chair"), ("丙", "member")]
    )
    assert not Post.objects.filter(person=town["people"][0], term_end__isnull=True).exists()
    figures = _figures(tree, election_round)
    # only 张屯村 has a result: secretary 35 with 大专, one-shoulder, no woman any more
    assert figures["secretary_age"].values["after"] == 35.0
    assert figures["secretary_college"].values["after"] == 1.0
    assert figures["dual_role"].values["after"] == 1.0
    assert figures["women"].values["after"] == 0.0
    assert figures["women"].laggards == ["张屯村"]
    # one person elected to both head seats, from the pool: 1 of 1
    reserve_elected = figures["reserve_elected"]
    assert reserve_elected.values == {"before": None, "projected": None, "after": 1.0}
    assert reserve_elected.laggards == []


def test_the_share_of_heads_elected_from_the_pool_counts_people(
    town: Any, tree: Any, election_round: Any, personas: Any
) -> None:
    reserve, chair = town["reserve"], town["people"][1]
    assert _figures(tree, election_round)["reserve_elected"].values["after"] is None
    services.enter_result(
        village=tree["a1"],
        election_round=election_round,
        elected_on=timezone.localdate() - dt.timedelta(days=1),
        members=[(reserve.person, "secretary"), (chair, "chair")],
        actor=personas["town"],
    )
    figure = _figures(tree, election_round)["reserve_elected"]
    # the reserve as secretary, the sitting chair 乙 again: 1 of 2; 潘村 has no result yet
    assert figure.values == {"before": None, "projected": None, "after": 0.5}
    assert figure.laggards == ["张屯村"]


def test_a_second_result_for_the_same_village_is_refused(
    town: Any, tree: Any, election_round: Any, personas: Any
) -> None:
    from django.core.exceptions import ValidationError

    day = timezone.localdate() - dt.timedelta(days=1)
    members = [(town["people"][2], "secretary")]
    services.enter_result(
        village=tree["a1"],
        election_round=election_round,
        elected_on=day,
        members=members,
        actor=personas["town"],
    )
    with pytest.raises(ValidationError, match="已录入本届换届结果"):
        services.enter_result(
            village=tree["a1"],
            election_round=election_round,
            elected_on=day,
            members=members,
            actor=personas["town"],
        )


def test_the_measure_runs_the_same_queries_for_two_villages_and_four(
    town: Any, tree: Any, election_round: Any
) -> None:
    def count(villages: list[Any]) -> int:
        with CaptureQueriesContext(connection) as context:
            targets.figures(
                targets.build(villages, election_round),
                target_rules(current_rules(election_round)),
            )
        return len(context.captured_queries)

    assert count([tree["a1"], tree["a2"]]) == count([tree[v] for v in ("a1", "a2", "a3", "b1")])
