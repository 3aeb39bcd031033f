"""Records of things that happened cannot be dated after today, and an interview has people at
it (issue 13 §6). The check sits on the forms, which the pages and the API both use."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.utils import timezone

from houbei.cultivation.forms import ExamForm, RatingForm, ScoreSheetForm, WorkLogForm
from houbei.outcomes.forms import CommendForm, ElectionForm, EvaluateForm
from houbei.people.forms.fields import TypedDateField
from houbei.people.forms.post import EndPostForm
from houbei.reserves.forms.moves import InterviewForm, ScreeningForm, VoteForm
from houbei.reserves.forms.records import FactForm, TalkForm
from houbei.reserves.models import Candidate
from houbei.risk.forms import SurveyForm

PAST_ONLY = [
    (FactForm, "occurred_on"),
    (TalkForm, "held_on"),
    (InterviewForm, "held_on"),
    (ScreeningForm, "screened_on"),
    (VoteForm, "held_on"),
    (ExamForm, "taken_on"),
    (ScoreSheetForm, "taken_on"),
    (WorkLogForm, "logged_on"),
    (RatingForm, "month"),
    (EvaluateForm, "evaluated_on"),
    (CommendForm, "awarded_on"),
    (ElectionForm, "elected_on"),
    (EndPostForm, "term_end"),
]


@pytest.mark.parametrize(("form_class", "name"), PAST_ONLY)
def test_a_record_of_something_that_happened_refuses_tomorrow(form_class: Any, name: str) -> None:
    field = form_class.base_fields[name]
    today = timezone.localdate()
    assert isinstance(field, TypedDateField)

    assert field.clean(today.isoformat()) <= today
    with pytest.raises(forms.ValidationError, match="日期不能晚于今天"):
        field.clean((today + dt.timedelta(days=40)).isoformat())


def test_a_planned_date_may_lie_ahead() -> None:
    """A training session or a term's start is planned: the future is allowed there."""
    from houbei.cultivation.forms import SessionForm

    ahead = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    assert SessionForm.base_fields["held_on"].clean(ahead)


def test_a_survey_dated_tomorrow_is_refused() -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    form = SurveyForm({"surveyed_on": tomorrow.isoformat()}, people=[])

    assert not form.is_valid()
    assert "日期不能晚于今天" in " ".join(form.errors["surveyed_on"])


@pytest.mark.django_db
def test_an_interview_in_the_future_or_with_nobody_is_refused_and_not_recorded(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("nominated")
    client.force_login(personas["town"])
    url = f"/reserves/candidates/{candidate.pk}/interview/"
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    base = {"interview-kind": "visit", "interview-summary": "群众评价好"}

    future = client.post(
        url,
        base | {"interview-held_on": tomorrow.isoformat(), "interview-participants": "4"},
        follow=True,
    )
    nobody = client.post(
        url,
        base | {"interview-held_on": "2026-03-01", "interview-participants": "0"},
        follow=True,
    )

    assert "日期不能晚于今天" in future.content.decode()
    assert "参加人数" in nobody.content.decode()
    assert Candidate.objects.get(pk=candidate.pk).interviews.count() == 0
