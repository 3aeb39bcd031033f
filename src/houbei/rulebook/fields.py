"""A section's described values (rounds.sections.Field): where each sits, how it reads in
Chinese, and the Django form field that edits it. The form itself is rulebook.forms.RuleForm."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django import forms

from houbei.rounds.sections import Field, Section

EXTRA_ROWS = 2  # blank rows under a list, for adding records
NONE = "（无）"


# Paths ---------------------------------------------------------------------------------------


def _step(container: Any, part: str) -> Any:
    if isinstance(container, list):
        return int(part)
    return part


def get(value: Any, path: str, default: Any = None) -> Any:
    """The value at a dotted path ("age_caps.secretary", "factors.0.weight"), or `default`."""
    for part in path.split("."):
        try:
            value = value[_step(value, part)]
        except (KeyError, IndexError, TypeError, ValueError):
            return default
    return value


def put(value: Any, path: str, new: Any) -> None:
    """Sets the value at a dotted path, creating objects on the way."""
    *parents, last = path.split(".")
    for part in parents:
        value = value.setdefault(part, {}) if isinstance(value, dict) else value[int(part)]
    value[_step(value, last)] = new


# Reading in Chinese --------------------------------------------------------------------------


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def _label(field: Field, value: Any) -> str:
    return next((label for key, label in field.choices if key == value), str(value))


def show(field: Field, value: Any) -> str:
    """One value as the rules page and the history read it: "55 岁", "50%", "允许补考一次"."""
    if value is None or value == [] or value == "":
        return NONE
    kind = field.kind
    if kind in ("integer", "number"):
        return f"{_number(value)} {field.unit}".strip()
    if kind == "share" and isinstance(value, int | float):
        return f"{_number(round(value * 100, 2))}%"
    if kind in ("flag", "choice"):
        return _label(field, value)
    if kind == "choices" and isinstance(value, list):  # in the order of the choices
        order = [key for key, _ in field.choices]
        ranked = sorted(value, key=lambda item: order.index(item) if item in order else len(order))
        return "、".join(_label(field, item) for item in ranked)
    if kind == "lines" and isinstance(value, list):
        return "、".join(map(str, value))
    if kind == "rows" and isinstance(value, list):
        return f"{len(value)} 项"
    return str(value)


def row_name(field: Field, row: Any) -> str:
    """What names a record in a sentence: its first text (shortened), else all its values."""
    texts = [
        str(get(row, c.path))
        for c in field.columns
        if c.kind in ("text", "longtext") and get(row, c.path)
    ]
    text = texts[0] if texts else "、".join(show(c, get(row, c.path)) for c in field.columns)
    return text if len(text) <= 24 else text[:23] + "…"


def described(section: Section, rules: Mapping[str, Any]) -> Sequence[Field] | None:
    return None if section.describe is None else section.describe(rules)


# Form fields ---------------------------------------------------------------------------------


def html_name(path: str) -> str:
    return path.replace(".", "__")


def _label_with_unit(field: Field) -> str:
    unit = "%" if field.kind == "share" else field.unit
    return f"{field.label}（{unit}）" if unit else field.label


def parse_ratio(text: str) -> Fraction:
    """ "1/7", "0.2" or "20%" as a share; ValueError when it is not one."""
    text = text.strip().replace("％", "%").replace("／", "/")
    share = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    if not 0 <= share <= 1:
        raise ValueError(text)
    return share


class RatioField(forms.CharField):
    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        try:
            parse_ratio(text)
        except (ValueError, ZeroDivisionError) as error:
            raise forms.ValidationError("请填写 0 到 1 之间的比例，如 1/7、0.2 或 20%") from error
        return text.strip()


def _choice_keys(field: Field) -> list[tuple[str, str]]:
    return [(str(key), label) for key, label in field.choices]


def form_field(field: Field, *, in_row: bool = False, blank: bool = False) -> forms.Field:
    """The Django field that edits one value; its range and choices come from the description
    (`blank`: a field of a new record's row, which may stay empty and starts with no choice)."""
    common: dict[str, Any] = {
        "label": _label_with_unit(field),
        "help_text": field.help,
        "required": not (blank or field.optional or field.kind == "choices"),
    }
    kind = field.kind
    if kind == "integer":
        low, high = field.low, field.high
        return forms.IntegerField(
            min_value=None if low is None else int(low),
            max_value=None if high is None else int(high),
            **common,
        )
    if kind == "number":
        return forms.DecimalField(min_value=field.low, max_value=field.high, **common)
    if kind == "share":
        return forms.DecimalField(min_value=0, max_value=100, decimal_places=2, **common)
    if kind == "ratio":
        return RatioField(max_length=20, **common)
    if kind in ("flag", "choice"):
        widget = forms.RadioSelect if kind == "flag" else forms.Select
        nothing = [("", "—")] if blank else []
        return forms.ChoiceField(choices=nothing + _choice_keys(field), widget=widget, **common)
    if kind == "choices":
        several = forms.SelectMultiple if in_row else forms.CheckboxSelectMultiple
        return forms.MultipleChoiceField(choices=_choice_keys(field), widget=several, **common)
    if kind in ("longtext", "lines"):
        rows = 2 if in_row else 4
        return forms.CharField(widget=forms.Textarea(attrs={"rows": rows}), **common)
    return forms.CharField(max_length=300, **common)


def initial(field: Field, value: Any) -> Any:
    """What the form field shows for a value."""
    if value is None:
        return None
    if field.kind == "share" and isinstance(value, int | float):
        return Decimal(str(round(value * 100, 2)))
    if field.kind in ("flag", "choice"):
        return str(value)
    if field.kind == "lines" and isinstance(value, list):
        return "\n".join(map(str, value))
    if field.kind == "ratio":
        return str(value)
    return value


def _plain(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)


def value_of(field: Field, cleaned: Any) -> Any:
    """The rule value for what the form field cleaned."""
    if cleaned is None or cleaned == "":
        return None if field.optional else cleaned
    kind = field.kind
    if kind == "number":
        return _plain(cleaned)
    if kind == "share":
        return _plain(cleaned / 100)
    if kind == "ratio":
        return cleaned if "/" in cleaned else float(parse_ratio(cleaned))
    if kind in ("flag", "choice"):
        return next((key for key, _ in field.choices if str(key) == cleaned), cleaned)
    if kind == "lines":
        return [line.strip() for line in str(cleaned).splitlines() if line.strip()]
    return cleaned


# Messages of the section validators, with the keys they name turned into labels ---------------


def _tokens(fields: Sequence[Field]) -> list[tuple[str, Field]]:
    found = []
    for field in fields:
        found.append((field.path, field))
        found += [(column.path, column) for column in field.columns]
    return sorted(found, key=lambda pair: -len(pair[0]))


def translate(message: str, fields: Sequence[Field]) -> tuple[str, Field | None]:
    """(the message with every key it names replaced by its label, the first field named)."""
    named: Field | None = None
    for token, field in _tokens(fields):
        pattern = re.compile(rf"(?<![\w.]){re.escape(token)}(?![\w.])(（[^）]*）)?")
        if pattern.search(message):
            named = named or field
            message = pattern.sub(field.label, message)
    return message, named


def copy_of(value: Any) -> Any:
    return copy.deepcopy(value)
