"""The demo's cultivation plan: ten classes, six held with their sign-in, one trainee over the
leave limit, one failed test proposed for removal, placements with work logs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from houbei.cultivation.models import (
    Attendance,
    CultivationPlan,
    Placement,
    RemovalProposal,
    WorkLog,
)
from houbei.cultivation.queries import ledgers
from houbei.cultivation.rules import cultivation_rules
from houbei.demo import build_demo
from houbei.demo.context import DemoContext
from houbei.demo.cultivation import DEMO_DAY
from houbei.reserves.models import Candidate
from houbei.rounds.services import current_rules

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoContext]:
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        yield build_demo()
        transaction.set_rollback(True)


def test_the_demo_plan_has_ten_classes_and_six_held_with_sign_in(demo: DemoContext) -> None:
    plan = CultivationPlan.objects.get()
    sessions = list(plan.sessions.order_by("held_on"))
    assert len(sessions) == 10
    assert (sessions[0].held_on.month, sessions[-1].held_on.month) == (10, 12)
    held = {a.session_id for a in Attendance.objects.all()}
    assert held == {s.pk for s in sessions if s.held_on <= DEMO_DAY}
    assert len(held) == 6
    assert 2 <= Attendance.objects.filter(status="leave").count() <= 30


def test_one_trainee_is_over_the_limit_and_one_failed_the_test(demo: DemoContext) -> None:
    plan = CultivationPlan.objects.get()
    rules = cultivation_rules(current_rules(plan.election_round))
    ids = list(plan.trainees.values_list("pk", flat=True))
    over = [pk for pk, ledger in ledgers(plan, ids, rules, DEMO_DAY).items() if ledger.over_limit]
    assert len(over) == 1
    grounds = sorted(RemovalProposal.objects.values_list("ground", "status"))
    assert grounds == [("failed_exam", "proposed"), ("over_leave", "proposed")]
    assert not Candidate.objects.filter(stage="removed", trainees__isnull=False).exists()


def test_placements_have_a_few_logs(demo: DemoContext) -> None:
    assert Placement.objects.count() == 6
    # the six on practice posts (some of them scored and polled since: houbei.demo.outcomes)
    assert Candidate.objects.filter(stage__in=["placed", "evaluated", "polled"]).count() == 6
    assert Candidate.objects.filter(stage="trained").exists()
    assert WorkLog.objects.count() == 8
    assert all(p.mentor_id for p in Placement.objects.all())
