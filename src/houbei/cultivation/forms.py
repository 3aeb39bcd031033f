"""Cultivation forms: they validate and hand cleaned data to a service, never save."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from houbei.cultivation.models import AttendanceStatus, PlacementRole, Trainee
from houbei.people.forms.fields import TypedDateField
from houbei.people.models import Person
from houbei.regions.models import Region

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PlanForm(forms.Form):
    title = forms.CharField(label="计划名称", max_length=100)


class SessionForm(forms.Form):
    held_on = TypedDateField(label="日期")
    starts_at = forms.TimeField(label="开始时间", widget=TIME)
    ends_at = forms.TimeField(label="结束时间", widget=TIME)
    hours = forms.DecimalField(
        label="学时", min_value=Decimal("0.5"), max_value=Decimal("24"), decimal_places=1
    )
    topic = forms.CharField(label="主题", max_length=100)
    teacher = forms.CharField(label="授课人", max_length=50)
    venue = forms.CharField(label="地点", max_length=100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", "结束时间应晚于开始时间")
        return data


class RosterForm(forms.Form):
    """One status (and a leave reason) per trainee of the roster, named by the trainee's id."""

    def __init__(self, *args: Any, trainees: list[Trainee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.trainees = trainees
        for trainee in trainees:
            self.fields[f"status-{trainee.pk}"] = forms.ChoiceField(
                label=str(trainee.person),
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"reason-{trainee.pk}"] = forms.CharField(
                label="请假事由", max_length=200, required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for trainee in self.trainees:
            status = data.get(f"status-{trainee.pk}")
            if status == AttendanceStatus.LEAVE and not data.get(f"reason-{trainee.pk}"):
                self.add_error(f"reason-{trainee.pk}", f"{trainee.person}：请假须填写事由")
        return data

    def marks(self) -> list[tuple[Trainee, str, str]]:
        data = self.cleaned_data
        return [
            (t, data[f"status-{t.pk}"], data.get(f"reason-{t.pk}", ""))
            for t in self.trainees
            if data.get(f"status-{t.pk}")
        ]


class ExamForm(forms.Form):
    """Scores for many trainees at once; a blank score is left out."""

    taken_on = TypedDateField(label="测试日期", past=True)

    def __init__(self, *args: Any, trainees: list[Trainee], max_score: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.trainees = trainees
        for trainee in trainees:
            self.fields[f"score-{trainee.pk}"] = forms.DecimalField(
                label=str(trainee.person),
                min_value=Decimal(0),
                max_value=Decimal(max_score),
                decimal_places=1,
                required=False,
            )

    def results(self) -> list[tuple[Trainee, Decimal]]:
        data = self.cleaned_data
        return [
            (t, data[f"score-{t.pk}"])
            for t in self.trainees
            if data.get(f"score-{t.pk}") is not None
        ]


class MentorField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.village}）"


class PlaceForm(forms.Form):
    village = forms.ModelChoiceField(label="锻炼村", queryset=Region.objects.none())
    role = forms.ChoiceField(label="岗位", choices=PlacementRole.choices)
    duty_areas = forms.MultipleChoiceField(
        label="分工", choices=(), widget=forms.CheckboxSelectMultiple
    )
    mentor = MentorField(label="带教人", queryset=Person.objects.none(), required=False)
    starts_on = TypedDateField(label="开始日期")

    def __init__(
        self, *args: Any, town: Region, duty_areas: tuple[str, ...], mentors: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Region.objects.villages().filter(town=town)  # type: ignore[attr-defined]
        self.fields["duty_areas"].choices = [(a, a) for a in duty_areas]  # type: ignore[attr-defined]
        self.fields["mentor"].queryset = mentors  # type: ignore[attr-defined]


class WorkLogForm(forms.Form):
    logged_on = TypedDateField(label="日期", past=True)
    text = forms.CharField(label="工作内容", widget=forms.Textarea(attrs={"rows": 3}))


class RatingForm(forms.Form):
    month = TypedDateField(label="月份", allow_month=True, past=True)
    rating = forms.ChoiceField(label="评价", choices=())
    note = forms.CharField(label="评语", max_length=300, required=False)

    def __init__(self, *args: Any, scale: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = [(s, s) for s in scale]  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label="决定",
        choices=[("yes", "同意调整出列"), ("no", "不同意")],
        coerce=lambda value: value == "yes",
    )
    note = forms.CharField(label="说明", max_length=300, required=False)


class MeetingForm(forms.Form):
    held_on = TypedDateField(label="日期")
    place = forms.CharField(label="地点", max_length=100)
    attendees = forms.CharField(label="参加人员", widget=forms.Textarea(attrs={"rows": 2}))


class SignInForm(forms.Form):
    code = forms.CharField(label="签到码", max_length=20)


class SheetForm(forms.Form):
    sheet = forms.FileField(label="Excel 表格（.xlsx）")


class ScoreSheetForm(SheetForm):
    taken_on = TypedDateField(label="测试日期", past=True)


class PersonForm(forms.Form):
    person = MentorField(label="现任村干部", queryset=Person.objects.none())

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
