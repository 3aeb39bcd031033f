"""The form of one leading-group member (领导小组成员); rounds.leading does the writing."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from houbei.rounds.models import LeadingPosition


class LeadingMemberForm(forms.Form):
    region = forms.TypedChoiceField(label="所属乡镇或县", coerce=int)
    user = forms.TypedChoiceField(
        label="账号",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="有账号的成员选择账号；没有账号的只填姓名。",
    )
    name = forms.CharField(label="姓名", max_length=50, required=False)
    title = forms.CharField(label="现任职务", max_length=100, required=False)
    position = forms.ChoiceField(label="小组职务", choices=LeadingPosition.choices)
    duty = forms.CharField(
        label="分工职责", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    order = forms.IntegerField(label="排序", min_value=0, max_value=999, initial=0)

    def __init__(
        self,
        *args: Any,
        regions: list[tuple[int, str]],
        accounts: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["region"]).choices = regions
        cast(forms.ChoiceField, self.fields["user"]).choices = [("", "（无账号）"), *accounts]
        position = cast(forms.ChoiceField, self.fields["position"])
        position.choices = [("", "请选择"), *LeadingPosition.choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("user") and not (data.get("name") or "").strip():
            self.add_error("name", "请填写姓名，或选择一个账号。")
        return data
