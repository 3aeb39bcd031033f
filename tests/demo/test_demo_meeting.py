"""The demo's leading groups, its judgement meeting with actions, and a 包村干部 named for every
green village, the demo liaison among them (issue 13 §7)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_demo_has_leading_groups_and_a_meeting_with_actions(demo: Any, client: Any) -> None:
    from houbei.risk.models import AssessmentMeeting
    from houbei.rounds.models import LeadingGroupMember

    assert LeadingGroupMember.objects.filter(region=demo.town).count() == 6
    assert LeadingGroupMember.objects.filter(region=demo.county).count() == 2
    meeting = AssessmentMeeting.objects.get(town=demo.town)
    assert meeting.members.count() == 6 and meeting.actions.count() == 3

    client.force_login(demo.users["town"])
    page = client.get(reverse("rounds:round_detail", kwargs={"pk": demo.election_round.pk}))
    assert "吴村镇领导小组" in page.content.decode()
    listed = client.get(reverse("risk:meeting_list")).content.decode()
    assert reverse("risk:meeting_detail", kwargs={"pk": meeting.pk}) in listed


def test_the_demo_liaison_finds_the_meetings_action_in_the_workbench(
    demo: Any, client: Any
) -> None:
    client.force_login(demo.users["liaison"])

    home = client.get(reverse("home")).content.decode()

    assert re.search(r'id="wb-meeting_actions".*?data-count="1"', home, re.S)


def test_every_green_village_names_a_liaison_and_the_demo_liaison_is_among_them(
    demo: Any,
) -> None:
    from houbei.risk import responsibility
    from houbei.risk.services import run_assessment
    from houbei.rulebook.registry import default_rules

    run = run_assessment(region=demo.town, actor=None)
    matrix = default_rules()["risk"]["responsibility"]
    people = responsibility.roster([demo.town.pk])
    liaisons = {}
    for assessment in run.assessments.filter(colour="green").select_related("village"):
        lines = responsibility.in_charge(assessment.village, "green", matrix, people)
        liaisons[assessment.village.name] = [r.name for r in lines if r.duty == "包村干部"]

    assert len(liaisons) == 10 and all(names and all(names) for names in liaisons.values())
    assert "刘国栋" in liaisons["张屯村"]
