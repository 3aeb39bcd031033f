"""Decisions reserved for a town leader: staff's request changes nothing until approved."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from houbei.reserves import services
from houbei.reserves.models import ApprovalRequest, Candidate, Stage


def test_a_removal_requested_by_staff_does_nothing_until_the_leader_approves(
    walk: Any, personas: Any
) -> None:
    candidate = walk("nominated")
    request = services.request_removal(
        candidate, reason="withdrew", note="本人申请退出", actor=personas["town"]
    )

    assert isinstance(request, ApprovalRequest) and request.is_pending
    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.NOMINATED
    services.decide_approval(request, approve=True, note="", actor=personas["leader"])
    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.REMOVED


def test_a_rejected_removal_leaves_the_candidate_and_needs_a_note(walk: Any, personas: Any) -> None:
    candidate = walk("nominated")
    request = services.request_removal(
        candidate, reason="withdrew", note="x", actor=personas["town"]
    )

    with pytest.raises(ValidationError):
        services.decide_approval(request, approve=False, note="", actor=personas["leader"])
    services.decide_approval(request, approve=False, note="继续培养", actor=personas["leader"])
    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.NOMINATED


def test_a_leaders_removal_takes_effect_at_once(walk: Any, personas: Any) -> None:
    candidate = walk("nominated")
    services.request_removal(candidate, reason="withdrew", note="x", actor=personas["leader"])

    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.REMOVED


def test_an_outlook_confirmed_by_staff_waits_for_the_leader(
    tree: Any, election_round: Any, make_person: Any, personas: Any
) -> None:
    from houbei.risk.models import CadreOutlook

    person = make_person(village=tree["a1"])
    arguments = {"village": tree["a1"], "person": person, "election_round": election_round}
    request = services.request_outlook(
        **arguments, outlook="leave", suggested="stay", reason="因病", actor=personas["town"]
    )

    assert not CadreOutlook.objects.filter(person=person).exists()
    services.decide_approval(request, approve=True, note="", actor=personas["leader"])
    assert CadreOutlook.objects.get(person=person).outlook == "leave"


def test_the_approval_page_preselects_nothing_and_other_towns_get_404(
    walk: Any, personas: Any, client: Any
) -> None:
    candidate = walk("nominated")
    request = services.request_removal(
        candidate, reason="withdrew", note="x", actor=personas["town"]
    )
    client.force_login(personas["leader"])
    page = client.get(reverse("reserves:approval_list")).content.decode()

    assert 'class="approval"' in page and "checked" not in page and "selected" not in page
    client.force_login(personas["town_b"])
    url = reverse("reserves:approval_decide", args=[request.pk])
    assert client.post(url, {"approve": "1"}).status_code == 403
    assert ApprovalRequest.objects.get(pk=request.pk).is_pending
