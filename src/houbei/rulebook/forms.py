"""Editing one section of a round's rules as JSON, with messages a county officer can act on."""

from __future__ import annotations

import json
from typing import Any

from django import forms

from houbei.rulebook.registry import validate_section

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
        text = self.cleaned_data["content"]
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
        problems = validate_section(self.section, value)
        if problems:
            raise forms.ValidationError(problems, code="invalid")
        return value
