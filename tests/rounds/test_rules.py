"""Rule versions: validated, audited, and each decision keeps the version it used."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from houbei.audit.models import AuditEntry
from houbei.reserves import services
from houbei.reserves.models import CandidateEvent
from houbei.rounds.services import current_rules
from houbei.rulebook.registry import default_rules, validate_rules, validate_section
from houbei.rulebook.services import RulesConflictError, save_section

pytestmark = pytest.mark.django_db


def test_the_default_rules_are_valid() -> None:
    assert validate_rules(default_rules()) == {}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "pool",
            {"readiness_levels": {}, "secretary_reserves_per_village": 2},
            "缺少“reserves_per_village”项",
        ),
        ("committee", {"size": 4, "min_size": 3, "max_size": 7, "source": "x"}, "奇数"),
        ("age_caps", {"secretary": "六十", "chair": 60, "member": 65, "source": "x"}, "应为整数"),
        ("education", {"secretary_min": "99", "source": "x"}, "学历代码"),
        ("targets", {"dual_role_share": 1.5, "source": "x"}, "0 到 1"),
        (
            "recommendation",
            {"base": "heads", "threshold": 0.5, "strict": True, "quorum": 0.5, "source": "x"},
            "base",
        ),
    ],
)
def test_a_malformed_section_is_refused_in_chinese(name: str, value: Any, message: str) -> None:
    assert any(message in problem for problem in validate_section(name, value))


def test_a_disqualifier_item_of_unknown_class_is_refused() -> None:
    section = copy.deepcopy(default_rules()["disqualifiers"])
    section["items"][0]["class"] = "不许"
    section["items"][1]["facts"] = ["jaywalking"]

    problems = validate_section("disqualifiers", section)

    assert any("第 1 条" in p and "不能" in p for p in problems)
    assert any("第 2 条" in p and "jaywalking" in p for p in problems)


def test_an_item_checked_by_an_unlisted_department_is_refused(
    election_round: Any, personas: Any
) -> None:
    departments = copy.deepcopy(default_rules()["review_departments"])
    departments["departments"] = [d for d in departments["departments"] if d["code"] != "police"]

    with pytest.raises(ValidationError, match="不在资格联审部门中"):
        save_section(
            election_round,
            name="review_departments",
            value=departments,
            base_version=1,
            source_document="测试",
            note="去掉公安",
            actor=personas["county"],
        )


def test_saving_a_section_makes_a_new_audited_version(election_round: Any, personas: Any) -> None:
    pool = {**default_rules()["pool"], "secretary_reserves_per_village": 1}

    saved = save_section(
        election_round,
        name="pool",
        value=pool,
        base_version=1,
        source_document="辉组〔2026〕1号",
        note="每村1名书记后备",
        actor=personas["county"],
    )

    assert saved.version == 2 and current_rules(election_round).version == 2
    entry = AuditEntry.objects.get(action="rounds.rules.saved")
    assert entry.changes["version"] == 2


def test_an_edit_from_an_old_version_is_a_conflict(election_round: Any, personas: Any) -> None:
    pool = {**default_rules()["pool"], "secretary_reserves_per_village": 1}
    save_section(
        election_round,
        name="pool",
        value=pool,
        base_version=1,
        source_document="a",
        note="a",
        actor=personas["county"],
    )

    with pytest.raises(RulesConflictError):
        save_section(
            election_round,
            name="pool",
            value=pool,
            base_version=1,
            source_document="b",
            note="b",
            actor=personas["county"],
        )


def test_new_decisions_use_the_new_version_and_old_events_keep_theirs(
    walk: Any, election_round: Any, personas: Any
) -> None:
    candidate = walk("screened")
    rule = {**default_rules()["recommendation"], "threshold": 0.8}
    save_section(
        election_round,
        name="recommendation",
        value=rule,
        base_version=1,
        source_document="辉组〔2026〕2号",
        note="提高推荐门槛",
        actor=personas["county"],
    )

    vote = services.record_vote(
        candidate,
        meeting_type="joint",
        held_on=dt.date(2026, 3, 10),
        eligible=40,
        attended=36,
        votes_for=30,
        votes_against=4,
        abstentions=2,
        actor=None,
    )

    assert not vote.passed and vote.rule_set.version == 2  # 30 of 40 is under 80%
    versions = CandidateEvent.objects.filter(candidate=candidate).values_list(
        "action", "rule_set__version"
    )
    assert ("提名", 1) in list(versions) and ("民主推荐未通过", 2) in list(versions)
