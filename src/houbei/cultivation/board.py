"""What the town's cultivation board shows, read in a constant number of queries: trainees with
their hours, tests, placement and open proposal; classes; meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Prefetch, Q
from django.utils import timezone

from houbei.accounts.types import Actor
from houbei.cultivation.models import (
    CultivationPlan,
    ExamResult,
    ObservationMeeting,
    Placement,
    ProposalStatus,
    RemovalProposal,
    Trainee,
    TrainingSession,
)
from houbei.cultivation.queries import Ledger, ledgers
from houbei.cultivation.rules import CultivationRules, cultivation_rules
from houbei.rounds.models import RuleSet
from houbei.rounds.services import current_rules

OVERDUE_LOG_DAYS = 7  # a running placement with no work log for a week is flagged


@dataclass
class TraineeRow:
    trainee: Trainee
    ledger: Ledger
    exams: list[ExamResult]
    placement: Placement | None
    proposal: RemovalProposal | None

    @property
    def stage(self) -> str:
        candidate = self.trainee.candidate
        return candidate.get_stage_display() if candidate else "现任干部"

    @property
    def best_exam(self) -> ExamResult | None:
        return max(self.exams, key=lambda e: e.score) if self.exams else None


@dataclass
class Board:
    plan: CultivationPlan
    rule_set: RuleSet
    rules: CultivationRules
    sessions: list[TrainingSession]
    rows: list[TraineeRow]
    meetings: list[ObservationMeeting]
    today: dt.date
    stages: dict[str, int] = field(default_factory=dict)

    @property
    def overdue(self) -> list[TraineeRow]:
        limit = self.today - dt.timedelta(days=OVERDUE_LOG_DAYS)
        return [
            row
            for row in self.rows
            if row.placement is not None
            and row.placement.starts_on <= limit
            and row.placement.planned_end >= self.today
            and (row.placement.last_log or dt.date.min) < limit  # type: ignore[attr-defined]
        ]

    @property
    def attendance_rate(self) -> str:
        held = [r.ledger for r in self.rows if r.ledger.rate is not None]
        if not held:
            return "—"
        return f"{sum(ledger.rate or 0 for ledger in held) / len(held):.0%}"

    @property
    def passed(self) -> int:
        return sum(1 for r in self.rows if any(e.passed for e in r.exams))

    @property
    def failed(self) -> int:
        return sum(1 for r in self.rows if r.exams and not any(e.passed for e in r.exams))

    @property
    def running(self) -> int:
        return sum(
            1
            for r in self.rows
            if r.placement and r.placement.starts_on <= self.today <= r.placement.planned_end
        )


def visible_trainees(user: Actor, plan: CultivationPlan) -> Any:
    return (
        Trainee.objects.visible_to(user)
        .filter(plan=plan)
        .select_related("person", "village", "candidate")
        .order_by("village__code", "person__name_pinyin", "id")
    )


def build_board(plan: CultivationPlan, user: Actor, today: dt.date | None = None) -> Board:
    day = today or timezone.localdate()
    rule_set = current_rules(plan.election_round)
    rules = cultivation_rules(rule_set)
    last_log = Max("logs__logged_on", filter=Q(logs__voided_at__isnull=True))
    placements = Placement.objects.annotate(last_log=last_log).select_related("village", "mentor")
    trainees = list(
        visible_trainees(user, plan).prefetch_related(
            Prefetch("exam_results", queryset=ExamResult.objects.valid().order_by("attempt")),
            Prefetch("placements", queryset=placements),
            Prefetch(
                "proposals",
                queryset=RemovalProposal.objects.filter(status=ProposalStatus.PROPOSED),
            ),
        )
    )
    found = ledgers(plan, [t.pk for t in trainees], rules, day)
    rows = [
        TraineeRow(
            trainee=t,
            ledger=found[t.pk],
            exams=list(t.exam_results.all()),
            placement=next(iter(t.placements.all()), None),
            proposal=next(iter(t.proposals.all()), None),
        )
        for t in trainees
    ]
    stages: dict[str, int] = {}
    for row in rows:
        stages[row.stage] = stages.get(row.stage, 0) + 1
    return Board(
        plan=plan,
        rule_set=rule_set,
        rules=rules,
        sessions=list(TrainingSession.objects.filter(plan=plan)),
        rows=rows,
        meetings=list(ObservationMeeting.objects.filter(plan=plan)),
        today=day,
        stages=stages,
    )
