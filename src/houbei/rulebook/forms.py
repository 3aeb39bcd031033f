"""Editing one section of a round's rules as JSON, with messages a county officer can act on."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django import forms

from houbei.rounds.sections import Field, Section
from houbei.rulebook import fields
from houbei.rulebook.registry import default_rules, titles, validate_rules, validate_section

JSON_HINTS = {
    "Expecting ',' delimiter": "缺少英文逗号“,”",
    "Expecting ':' delimiter": "键名后缺少英文冒号“:”",
    "Expecting property name enclosed in double quotes": "键名须用英文双引号，或最后一项后多了逗号",
    "Expecting value": "缺少值，或多了逗号",
    "Extra data": "结尾有多余内容",
    "Unterminated string starting at": "引号未闭合",
    "Invalid control character at": "文字中有换行等控制字符，请改用 \\n",
}
CHINESE_QUOTES = "“”‘’"
MAX_JSON_DEPTH = 32  # nested objects and lists; the default sections nest 6 deep at most
TOO_DEEP = f"规则嵌套层数过多：对象和列表最多嵌套{MAX_JSON_DEPTH}层"


def too_deep(value: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether objects and lists nest deeper than the limit, walked without recursion (the
    audit diff and the templates recurse into the rules)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        if children and depth > limit:
            return True
        stack += [(child, depth + 1) for child in children]
    return False


def explain_json_error(error: json.JSONDecodeError, text: str) -> str:
    hint = next((v for k, v in JSON_HINTS.items() if error.msg.startswith(k)), error.msg)
    line = text.splitlines()[error.lineno - 1] if text.splitlines() else ""
    message = f"第 {error.lineno} 行第 {error.colno} 列格式错误：{hint}。该行：{line.strip()[:80]}"
    if line[error.colno - 1 : error.colno] in tuple(CHINESE_QUOTES):
        message += "（请检查是否误用了中文引号）"
    return message


class SectionForm(forms.Form):
    content = forms.CharField(
        label="规则内容（JSON）",
        widget=forms.Textarea(attrs={"rows": 24, "class": "code", "spellcheck": "false"}),
    )
    source_document = forms.CharField(
        label="依据文件", max_length=300, help_text="文件名称和文号，如：辉组〔2025〕12号"
    )
    note = forms.CharField(label="修改说明", max_length=300, help_text="改了什么、为什么")
    base_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, section: str, **kwargs: Any) -> None:
        self.section = section
        super().__init__(*args, **kwargs)

    def clean_content(self) -> Any:
        value = read_rules_value(self.cleaned_data["content"])
        problems = validate_section(self.section, value)
        if problems:
            raise forms.ValidationError(problems, code="invalid")
        return value


class MetaFields(forms.Form):
    """What every save names: the policy it follows and why (each save is a new version)."""

    source_document = forms.CharField(
        label="本次修改的依据文件",
        max_length=300,
        help_text="文件名称和文号，如：辉组〔2025〕12号",
    )
    note = forms.CharField(label="修改说明", max_length=300, help_text="改了什么、为什么")
    base_version = forms.IntegerField(widget=forms.HiddenInput)

    META = ("source_document", "note", "base_version")

    def meta_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.META if name != "base_version"]


class RuleForm(MetaFields):
    """One section as a form with Chinese labels, built from its description
    (rounds.sections.Field); the section's validator runs on the whole new value and its
    messages go next to the field they name."""

    def __init__(
        self, *args: Any, section: Section, rules: Mapping[str, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.section, self.rules = section, rules
        self.described = list(fields.described(section, rules) or ())
        self.old = section.value_in(rules)
        self.items: list[dict[str, Any]] = []
        group = ""
        for field in self.described:
            if field.kind == "rows":
                item = self._add_rows(field)
            else:
                name = self._add(field, fields.html_name(field.path), self.old, in_row=False)
                item = {"field": self[name]}
            if field.group != group:
                item["heading"] = group = field.group
            self.items.append(item)

    def _add(
        self, field: Field, name: str, value: Any, *, in_row: bool, blank: bool = False
    ) -> str:
        self.fields[name] = fields.form_field(field, in_row=in_row, blank=blank)
        self.initial[name] = fields.initial(field, fields.get(value, field.path))
        return name

    def _add_rows(self, field: Field) -> dict[str, Any]:
        old_rows = fields.get(self.old, field.path) or []
        rows = []
        for index in range(len(old_rows) + fields.EXTRA_ROWS):
            row = old_rows[index] if index < len(old_rows) else {}
            prefix = f"{fields.html_name(field.path)}-{index}-"
            blank = index >= len(old_rows)  # a row for a new record: nothing chosen yet
            names = [
                self._add(c, prefix + fields.html_name(c.path), row, in_row=True, blank=blank)
                for c in field.columns
            ]
            self.fields[prefix + "remove"] = forms.BooleanField(label="删除", required=False)
            rows.append({"cells": [self[n] for n in names], "remove": self[prefix + "remove"]})
        return {"rows_of": field, "columns": [c for c in field.columns], "rows": rows}

    def _value(self, field: Field, name: str, old: Any) -> Any:
        new = fields.value_of(field, self.cleaned_data.get(name))
        old_value = fields.get(old, field.path)
        return old_value if fields.show(field, new) == fields.show(field, old_value) else new

    def _rows(self, field: Field) -> list[Any]:
        old_rows = fields.get(self.old, field.path) or []
        used = {str(r.get(field.key)) for r in old_rows if isinstance(r, dict)}
        found = []
        for index in range(len(old_rows) + fields.EXTRA_ROWS):
            prefix = f"{fields.html_name(field.path)}-{index}-"
            if self.cleaned_data.get(prefix + "remove"):
                continue
            old = old_rows[index] if index < len(old_rows) else {}
            values = {
                c.path: self._value(c, prefix + fields.html_name(c.path), old)
                for c in field.columns
            }
            if index >= len(old_rows) and not any(v not in (None, "", []) for v in values.values()):
                continue
            row = fields.copy_of(old)
            if index >= len(old_rows) and field.key and field.new_key:
                row[field.key] = next(
                    k for n in range(1, 1000) if (k := field.new_key(n)) not in used
                )
                used.add(row[field.key])
            for path, value in values.items():
                fields.put(row, path, value)
            found.append(row)
        return found

    def new_value(self) -> Any:
        value = fields.copy_of(self.old)
        for field in self.described:
            if field.kind == "rows":
                fields.put(value, field.path, self._rows(field))
            else:
                fields.put(
                    value, field.path, self._value(field, fields.html_name(field.path), self.old)
                )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if any(name not in self.META for name in self.errors):
            return cleaned
        value = self.new_value()
        problems = validate_rules({**default_rules(), **self.rules, self.section.name: value})
        for key, messages in problems.items():
            for message in messages:
                self._place(key, message)
        cleaned["value"] = value
        return cleaned

    def _place(self, key: str, message: str) -> None:
        text, field = fields.translate(message, self.described)
        name = fields.html_name(field.path) if field else ""
        if key == self.section.name and name in self.fields:
            self.add_error(name, text)
        elif key in (self.section.name, "across"):
            self.add_error(None, text)
        else:
            self.add_error(None, f"{titles().get(key, '')}：{text}")


MAX_IMPORT_BYTES = 2_000_000  # the default rules take about 25 kB


def read_rules(text: str) -> Any:
    """The rule set in an exported file's text (the file itself or its "rules")."""
    value = read_rules_value(text)
    if isinstance(value, dict) and isinstance(value.get("rules"), dict):
        return value["rules"]
    return value


def read_rules_value(text: str) -> Any:
    """JSON text as a value, or a message saying where it is malformed."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise forms.ValidationError(explain_json_error(error, text), code="json") from error
    except RecursionError as error:  # the parser recurses: about 1,000 levels exhaust it
        raise forms.ValidationError(TOO_DEEP, code="depth") from error
    except ValueError as error:  # an integer of more than 4,300 digits
        raise forms.ValidationError("数字位数过多，无法读取", code="json") from error
    if too_deep(value):
        raise forms.ValidationError(TOO_DEEP, code="depth")
    return value


class ImportForm(MetaFields):
    """A whole rule set from a file an expert edited (exported from this page)."""

    file = forms.FileField(label="规则文件", help_text="从本页导出并修改后的规则文件")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("规则文件不能超过 2 MB", code="size")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError("规则文件应为 UTF-8 编码的文本", code="encoding") from error
        self.cleaned_data["rules"] = read_rules(text)
        return upload
