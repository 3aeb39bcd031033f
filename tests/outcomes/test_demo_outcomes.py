"""The demo shows every stage of the end of the way: scores, a passed and a void paper poll, an
appointment waiting for the leader, and the targets with before and projected values; entering
an election fills the after column."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from houbei.demo.context import DemoContext


def test_the_demo_has_scores_polls_and_an_appointment_waiting(demo: DemoContext) -> None:
    from houbei.outcomes.models import Appointment, Evaluation, Poll
    from houbei.reserves.models import Candidate

    assert Evaluation.objects.count() == 4
    assert Evaluation.objects.filter(passed=False).count() == 1
    verdicts = sorted(Poll.objects.values_list("status", "void", "passed"))
    assert verdicts == [("closed", False, True), ("closed", True, False)]
    waiting = Appointment.objects.get()
    assert waiting.status == "proposed"
    assert Candidate.objects.filter(stage="polled").get() == waiting.candidate
    assert Candidate.objects.filter(stage="evaluated").count() == 2
    assert not Candidate.objects.filter(stage="appointed").exists()


def test_the_demo_leader_sees_why_the_appointment_waits(client: Any, demo: DemoContext) -> None:
    from houbei.outcomes.models import Appointment

    waiting = Appointment.objects.get()
    client.force_login(demo.users["leader"])
    page = client.get(reverse("outcomes:candidate", args=[waiting.candidate_id])).content.decode()
    assert "实岗锻炼：尚未期满（至 2027-01-20）" in page


def test_the_demo_targets_have_before_and_projected_and_after_once_elected(
    client: Any, demo: DemoContext
) -> None:
    from houbei.outcomes import services
    from houbei.outcomes.rules import target_rules
    from houbei.outcomes.targets import build, figures
    from houbei.people.models import Post
    from houbei.regions.models import Region
    from houbei.rounds.services import current_rules

    villages = list(Region.objects.filter(town=demo.town, level="village").order_by("code"))
    rules = target_rules(current_rules(demo.election_round))
    age = figures(build(villages, demo.election_round), rules)[0]
    assert age.values["before"] is not None and age.values["projected"] is not None
    assert age.values["after"] is None
    client.force_login(demo.users["county"])
    assert client.get(reverse("outcomes:targets")).status_code == 200
    village = villages[0]
    sitting = list(Post.objects.sitting().filter(village=village).select_related("person"))
    members = [(p.person, p.role) for p in sitting if p.role in ("secretary", "chair", "member")]
    services.enter_result(
        village=village,
        election_round=demo.election_round,
        elected_on=dt.date(2026, 12, 1),
        members=members,
        actor=demo.users["town"],
    )
    age = figures(build(villages, demo.election_round), rules)[0]
    assert age.values["after"] is not None
