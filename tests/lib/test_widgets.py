"""houbei.lib.widgets.FastSelect writes the same <select> as Django's template-rendered one."""

from __future__ import annotations

import re

from django import forms

from houbei.lib.widgets import FastSelect

CHOICES = [("", "全部"), ("1", "<b>甲</b>"), ("组", [("2", "乙"), ("3", '丙"丁')])]


class Both(forms.Form):
    fast = forms.ChoiceField(choices=CHOICES, widget=FastSelect, help_text="说明")
    slow = forms.ChoiceField(choices=CHOICES, help_text="说明")


def _same(html: str) -> str:
    """Without the template's line breaks and the field's name."""
    return re.sub(r">\s+<", "><", html.strip()).replace("fast", "X").replace("slow", "X")


def test_the_markup_is_django_s_bound_selected_and_in_error() -> None:
    for data in ({"fast": "3", "slow": "3"}, {"fast": "9", "slow": "9"}, None):
        form = Both(data)
        form.is_valid()
        assert _same(str(form["fast"])) == _same(str(form["slow"]))
    chosen = Both({"fast": "3", "slow": "3"})
    assert '<option value="3" selected>丙&quot;丁</option>' in str(chosen["fast"])
    assert "&lt;b&gt;甲&lt;/b&gt;" in str(chosen["fast"])
    wrong = Both({"fast": "9", "slow": "9"})
    wrong.is_valid()
    assert 'aria-invalid="true"' in str(wrong["fast"])
