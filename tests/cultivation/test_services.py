"""Cultivation services: attendance and the hours ledger, the test, removal, placement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.cultivation import services
from houbei.cultivation.models import ProposalStatus, RemovalProposal
from houbei.cultivation.queries import ledgers
from houbei.cultivation.rules import cultivation_rules
from houbei.rounds.services import current_rules

DAY = dt.date(2026, 11, 20)


def _rules_with(election_round: Any, **changes: Any) -> None:
    from houbei.rulebook.services import save_section

    value = dict(current_rules(election_round).rules["cultivation"])
    value.update(changes)
    save_section(
        election_round,
        name="cultivation",
        value=value,
        base_version=current_rules(election_round).version,
        source_document="县委组织部通知",
        note="改",
        actor=None,
    )


def test_enrolling_takes_the_pooled_candidates_of_the_town(trainees: list[Any]) -> None:
    assert [t.village.name for t in trainees] == ["张屯村", "潘村", "王展村"]
    assert all(t.candidate.stage == "pooled" for t in trainees)


def test_marking_a_roster_fills_the_hours_ledger(
    plan: Any, add_class: Any, trainees: list[Any], personas: dict[str, Any]
) -> None:
    first, second = add_class(dt.date(2026, 10, 15)), add_class(dt.date(2026, 10, 22), hours="4")
    a, b, c = trainees
    Mark = services.Mark
    town = personas["town"]
    services.mark_roster(
        session=first,
        marks=[Mark(a, "present"), Mark(b, "late"), Mark(c, "leave", "生病")],
        actor=town,
    )
    services.mark_roster(session=second, marks=[Mark(a, "absent")], actor=town)
    found = ledgers(
        plan, [a.pk, b.pk, c.pk], cultivation_rules(current_rules(plan.election_round)), DAY
    )
    assert (found[a.pk].attended, found[a.pk].missed) == (Decimal("3"), Decimal("4"))
    assert found[a.pk].rate_text == "43%"
    assert found[b.pk].attended == Decimal("3")
    assert found[c.pk].leave == Decimal("3")
    add_class(dt.date(2026, 10, 29))  # held by DAY but not marked yet: no one's rate drops
    again = ledgers(plan, [b.pk], cultivation_rules(current_rules(plan.election_round)), DAY)
    assert again[b.pk].rate_text == "43%" and again[b.pk].plan.total == Decimal("10")
    assert AuditEntry.objects.filter(action="cultivation.attendance.marked").count() == 2


def test_a_leave_needs_a_reason(
    add_class: Any, trainees: list[Any], personas: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError, match="事由"):
        services.mark_roster(
            session=add_class(), marks=[services.Mark(trainees[0], "leave")], actor=personas["town"]
        )


def _hours_plan(add_class: Any, count: int = 7) -> list[Any]:
    return [
        add_class(dt.date(2026, 10, 1) + dt.timedelta(days=7 * i), hours="3") for i in range(count)
    ]


def test_missing_more_than_a_seventh_proposes_removal_with_the_rule_version(
    plan: Any, add_class: Any, trainees: list[Any], personas: dict[str, Any]
) -> None:
    sessions = _hours_plan(add_class)  # 21 hours: a seventh is 3
    a = trainees[0]
    services.mark_roster(
        session=sessions[0], marks=[services.Mark(a, "leave", "事假")], actor=personas["town"]
    )
    assert not RemovalProposal.objects.exists()  # 3 hours is not more than a seventh
    services.mark_roster(
        session=sessions[1], marks=[services.Mark(a, "absent")], actor=personas["town"]
    )
    proposal = RemovalProposal.objects.get()
    assert proposal.ground == "over_leave" and proposal.rule_set.version == 1
    assert "6.0 学时" in proposal.note or "6 学时" in proposal.note
    assert "1/7" in proposal.note


def test_a_later_rule_change_leaves_old_decisions_alone(
    plan: Any, add_class: Any, trainees: list[Any], personas: dict[str, Any]
) -> None:
    a, b, _ = trainees
    services.record_exam(trainee=a, score=Decimal("65"), taken_on=DAY, actor=personas["town"])
    _rules_with(plan.election_round, pass_mark=70)
    services.record_exam(trainee=b, score=Decimal("65"), taken_on=DAY, actor=personas["town"])
    old, new = a.exam_results.get(), b.exam_results.get()
    assert (old.passed, old.rule_set.version) == (True, 1)
    assert (new.passed, new.rule_set.version) == (False, 2)


def test_a_pass_moves_the_candidate_to_trained(
    trainees: list[Any], personas: dict[str, Any]
) -> None:
    a = trainees[0]
    services.record_exam(trainee=a, score=Decimal("80"), taken_on=DAY, actor=personas["town"])
    a.candidate.refresh_from_db()
    assert a.candidate.stage == "trained"
    assert a.candidate.events.filter(action="培训合格", rule_set__version=1).exists()


def test_a_fail_allows_one_resit_then_proposes_removal(
    trainees: list[Any], personas: dict[str, Any]
) -> None:
    a, town = trainees[0], personas["town"]
    services.record_exam(trainee=a, score=Decimal("50"), taken_on=DAY, actor=town)
    assert not RemovalProposal.objects.exists()
    services.record_exam(trainee=a, score=Decimal("55"), taken_on=DAY, actor=town)
    proposal = RemovalProposal.objects.get()
    assert proposal.ground == "failed_exam" and "补考 55 分" in proposal.note
    with pytest.raises(ValidationError, match="补考一次"):
        services.record_exam(trainee=a, score=Decimal("90"), taken_on=DAY, actor=town)


def test_without_resit_a_first_fail_proposes_removal(
    plan: Any, trainees: list[Any], personas: dict[str, Any]
) -> None:
    _rules_with(plan.election_round, resit_allowed=False)
    services.record_exam(
        trainee=trainees[0], score=Decimal("10"), taken_on=DAY, actor=personas["town"]
    )
    assert RemovalProposal.objects.get().ground == "failed_exam"


def test_only_a_leader_decides_and_approval_removes_through_reserves(
    trainees: list[Any], personas: dict[str, Any]
) -> None:
    a, town = trainees[0], personas["town"]
    services.record_exam(trainee=a, score=Decimal("1"), taken_on=DAY, actor=town)
    services.record_exam(trainee=a, score=Decimal("2"), taken_on=DAY, actor=town)
    proposal = RemovalProposal.objects.get()
    with pytest.raises(PermissionDenied):
        services.decide_removal(proposal=proposal, approve=True, note="", actor=town)
    services.decide_removal(proposal=proposal, approve=True, note="", actor=personas["leader"])
    a.candidate.refresh_from_db()
    assert a.candidate.stage == "removed" and "结业测试不合格" in a.candidate.removal_note
    assert RemovalProposal.objects.get().status == ProposalStatus.APPROVED
    assert AuditEntry.objects.filter(action="reserves.candidate.removed").exists()


def test_placing_a_trained_candidate_sets_the_length_from_the_rules(
    trainees: list[Any], personas: dict[str, Any], tree: dict[str, Any], make_person: Any
) -> None:
    a, town = trainees[0], personas["town"]
    with pytest.raises(ValidationError, match="培训合格"):
        services.place(
            trainee=a,
            village=tree["a2"],
            role="secretary_assistant",
            duty_areas=["党建"],
            mentor=None,
            starts_on=DAY,
            actor=town,
        )
    services.record_exam(trainee=a, score=Decimal("90"), taken_on=DAY, actor=town)
    a.refresh_from_db()
    mentor = make_person(village=tree["a2"], name="王书记")
    placement = services.place(
        trainee=a,
        village=tree["a2"],
        role="secretary_assistant",
        duty_areas=["党建", "信访"],
        mentor=mentor,
        starts_on=DAY,
        actor=town,
    )
    assert placement.planned_end == DAY + dt.timedelta(days=60)
    a.candidate.refresh_from_db()
    assert a.candidate.stage == "placed"
    services.record_exam(trainee=trainees[1], score=Decimal("90"), taken_on=DAY, actor=town)
    with pytest.raises(ValidationError, match="分工"):
        services.place(
            trainee=trainees[1],
            village=tree["a2"],
            role="work_team",
            duty_areas=["炒股"],
            mentor=None,
            starts_on=DAY,
            actor=town,
        )
    log = services.add_work_log(
        placement=placement, logged_on=DAY, text="入户走访", actor=personas["liaison"]
    )
    assert log.recorded_by == personas["liaison"]
    rating = services.rate_month(placement=placement, month=DAY, rating="良好", note="", actor=town)
    assert rating.month == dt.date(2026, 11, 1)
    meeting = services.hold_meeting(
        plan=a.plan, held_on=DAY, place="镇会议室", attendees="班子成员", actor=town
    )
    made = services.rate_at_meeting(
        meeting=meeting, placement=placement, rating="优秀", comments="汇报扎实", actor=town
    )
    assert made.rule_set.version == 1
    assert AuditEntry.objects.filter(action__startswith="cultivation.").count() >= 6


def test_stats_count_trained_and_placed(
    trainees: list[Any], personas: dict[str, Any], tree: dict[str, Any]
) -> None:
    from houbei.cultivation.queries import cultivation_counts
    from houbei.regions.models import Region
    from houbei.reports import stats

    a, b, c = trainees
    town = personas["town"]
    for trainee in (a, b):
        services.record_exam(trainee=trainee, score=Decimal("90"), taken_on=DAY, actor=town)
    a.refresh_from_db()
    services.place(
        trainee=a, village=tree["a2"], role="work_team", duty_areas=["党建"],
        mentor=None, starts_on=timezone.localdate(), actor=town,
    )  # fmt: skip
    services.record_exam(trainee=c, score=Decimal("10"), taken_on=DAY, actor=town)
    services.record_exam(trainee=c, score=Decimal("10"), taken_on=DAY, actor=town)
    villages = Region.objects.filter(level="village")
    assert cultivation_counts(villages) == {
        "trainees": 3, "trained": 2, "placed": 1, "placements_running": 1, "proposed_removals": 1,
    }  # fmt: skip
    assert stats.compute()["cultivation"]["placed"] == 1


def test_a_rejected_over_limit_proposal_is_not_raised_again_by_later_marks(
    plan: Any, add_class: Any, trainees: list[Any], personas: dict[str, Any]
) -> None:
    sessions = _hours_plan(add_class)
    a, town = trainees[0], personas["town"]
    for session in sessions[:2]:
        services.mark_roster(session=session, marks=[services.Mark(a, "absent")], actor=town)
    proposal = RemovalProposal.objects.get()
    services.decide_removal(
        proposal=proposal, approve=False, note="已补课", actor=personas["leader"]
    )
    services.mark_roster(session=sessions[2], marks=[services.Mark(a, "absent")], actor=town)
    assert RemovalProposal.objects.count() == 1
    a.candidate.refresh_from_db()
    assert a.candidate.stage == "pooled"
    assert a.candidate.events.filter(action="不同意调整出列").exists()
