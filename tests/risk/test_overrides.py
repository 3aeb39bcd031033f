"""Overriding a colour: a reason always, approval as the round's rules say, kept in history."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from houbei.audit.models import AuditEntry
from tests.risk.conftest import latest


def test_an_override_without_a_reason_is_refused(assessed: Any, login: Any) -> None:
    snapshot = latest(assessed["a2"])
    url = reverse("risk:override_create", args=[snapshot.pk])

    response = login("leader").post(url, {"colour": "orange", "reason": ""})

    assert response.status_code == 200
    assert "调整颜色必须写明理由" in response.content.decode()
    assert latest(assessed["a2"]).colour == "red"


def test_a_town_leaders_override_takes_effect_at_once(assessed: Any, login: Any) -> None:
    snapshot = latest(assessed["a2"])
    url = reverse("risk:override_create", args=[snapshot.pk])

    response = login("leader").post(url, {"colour": "orange", "reason": "已选派第一书记到村"})

    now = latest(assessed["a2"])
    assert response.status_code == 302
    assert (now.colour, now.computed_colour, now.level) == ("orange", "red", "medium")
    assert now.override.reason == "已选派第一书记到村"
    assert AuditEntry.objects.filter(
        action="risk.colour.overridden", region=assessed["a2"]
    ).exists()


def test_a_staff_override_waits_for_a_leader(
    assessed: Any, login: Any, client: Any, personas: Any
) -> None:
    snapshot = latest(assessed["a2"])
    login("town").post(
        reverse("risk:override_create", args=[snapshot.pk]),
        {"colour": "yellow", "reason": "班子已调整"},
    )
    assert latest(assessed["a2"]).colour == "red"
    from houbei.risk.models import ColourOverride

    pending = ColourOverride.objects.get()
    assert pending.status == "pending"

    leader = login("leader")
    assert "班子已调整" in leader.get(reverse("risk:override_list")).content.decode()
    leader.post(
        reverse("risk:override_decide", args=[pending.pk]), {"approve": "1", "note": "同意"}
    )

    assert latest(assessed["a2"]).colour == "yellow"
    actions = set(AuditEntry.objects.filter(region=assessed["a2"]).values_list("action", flat=True))
    assert {"risk.colour.override_requested", "risk.colour.override_approved"} <= actions


def test_a_refusal_needs_a_note(assessed: Any, personas: Any) -> None:
    from houbei.risk.services import decide_override, propose_override

    override = propose_override(
        latest(assessed["a2"]), colour="yellow", reason="班子已调整", actor=personas["town"]
    )
    with pytest.raises(ValidationError, match="不批准时请写明意见"):
        decide_override(override, approve=False, note="", actor=personas["leader"])


def test_staff_cannot_approve(assessed: Any, personas: Any, login: Any) -> None:
    from houbei.risk.services import propose_override

    override = propose_override(
        latest(assessed["a2"]), colour="yellow", reason="班子已调整", actor=personas["town"]
    )
    url = reverse("risk:override_decide", args=[override.pk])

    assert login("town").post(url, {"approve": "1"}).status_code == 403
    assert (
        login("liaison")
        .get(reverse("risk:override_create", args=[override.assessment_id]))
        .status_code
        == 403
    )


def test_another_town_cannot_override(assessed: Any, login: Any) -> None:
    url = reverse("risk:override_create", args=[latest(assessed["a2"]).pk])

    assert login("town_b").get(url).status_code == 404
    assert login("leader").put(url).status_code == 405


def test_an_override_stands_while_the_computed_colour_stands(assessed: Any, personas: Any) -> None:
    from houbei.risk.services import propose_override, run_assessment

    propose_override(
        latest(assessed["a2"]), colour="orange", reason="研判会议决定", actor=personas["leader"]
    )

    run_assessment(region=assessed["town_a"], actor=None)

    again = latest(assessed["a2"])
    assert (again.colour, again.computed_colour, again.override.reason) == (
        "orange",
        "red",
        "研判会议决定",
    )


def test_an_override_lapses_when_the_computed_colour_changes(
    assessed: Any, personas: Any, full_committee: Any
) -> None:
    from houbei.risk.services import propose_override, run_assessment

    propose_override(
        latest(assessed["a2"]), colour="orange", reason="研判会议决定", actor=personas["leader"]
    )
    full_committee(assessed["a2"])

    run_assessment(region=assessed["town_a"], actor=None)

    again = latest(assessed["a2"])
    assert again.override is None
    assert again.colour == again.computed_colour != "red"


def test_the_history_shows_every_override(assessed: Any, personas: Any, login: Any) -> None:
    from houbei.risk.services import propose_override

    propose_override(
        latest(assessed["a2"]), colour="orange", reason="研判会议决定", actor=personas["leader"]
    )

    page = login("town").get(reverse("risk:village", args=[assessed["a2"].pk])).content.decode()

    assert "颜色调整记录" in page and "研判会议决定" in page and "已生效" in page
