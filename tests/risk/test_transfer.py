"""转 in 进退留转: a capable cadre over the cap of the post held but within another post's cap
is suggested for that post (the `transfer` rule section); otherwise the suggestion stays 退."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from houbei.risk.transfer import validate_transfer
from houbei.rulebook.registry import default_rules

pytestmark = pytest.mark.django_db


def _rows(tree: Any, risk_round: Any) -> dict[int, Any]:
    from houbei.risk.cadres import cadre_rows

    return {r.person.pk: r for r in cadre_rows(tree["a1"], risk_round, timezone.localdate())}


def test_a_capable_secretary_over_the_cap_but_within_the_members_is_suggested_to_move(
    tree: Any, risk_round: Any, seat: Any, survey: Any
) -> None:
    old = seat(tree["a1"], "secretary", age=62)
    survey(tree["a1"], old, rating=4)

    row = _rows(tree, risk_round)[old.pk]

    assert row.suggested == "move" and row.suggested_label == "转"
    assert row.suggested_reason.startswith("到截止日62岁，超过村党组织书记年龄上限（60岁）")
    assert "建议转任村委会主任" not in row.suggested_reason  # the chair's cap is 60 too
    assert "建议转任其他两委成员" in row.suggested_reason


@pytest.mark.parametrize(
    ("age", "rating", "fields"),
    [
        (62, 3, {}),  # not capable enough
        (66, 5, {}),  # over every cap
        (62, 5, {"intention": "retire"}),  # not standing again
        (62, 5, {"negative": True}),  # on the negative list
    ],
)
def test_otherwise_the_over_age_cadre_is_still_suggested_to_leave(
    tree: Any, risk_round: Any, seat: Any, survey: Any, age: int, rating: int, fields: Any
) -> None:
    old = seat(tree["a1"], "secretary", age=age)
    survey(tree["a1"], old, rating=rating, **fields)

    assert _rows(tree, risk_round)[old.pk].suggested == "leave"


def test_a_cadre_within_the_cap_is_not_moved(
    tree: Any, risk_round: Any, seat: Any, survey: Any
) -> None:
    young = seat(tree["a1"], "secretary", age=50)
    survey(tree["a1"], young, rating=5)

    assert _rows(tree, risk_round)[young.pk].suggested == "stay"


def test_the_county_can_switch_the_suggestion_off(
    tree: Any, risk_round: Any, seat: Any, survey: Any, personas: Any
) -> None:
    from houbei.rulebook.services import save_section

    old = seat(tree["a1"], "secretary", age=62)
    survey(tree["a1"], old, rating=5)
    save_section(
        risk_round,
        name="transfer",
        value={**default_rules()["transfer"], "enabled": False},
        base_version=1,
        source_document="辉组〔2026〕3号",
        note="不建议转任",
        actor=personas["county"],
    )

    assert _rows(tree, risk_round)[old.pk].suggested == "leave"


def test_the_rule_is_checked_with_chinese_messages() -> None:
    good = default_rules()["transfer"]
    assert validate_transfer(good) == []
    bad = {**good, "min_rating": 9, "to_posts": ["mayor"], "enabled": "yes"}
    assert validate_transfer(bad) == [
        "是否建议转任：应为是或否",
        "最低评价：应在 1 到 5 分之间",
        "可转任的职务：请至少选择一项，且只能是村党组织书记、村委会主任或其他两委成员",
    ]


def _weekly(tree: Any) -> Any:
    from houbei.risk.models import Assessment
    from houbei.risk.services import run_assessment

    run_assessment(region=tree["town_a"], actor=None)
    return Assessment.objects.get(village=tree["a1"], is_latest=True)


@pytest.mark.parametrize(("enabled", "moved"), [(True, 1), (False, 0)])
def test_the_weekly_counts_apply_the_transfer_rule_as_the_village_page_does(
    tree: Any,
    risk_round: Any,
    seat: Any,
    survey: Any,
    personas: Any,
    enabled: bool,
    moved: int,
) -> None:
    from houbei.rulebook.services import save_section

    # Over the secretary's cap (60), within the other members' (65): 转, not 退.
    old = seat(tree["a1"], "secretary", age=62)
    survey(tree["a1"], old, rating=5)
    if not enabled:
        save_section(
            risk_round,
            name="transfer",
            value={**default_rules()["transfer"], "enabled": False},
            base_version=1,
            source_document="辉组〔2026〕3号",
            note="不建议转任",
            actor=personas["county"],
        )
    page = _rows(tree, risk_round)[old.pk].suggested

    week = _weekly(tree)

    assert page == ("move" if enabled else "leave")
    assert (week.cadres_move, week.cadres_leave) == (moved, 1 - moved)
