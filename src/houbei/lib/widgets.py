"""Form widgets written in Python where Django's templates cost too much (docs/performance.md
§4.5): Django renders a <select> through one template per option, so a filter bar with a few
menus of some dozens of options spent more time there than on the page's rows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


def _attributes(attrs: dict[str, Any]) -> SafeString:
    """As django/forms/widgets/attrs.html writes them: False left out, True as a bare name."""
    parts = []
    for name, value in attrs.items():
        if value is False or value is None:
            continue
        parts.append(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        )
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped by format_html


class FastSelect(forms.Select):
    """A <select> with the same markup as forms.Select (attributes, optgroups, the selected
    option), rendered in Python instead of through a template per option."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts: list[str] = [
            format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))
        ]
        for group, options, _ in widget["optgroups"]:
            if group:
                parts.append(format_html('<optgroup label="{}">', group))
            for option in options:
                parts.append(
                    format_html(
                        '<option value="{}"{}>{}</option>',
                        option["value"], _attributes(option["attrs"]), option["label"],
                    )
                )  # fmt: skip
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part escaped by format_html
