"""Facts about people (负面情形) and talks."""

from __future__ import annotations

from typing import Any

from django import forms

from houbei.accounts.types import Actor
from houbei.people.forms.fields import TypedDateField
from houbei.people.models import Person
from houbei.regions.models import Region
from houbei.reserves.forms.filters import RegionChoiceField
from houbei.reserves.models import FactKind, TalkKind


class FactForm(forms.Form):
    kind = forms.ChoiceField(label="情形", choices=FactKind.choices)
    occurred_on = TypedDateField(label="发生或处理日期", past=True)
    period_end = TypedDateField(
        label="影响期截止",
        required=False,
        help_text="处分影响期、失信名单移出等日期；为空表示长期有效（按负面清单的等待期计算）",
    )
    source = forms.CharField(label="信息来源", required=False, max_length=100)
    note = forms.CharField(
        label="具体情况",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="加密保存",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("occurred_on"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "影响期截止日期不能早于发生日期")
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤销理由", max_length=300)


class PersonField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.village}）"


class TalkForm(forms.Form):
    kind = forms.ChoiceField(label="形式", choices=TalkKind.choices)
    village = RegionChoiceField(label="村", queryset=Region.objects.none())
    person = PersonField(label="谈话对象", queryset=Person.objects.none(), required=False)
    held_on = TypedDateField(label="日期", past=True)
    talked_by = forms.CharField(label="谈话人", max_length=100)
    attendees = forms.CharField(label="参加人员（吹风会）", required=False, max_length=300)
    topic = forms.CharField(label="主题", max_length=200)
    summary = forms.CharField(label="谈话内容摘要", widget=forms.Textarea(attrs={"rows": 4}))
    follow_up = forms.CharField(
        label="后续跟进", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = Region.objects.visible_to(user).villages().current().order_by("code", "name")
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]
        people = (
            Person.objects.visible_to(user)
            .select_related("village")
            .order_by("village__code", "name")
        )
        self.fields["person"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == TalkKind.TALK and not data.get("person"):
            self.add_error("person", "谈心谈话须选择谈话对象")
        if data.get("kind") == TalkKind.BRIEFING and not (
            data.get("person") or data.get("attendees")
        ):
            self.add_error("attendees", "吹风会须填写参加人员")
        return data
