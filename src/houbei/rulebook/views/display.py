"""A round's rules as the rules pages show them: each section's described values in Chinese,
lists as tables, and its source document; never a key."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from houbei.rounds.sections import Field
from houbei.rulebook import fields
from houbei.rulebook.registry import SECTIONS

FOLD_AFTER = 12  # a section with more lines than this shows them folded


def _table(field: Field, rows: list[Any]) -> dict[str, Any]:
    """A list of records; a record's own source is left to the form (the list it belongs to
    names the policy)."""
    columns = [c for c in field.columns if c.path != "source"]
    return {
        "label": field.label,
        "columns": [c.label for c in columns],
        "rows": [
            [(c.label, fields.show(c, fields.get(row, c.path))) for c in columns] for row in rows
        ],
    }


def _section(section: Any, rules: Mapping[str, Any]) -> dict[str, Any]:
    value = section.value_in(rules)
    described = fields.described(section, rules)
    lines, tables = [], []
    for field in described or ():
        found = fields.get(value, field.path)
        if field.kind == "rows":
            tables.append(_table(field, found or []))
        elif field.path != "source":
            lines.append({"label": field.label, "text": fields.show(field, found)})
    return {
        "name": section.name,
        "title": section.title,
        "source": value.get("source", "") if isinstance(value, dict) else "",
        "described": described is not None,
        "lines": lines,
        "folded": len(lines) > FOLD_AFTER,
        "tables": tables,
    }


def sections(rules: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [_section(section, rules) for section in SECTIONS]
