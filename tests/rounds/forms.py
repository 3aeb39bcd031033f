"""Posting a rule section's form as a browser would: every field with what it shows."""

from __future__ import annotations

from typing import Any

from django import forms

from houbei.rounds.services import current_rules
from houbei.rulebook.forms import RuleForm
from houbei.rulebook.registry import BY_NAME


def shown(name: str, rules: dict[str, Any]) -> dict[str, Any]:
    """The values the unbound form shows, as a browser would post them back (a drop-down with
    nothing selected posts its first option; ticked boxes come in the order of the page)."""
    form = RuleForm(section=BY_NAME[name], rules=rules, initial={})
    data: dict[str, Any] = {}
    for field_name, field in form.fields.items():
        value = form[field_name].value()
        if value is None and type(field.widget) is forms.Select:
            value = next(iter(field.choices))[0]
        if isinstance(field, forms.MultipleChoiceField):
            value = [key for key, _ in field.choices if key in (value or [])]
        if value is None or value is False or field_name in RuleForm.META:
            continue
        data[field_name] = (
            ["" if v is None else str(v) for v in value] if isinstance(value, list) else str(value)
        )
    return data


def post_section(
    client: Any, round_: Any, name: str, *, preview: bool = False, **changes: Any
) -> Any:
    """Post the section's form with `changes` (form field name → value) over what it shows."""
    rule_set = current_rules(round_)
    data = {
        **shown(name, rule_set.rules),
        "source_document": "辉组〔2026〕3号",
        "note": "按县里文件调整",
        "base_version": rule_set.version,
        **changes,
    }
    if preview:
        data["preview"] = "1"
    return client.post(f"/rounds/{round_.pk}/rules/{name}/edit/", data)
