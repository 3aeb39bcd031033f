"""Audit entries as people read them: Chinese field labels and value labels, never raw codes.

    {% load history_labels %}
    {% audit_change entry key value as change %}
    {{ change.label }}: {{ change.old }} → {{ change.new }}

Labels come from the target model's fields (verbose_name, choices), so any app's history reads
in Chinese without a query."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model

from houbei.people.models import Background

register = template.Library()

EXTRA_LABELS = {
    "reason": "理由",
    "person": "人员",
    "person_id": "人员编号",
    "file": "文件",
    "rows": "行数",
    "created": "新增",
    "updated": "更新",
    "unchanged": "无变化",
    "skipped": "跳过的行",
    "valid_only": "只导入无误的行",
    "filters": "筛选条件",
    "id_numbers": "身份号码",
    "path": "地址",
    "method": "请求方式",
    "people": "所涉人员编号",
    "sha256": "文件SHA-256",
    "sheet": "工作表",
    "skipped_not_people": "跳过的非人员行",
    "batch_items": "本次新增人员（批量条目）",
    "batch_digest": "批量条目摘要",
    "attendees": "出席人员",  # the judgement meeting's members and accounts, as one line
}
VALUE_LABELS = {
    "backgrounds": dict(Background.choices),
    "id_numbers": {"masked": "已脱敏"},
}
EMPTY = "（空）"


@dataclass(frozen=True)
class Change:
    label: str
    is_diff: bool
    old: str = ""
    new: str = ""
    value: str = ""


def _model(target_type: str) -> type[Model] | None:
    try:
        return apps.get_model(target_type) if "." in target_type else None
    except (LookupError, ValueError):
        return None


def _field(model: type[Model] | None, key: str) -> Field[Any, Any] | None:
    if model is None:
        return None
    for name in (key, key.removesuffix("_id")):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        return field if isinstance(field, Field) else None
    return None


def _text(value: Any, key: str, field: Field[Any, Any] | None) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    labels = VALUE_LABELS.get(key) or (dict(field.flatchoices) if field and field.choices else {})
    if isinstance(value, list):
        # Items may be records of their own (a decision's several answers): shown field by field.
        return "、".join(
            _text(item, key, None) if isinstance(item, dict | list) else str(labels.get(item, item))
            for item in value
        )
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "；".join(f"{EXTRA_LABELS.get(k, k)}：{v}" for k, v in value.items())
    return str(labels.get(value, value))


@register.simple_tag
def audit_change(entry: Any, key: str, value: Any) -> Change:
    field = _field(_model(getattr(entry, "target_type", "")), key)
    label = str(field.verbose_name) if field is not None else EXTRA_LABELS.get(key, key)
    if field is not None and key == f"{field.name}_id":
        label += "编号"
    if isinstance(value, dict) and ("old" in value or "new" in value):
        old, new = _text(value.get("old"), key, field), _text(value.get("new"), key, field)
        return Change(label=label, is_diff=True, old=old, new=new)
    return Change(label=label, is_diff=False, value=_text(value, key, field))
