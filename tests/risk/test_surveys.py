"""Surveys (摸排) entered on a phone, village facts and outlooks, each in its scope."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from houbei.audit.models import AuditEntry

FORM = {
    "source": "visit",
    "attitude": "stay",
    "performance": "4",
    "conduct": "5",
    "intention": "run_again",
    "notes": "走访了解，群众评价较好",
    "surveyed_on": "2026-11-20",
}


def test_a_liaison_records_a_survey_of_a_cadre_in_their_village(
    tree: Any, risk_round: Any, seat: Any, login: Any
) -> None:
    from houbei.risk.models import Survey

    person = seat(tree["a1"], "secretary", age=50)
    url = reverse("risk:survey_create", args=[tree["a1"].pk])

    response = login("liaison").post(url, FORM | {"person": person.pk})

    assert response.status_code == 302
    survey = Survey.objects.get(person=person)
    assert (survey.rating, survey.is_latest, survey.recorded_by.username) == (4.5, True, "liaison")
    assert AuditEntry.objects.filter(action="risk.survey.recorded", region=tree["a1"]).exists()


def test_a_new_survey_replaces_the_latest_one(
    tree: Any, risk_round: Any, seat: Any, survey: Any
) -> None:
    from houbei.risk.models import Survey

    person = seat(tree["a1"], "secretary")
    first = survey(tree["a1"], person, rating=2)
    survey(tree["a1"], person, rating=5)

    first.refresh_from_db()
    assert not first.is_latest
    assert Survey.objects.get(person=person, is_latest=True).performance == 5


def test_the_survey_form_lists_only_sitting_cadres(
    tree: Any, risk_round: Any, seat: Any, login: Any
) -> None:
    seat(tree["a1"], "secretary", age=50)
    stranger = seat(tree["a2"], "secretary", age=51)
    url = reverse("risk:survey_create", args=[tree["a1"].pk])

    response = login("liaison").post(url, FORM | {"person": stranger.pk})

    assert response.status_code == 200
    assert "errors" in response.content.decode()


def test_a_liaison_cannot_survey_another_village(tree: Any, risk_round: Any, login: Any) -> None:
    url = reverse("risk:survey_create", args=[tree["a3"].pk])

    assert login("liaison").get(url).status_code == 404


def test_another_town_cannot_survey(tree: Any, risk_round: Any, login: Any) -> None:
    url = reverse("risk:survey_create", args=[tree["a1"].pk])

    assert login("town_b").get(url).status_code == 404


def test_a_reviewer_cannot_survey(tree: Any, risk_round: Any, login: Any) -> None:
    url = reverse("risk:survey_create", args=[tree["a1"].pk])

    assert login("reviewer").get(url).status_code == 403


def test_surveys_are_entered_with_get_and_post_only(tree: Any, risk_round: Any, login: Any) -> None:
    url = reverse("risk:survey_create", args=[tree["a1"].pk])

    assert login("liaison").put(url).status_code == 405


def test_a_liaison_edits_only_their_villages_surveys(
    tree: Any, risk_round: Any, seat: Any, survey: Any, login: Any
) -> None:
    own = survey(tree["a1"], seat(tree["a1"], "secretary"), rating=3)
    other = survey(tree["a3"], seat(tree["a3"], "secretary"), rating=3)
    client = login("liaison")
    data = FORM | {"person": own.person_id, "version": own.version, "reason": "评价等次录错了"}

    response = client.post(reverse("risk:survey_edit", args=[own.pk]), data)

    assert response.status_code == 302
    own.refresh_from_db()
    assert own.performance == 4
    assert client.get(reverse("risk:survey_edit", args=[other.pk])).status_code == 404


def test_a_survey_edited_from_a_stale_page_is_refused_with_the_conflict_message(
    tree: Any, risk_round: Any, seat: Any, survey: Any, login: Any
) -> None:
    own = survey(tree["a1"], seat(tree["a1"], "secretary"), rating=3)
    client = login("liaison")
    url = reverse("risk:survey_edit", args=[own.pk])
    data = FORM | {"person": own.person_id, "version": own.version, "reason": "评价等次录错了"}
    client.post(url, data)

    response = client.post(url, data | {"notes": "晚到的修改"})

    assert response.status_code == 200
    assert "该记录已被他人修改，请刷新页面后重新填写。" in response.content.decode()
    own.refresh_from_db()
    assert (own.version, own.notes) == (2, FORM["notes"])


def test_village_facts_saved_from_a_stale_page_are_refused(
    tree: Any, risk_round: Any, login: Any
) -> None:
    from houbei.risk.models import VillageFacts

    url = reverse("risk:facts_edit", args=[tree["a1"].pk])
    data = {"open_conflicts": 1, "petition_backlog": 0, "clan_disputes": 0, "past_trouble": 0}
    client = login("liaison")
    client.post(url, data)
    client.post(url, data | {"version": 1, "open_conflicts": 2})

    response = client.post(url, data | {"version": 1, "open_conflicts": 5})

    assert response.status_code == 200
    assert "该记录已被他人修改" in response.content.decode()
    assert VillageFacts.objects.get(village=tree["a1"]).open_conflicts == 2


def test_village_facts_are_saved_with_their_history(tree: Any, risk_round: Any, login: Any) -> None:
    from houbei.risk.models import VillageFacts

    url = reverse("risk:facts_edit", args=[tree["a1"].pk])
    data = {"open_conflicts": 1, "petition_backlog": 2, "clan_disputes": 0, "past_trouble": 1}

    response = login("liaison").post(url, data)

    assert response.status_code == 302
    assert VillageFacts.objects.get(village=tree["a1"]).conflicts == 3
    assert AuditEntry.objects.filter(action="risk.facts.saved").exists()


def test_a_focus_village_needs_a_reason(tree: Any, risk_round: Any, login: Any) -> None:
    url = reverse("risk:facts_edit", args=[tree["a1"].pk])
    data = {"open_conflicts": 0, "petition_backlog": 0, "clan_disputes": 0, "past_trouble": 0}

    response = login("town").post(url, data | {"focus_village": "on"})

    assert response.status_code == 200
    assert "列为重点难点村须写明原因" in response.content.decode()


def test_a_suggested_outlook_is_changed_only_with_a_reason(
    tree: Any, risk_round: Any, seat: Any, login: Any
) -> None:
    """A leader's confirmation takes effect at once (staff's waits for one: tests/reserves/
    test_approvals.py)."""
    from houbei.risk.models import CadreOutlook

    person = seat(tree["a1"], "member", age=40)
    url = reverse("risk:outlook_confirm", args=[tree["a1"].pk])
    client = login("leader")
    base = {"person": person.pk, "suggested": "stay", "outlook": "leave"}

    refused = client.post(url, base | {"reason": ""}, follow=True)
    accepted = client.post(url, base | {"reason": "本人因病申请退出"})

    assert "与系统建议不同，请写明理由" in refused.content.decode()
    assert accepted.status_code == 302
    assert CadreOutlook.objects.get(person=person).outlook == "leave"


def test_a_liaison_may_not_confirm_outlooks(tree: Any, risk_round: Any, login: Any) -> None:
    url = reverse("risk:outlook_confirm", args=[tree["a1"].pk])

    assert login("liaison").post(url, {}).status_code == 403
