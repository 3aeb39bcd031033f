"""Outcome forms: they validate and hand cleaned data to a service, never save."""

from __future__ import annotations

from typing import Any

from django import forms

from houbei.outcomes.models import Electorate, PollWay, Scale
from houbei.outcomes.rules import SCALES
from houbei.people.forms.fields import TypedDateField
from houbei.people.models import Role

IMPORT_BYTES = 5 << 20  # an election result file is a few hundred rows
APPOINTABLE = [
    (r.value, r.label)
    for r in (Role.MEMBER, Role.DEPUTY_SECRETARY, Role.VICE_CHAIR, Role.SECRETARY, Role.CHAIR)
]


class EvaluateForm(forms.Form):
    evaluated_on = TypedDateField(label="评分日期", past=True)
    note = forms.CharField(label="说明", max_length=300, required=False)


class PollForm(forms.Form):
    way = forms.ChoiceField(label="测评方式", choices=PollWay.choices, widget=forms.RadioSelect)
    electorate = forms.ChoiceField(label="参加范围", choices=Electorate.choices)
    scale = forms.ChoiceField(label="测评等次", choices=Scale.choices)
    held_on = TypedDateField(label="测评日期")
    eligible = forms.IntegerField(label="应到人数", min_value=1, max_value=100000)


class TallyForm(forms.Form):
    """The paper tally; one count per option of the poll's scale (count_0, count_1, …)."""

    issued = forms.IntegerField(label="发出票数", min_value=0)
    returned = forms.IntegerField(label="收回票数", min_value=0)
    valid = forms.IntegerField(label="有效票", min_value=0)
    invalid = forms.IntegerField(label="无效票", min_value=0)

    def __init__(self, *args: Any, scale: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = SCALES[scale]
        for n, label in enumerate(self.options):
            self.fields[f"count_{n}"] = forms.IntegerField(label=f"{label}票数", min_value=0)

    def tally(self) -> dict[str, Any]:
        data = self.cleaned_data
        counts = [data[f"count_{n}"] for n in range(len(self.options))]
        keys = ("issued", "returned", "valid", "invalid")
        return {**{key: data[key] for key in keys}, "counts": counts}


class SlipsForm(forms.Form):
    count = forms.IntegerField(label="发放测评码张数", min_value=1, max_value=2000)


class BallotForm(forms.Form):
    code = forms.CharField(label="测评码", max_length=20)

    def __init__(self, *args: Any, options: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"] = forms.TypedChoiceField(
            label="您的意见", choices=list(enumerate(options)), coerce=int, widget=forms.RadioSelect
        )


class AppointForm(forms.Form):
    role = forms.ChoiceField(label="拟任职务", choices=APPOINTABLE)
    term_start = TypedDateField(label="任职时间")
    term_until = TypedDateField(label="任期届满")
    document = forms.CharField(label="决定文件", max_length=200, help_text="文件名称或文号")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, until = data.get("term_start"), data.get("term_until")
        if start and until and until <= start:
            self.add_error("term_until", "任期届满日期应晚于任职时间")
        return data


class DecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label="审批意见",
        choices=[("1", "同意吸纳"), ("0", "不同意")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="说明", max_length=300, required=False)


class CommendForm(forms.Form):
    title = forms.CharField(label="表彰名称", max_length=100)
    document = forms.CharField(label="表彰文件", max_length=200)
    awarded_on = TypedDateField(label="表彰日期", past=True)
    note = forms.CharField(label="说明", max_length=300, required=False)


class ElectionForm(forms.Form):
    """Who was elected: the two heads and the members, chosen among the village's people."""

    elected_on = TypedDateField(label="选举日期", past=True)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["secretary"] = forms.ModelChoiceField(
            people, label="村党组织书记", required=False
        )
        self.fields["chair"] = forms.ModelChoiceField(people, label="村委会主任", required=False)
        self.fields["members"] = forms.ModelMultipleChoiceField(
            people, label="两委委员", required=False, widget=forms.CheckboxSelectMultiple
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("secretary") or data.get("chair") or data.get("members")):
            raise forms.ValidationError("请至少选择一名当选人")
        return data

    def elected(self) -> list[tuple[Any, str]]:
        data = self.cleaned_data
        found = [(data[role], role) for role in ("secretary", "chair") if data.get(role)]
        heads = {person.pk for person, _ in found}
        found += [(p, Role.MEMBER) for p in data.get("members") or [] if p.pk not in heads]
        return found


class ElectionImportForm(forms.Form):
    file = forms.FileField(label="换届结果表格（.xlsx）")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 格式的表格（可先下载模板）")
        if upload.size > IMPORT_BYTES:
            raise forms.ValidationError("文件超过 5 MB，换届结果表格不应这样大，请检查后重试")
        return upload


class ElectionImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
