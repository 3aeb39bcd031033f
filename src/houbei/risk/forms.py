"""Forms validate what people type; services do the writing (forms never save)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone

from houbei.people.forms.fields import refuse_future
from houbei.risk.models import (
    Colour,
    Duty,
    LeadershipAssignment,
    Outlook,
    Problem,
    ProblemKind,
    Survey,
    SurveySource,
    VillageFacts,
)


def _field(model: Any, name: str, **extra: Any) -> Any:
    return model._meta.get_field(name).formfield(**extra)


class SurveyForm(forms.Form):
    """Short enough for a phone: who, how, four choices, a note."""

    person = forms.TypedChoiceField(label="摸排对象", coerce=int)
    source = _field(Survey, "source", widget=forms.RadioSelect)
    attitude = _field(Survey, "attitude")
    performance = _field(Survey, "performance")
    conduct = _field(Survey, "conduct")
    intention = _field(Survey, "intention")
    negative = _field(Survey, "negative", required=False)
    notes = _field(Survey, "notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    surveyed_on = _field(
        Survey, "surveyed_on", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = cast(forms.ChoiceField, self.fields["person"])
        person.choices = [("", "请选择"), *people]
        self.fields["surveyed_on"].initial = timezone.localdate()
        cast(forms.ChoiceField, self.fields["source"]).choices = SurveySource.choices

    def clean_surveyed_on(self) -> Any:
        day = self.cleaned_data.get("surveyed_on")
        if day is not None:
            refuse_future(day)
        return day


class FactsForm(forms.Form):
    open_conflicts = _field(VillageFacts, "open_conflicts", min_value=0)
    petition_backlog = _field(VillageFacts, "petition_backlog", min_value=0)
    clan_disputes = _field(VillageFacts, "clan_disputes", min_value=0)
    past_trouble = _field(VillageFacts, "past_trouble", min_value=0)
    focus_village = _field(VillageFacts, "focus_village", required=False)
    focus_reason = _field(VillageFacts, "focus_reason", required=False)
    notes = _field(VillageFacts, "notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OutlookForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    outlook = forms.ChoiceField(label="进退留转", choices=Outlook.choices)
    suggested = forms.ChoiceField(choices=Outlook.choices, widget=forms.HiddenInput)
    reason = forms.CharField(label="理由", required=False, max_length=500)


class OverrideForm(forms.Form):
    colour = forms.ChoiceField(label="调整为", choices=Colour.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="调整理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="必填：写明依据（走访、会议、领导研判等）。",
    )


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label="审批",
        choices=[("1", "批准"), ("0", "不批准")],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label="审批意见", required=False, max_length=500)


class ProblemForm(forms.Form):
    kind = forms.ChoiceField(label="问题类型", choices=ProblemKind.choices)
    title = _field(Problem, "title")
    description = _field(
        Problem, "description", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_name = _field(Problem, "owner_name")
    due_on = _field(
        Problem, "due_on", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NoteForm(forms.Form):
    """Progress on a problem, or the note that closes it (the service refuses an empty one)."""

    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AssignmentForm(forms.Form):
    region = forms.TypedChoiceField(label="包联范围", coerce=int)
    duty = forms.ChoiceField(label="职责", choices=Duty.choices)
    name = _field(LeadershipAssignment, "name")
    title = _field(LeadershipAssignment, "title", required=False)
    phone = _field(LeadershipAssignment, "phone", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, regions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["region"]).choices = regions
