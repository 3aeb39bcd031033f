"""The forms of the judgement meeting (研判会) and its actions; services do the writing."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from houbei.people.forms.fields import TypedDateField


class MeetingForm(forms.Form):
    held_on = TypedDateField(label="会议日期", past=True)
    members = forms.TypedMultipleChoiceField(
        label="出席的领导小组成员", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    accounts = forms.TypedMultipleChoiceField(
        label="出席的其他人员（账号）",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decisions = forms.CharField(
        label="研究决定事项",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "请填写会议研究决定的事项。"},
    )
    confirmed = forms.TypedMultipleChoiceField(
        label="会议确认的颜色变化",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="本周研判中颜色发生变化的村，勾选经会议研究确认的。",
    )

    def __init__(
        self,
        *args: Any,
        members: list[tuple[int, str]],
        accounts: list[tuple[int, str]],
        changes: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["members"]).choices = members
        cast(forms.ChoiceField, self.fields["accounts"]).choices = accounts
        cast(forms.ChoiceField, self.fields["confirmed"]).choices = changes
        if not changes:
            del self.fields["confirmed"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("members") and not data.get("accounts"):
            self.add_error("members", "请至少选择一名出席人员。")
        return data


class ActionForm(forms.Form):
    task = forms.CharField(label="交办事项", max_length=300)
    owner = forms.TypedChoiceField(label="责任人", coerce=int)
    due_on = TypedDateField(label="完成时限")

    def __init__(self, *args: Any, owners: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["owner"]).choices = [("", "请选择"), *owners]
