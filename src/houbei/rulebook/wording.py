"""The difference between two versions of a round's rules in words, from each section's
description: "在任干部年龄上限 村党组织书记 由 60 岁 改为 55 岁"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from houbei.rounds.sections import Field, Section
from houbei.rulebook import fields
from houbei.rulebook.registry import SECTIONS


def _quote(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _value_sentence(title: str, field: Field, old: Any, new: Any) -> str | None:
    before, after = fields.show(field, old), fields.show(field, new)
    if before == after:
        return None
    if field.kind in ("longtext", "text") and len(before) + len(after) > 40:
        return f"{title} {field.label} 改为“{_quote(after)}”"
    return f"{title} {field.label} 由 {before} 改为 {after}"


def _row_key(field: Field, index: int, row: Any) -> str:
    return str(fields.get(row, field.key)) if field.key else str(index)


def _rows(title: str, field: Field, old: list[Any], new: list[Any]) -> list[str]:
    before = {_row_key(field, i, row): row for i, row in enumerate(old)}
    after = {_row_key(field, i, row): row for i, row in enumerate(new)}
    found = [
        f"{title} 删除{field.label}“{fields.row_name(field, row)}”"
        for key, row in before.items()
        if key not in after
    ]
    for key, row in after.items():
        if key not in before:
            found.append(f"{title} 新增{field.label}“{fields.row_name(field, row)}”")
            continue
        where = f"{title} {field.label}“{fields.row_name(field, before[key])}”"
        for column in field.columns:
            old_value, new_value = (
                fields.get(before[key], column.path),
                fields.get(row, column.path),
            )
            sentence = _value_sentence(where, column, old_value, new_value)
            found += [sentence] if sentence else []
    return found


def _section(section: Section, before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    old, new = section.value_in(before), section.value_in(after)
    described = fields.described(section, after)
    if described is None:
        return [f"{section.title} 有修改"]
    by_path = {f.path: f for f in fields.described(section, before) or ()}
    by_path |= {f.path: f for f in described}
    found: list[str] = []
    for path, field in by_path.items():
        if field.kind == "rows":
            old_rows, new_rows = fields.get(old, path) or [], fields.get(new, path) or []
            found += _rows(section.title, field, old_rows, new_rows)
        else:
            sentence = _value_sentence(
                section.title, field, fields.get(old, path), fields.get(new, path)
            )
            found += [sentence] if sentence else []
    return found or [f"{section.title} 的条目结构有调整（以导入的规则文件为准）"]


def sentences(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """Every difference between two rule sets, section by section, in Chinese."""
    found: list[str] = []
    for section in SECTIONS:
        if section.value_in(before) != section.value_in(after):
            found += _section(section, before, after)
    return found
