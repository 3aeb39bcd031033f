"""The weekly assessment: scores, hard rules, colours, the SQL twin, queries, rule versions."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def _assess(region: Any) -> Any:
    from houbei.risk.services import run_assessment

    return run_assessment(region=region, actor=None)


def _latest(village: Any) -> Any:
    from houbei.risk.models import Assessment

    return Assessment.objects.select_related("rule_set").get(village=village, is_latest=True)


def _sql_agrees(region: Any, election_round: Any) -> None:
    from django.utils import timezone

    from houbei.devtools import risk_sql
    from houbei.risk.engine.run import villages_under
    from houbei.risk.models import Assessment

    risk, ctx = risk_sql.round_rules(election_round, timezone.localdate())
    found = risk_sql.colours(villages_under(region), election_round, risk, ctx)
    engine = Assessment.objects.current().values_list("village_id", "score", "computed_colour")
    assert {pk: (score, colour) for pk, score, colour in engine} == found


def test_a_strong_village_is_green_with_every_line_explained(
    tree: Any, risk_round: Any, full_committee: Any, survey: Any
) -> None:
    for person in full_committee(tree["a1"]):
        survey(tree["a1"], person, rating=5)

    _assess(tree["town_a"])

    latest = _latest(tree["a1"])
    assert latest.colour == "green"
    assert latest.level == "low"
    assert [line["key"] for line in latest.lines][:3] == [
        "committee",
        "secretary_age",
        "secretary_capability",
    ]
    assert latest.lines[0]["band"] == "两委班子配齐"


def test_an_empty_village_is_red_by_its_hard_rules(tree: Any, risk_round: Any) -> None:
    _assess(tree["town_a"])

    latest = _latest(tree["a2"])
    assert latest.colour == "red"
    assert latest.level == "high"
    assert "书记空缺且无成熟的书记后备" in [rule["label"] for rule in latest.hard_rules]


def test_the_one_statement_computes_the_same_colours(
    tree: Any, risk_round: Any, full_committee: Any, survey: Any, seat: Any
) -> None:
    from houbei.risk.services import save_facts

    for person in full_committee(tree["a1"], secretary_age=58, dual=False):
        survey(tree["a1"], person, rating=3, intention="dual_role")
    old = seat(tree["a2"], "secretary", age=63)
    survey(tree["a2"], old, rating=2)
    seat(tree["a2"], "member", age=30)
    facts = {"petition_backlog": 3, "clan_disputes": 1, "past_trouble": 1}
    save_facts(
        village=tree["a2"], election_round=risk_round, fields=facts, version=None, actor=None
    )

    _assess(tree["town_a"])

    _sql_agrees(tree["town_a"], risk_round)


def _province(size: int, code: str) -> Any:
    from houbei.devtools.risk_bench import build

    return build(size, code=code)


@pytest.mark.django_db
def test_reassessing_runs_the_same_number_of_queries_for_20_and_200_villages() -> None:
    from houbei.risk.services import run_assessment

    counts = []
    for size, code in ((20, "480000000000"), (200, "470000000000")):
        election_round = _province(size, code)
        run_assessment(region=election_round.region, actor=None)  # a first week
        with CaptureQueriesContext(connection) as queries:
            run = run_assessment(region=election_round.region, actor=None)
        assert run.villages == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_the_engine_agrees_with_the_statement_on_a_varied_province() -> None:
    election_round = _province(300, "460000000000")
    _assess(election_round.region)

    _sql_agrees(election_round.region, election_round)


def test_editing_the_rules_changes_new_assessments_only(
    tree: Any, risk_round: Any, full_committee: Any, survey: Any
) -> None:
    import copy

    from houbei.rounds.services import current_rules, save_rules

    for person in full_committee(tree["a1"]):
        survey(tree["a1"], person, rating=4)
    _assess(tree["town_a"])
    first = _latest(tree["a1"])
    rules = copy.deepcopy(current_rules(risk_round).rules)
    rules["risk"]["colours"][0]["min"] = 101  # nobody is green any more
    rules["risk"]["factors"][0]["label"] = "班子是否配齐"
    save_rules(risk_round, rules=rules, source_document="测试文件", note="提高绿色门槛", actor=None)

    _assess(tree["town_a"])

    first.refresh_from_db()
    second = _latest(tree["a1"])
    assert (first.rule_set.version, first.colour, first.lines[0]["label"]) == (
        1,
        "green",
        "班子完整",
    )
    assert (second.rule_set.version, second.colour) == (2, "yellow")
    assert second.lines[0]["label"] == "班子是否配齐"
    assert second.previous_id == first.pk


def test_a_sitting_cadre_over_the_age_cap_is_suggested_to_leave(
    tree: Any, risk_round: Any, seat: Any, survey: Any
) -> None:
    from django.utils import timezone

    from houbei.risk.cadres import cadre_rows

    old = seat(tree["a1"], "secretary", age=62)
    young = seat(tree["a1"], "member", age=40)
    survey(tree["a1"], young, rating=4, intention="other_post")

    rows = {r.person.pk: r for r in cadre_rows(tree["a1"], risk_round, timezone.localdate())}

    assert (rows[old.pk].suggested, rows[old.pk].suggested_reason) == (
        "leave",
        "截止日超过本职务年龄上限",
    )
    assert rows[young.pk].suggested == "move"


def test_outlooks_are_counted_in_the_snapshot(
    tree: Any, risk_round: Any, seat: Any, survey: Any
) -> None:
    from houbei.risk.services import confirm_outlook

    seat(tree["a1"], "secretary", age=62)
    member = seat(tree["a1"], "member", age=40)
    confirm_outlook(
        village=tree["a1"], person=member, election_round=risk_round, outlook="move",
        suggested="stay", reason="拟任村务监督委员会主任", actor=None,
    )  # fmt: skip

    _assess(tree["town_a"])

    latest = _latest(tree["a1"])
    assert (latest.cadres_leave, latest.cadres_stay, latest.cadres_move) == (1, 0, 1)


def test_a_changed_outlook_needs_a_reason(tree: Any, risk_round: Any, seat: Any) -> None:
    from django.core.exceptions import ValidationError

    from houbei.risk.services import confirm_outlook

    member = seat(tree["a1"], "member", age=40)
    with pytest.raises(ValidationError, match="请写明理由"):
        confirm_outlook(
            village=tree["a1"], person=member, election_round=risk_round, outlook="leave",
            suggested="stay", reason=" ", actor=None,
        )  # fmt: skip


def test_a_village_outside_any_round_is_not_assessed(tree: Any) -> None:
    run = _assess(tree["town_a"])

    assert run.villages == 0
