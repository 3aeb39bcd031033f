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

    def __init__(
        self,
        *,
        allow_month: bool = False,
        past: bool = False,
        example: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.allow_month = allow_month
        self.past = past
        # The placeholder shows the form of the date; a person's own dates (birth, joining the
        # party) pass a fitting example, a deadline must not suggest 1975.
        if example is None:
            example = "年.月，如 2025.07" if allow_month else "年-月-日，如 2025-03-08"
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
