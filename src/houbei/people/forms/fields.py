"""Form fields that read what people type: dates in the usual Chinese forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from houbei.lib.dates import DateError, parse_date


class TypedDateField(forms.Field):
    """A date typed as people type it: 1975-03-08, 1975.3.8, 1975年3月8日 (with allow_month,
    also 1975.3 or 1975年3月, meaning the first of the month). With past, the date of something
    that has happened: a day after today is refused (issue 13 §6)."""

    def __init__(self, *, allow_month: bool = False, past: bool = False, **kwargs: Any) -> None:
        self.allow_month = allow_month
        self.past = past
        example = "如 1998.07 或 1998-07-01" if allow_month else "如 1975-03-08 或 1975年3月8日"
        attrs = {"placeholder": example, "maxlength": "20"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value.isoformat() if isinstance(value, dt.date) else value

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        try:
            return parse_date(text, allow_month=self.allow_month)
        except DateError as error:
            raise forms.ValidationError(str(error), code="invalid") from error

    def validate(self, value: Any) -> None:
        super().validate(value)
        if self.past and isinstance(value, dt.date):
            refuse_future(value)


def refuse_future(day: dt.date) -> None:
    """The date of something that has happened: a day after today is refused (issue 13 §6)."""
    today = timezone.localdate()
    if day > today:
        raise forms.ValidationError(
            f"日期不能晚于今天（{today.year}年{today.month}月{today.day}日）：记录的是已经发生的事。",
            code="future",
        )
