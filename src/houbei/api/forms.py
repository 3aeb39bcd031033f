from __future__ import annotations

from typing import Any

from django import forms

from houbei.accounts.types import Actor
from houbei.api.scopes import Scope, scopes_for
from houbei.api.tokens import EXPIRY_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label="名称", max_length=50, help_text="用途，例如“乡镇手机端”“县级报表系统”"
    )
    scopes = forms.MultipleChoiceField(
        label="权限范围", widget=forms.CheckboxSelectMultiple, choices=()
    )
    days = forms.TypedChoiceField(
        label="有效期",
        coerce=int,
        choices=[(d, f"{d} 天") for d in EXPIRY_DAYS],
        initial=30,
    )

    def __init__(self, *args: Any, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["scopes"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(s, Scope(s).label) for s in scopes_for(user)]
