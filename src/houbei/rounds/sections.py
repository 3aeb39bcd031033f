"""What every section of a round's rules is made of: its spec, the small checks its validator
uses, and reading it once from a RuleSet.

Each area owns its sections (rounds/rules.py the core ones, reserves/rules.py and risk/rules.py
theirs): the default with its source, a validator returning Chinese messages a county officer
can act on (an empty list means valid), a title and a help text for the editor, and a typed,
frozen view that services receive. houbei.rulebook joins the areas' sections with plain imports.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from houbei.lib import codes

if TYPE_CHECKING:
    from houbei.rounds.models import RuleSet

Validator = Callable[[Any], list[str]]
CrossCheck = Callable[[Mapping[str, Any]], list[str]]
T = TypeVar("T")
Choices = tuple[tuple[Any, str], ...]


@dataclass(frozen=True)
class Field:
    """One value of a section as an officer sees it: the rules editor renders a form field from
    it, the rules page a line, the version history a sentence ("由 55 岁 改为 50 岁").

    `path` is where the value sits inside the section ("age_caps.secretary", "factors.0.weight":
    list items by index). Kinds: integer and number (within `low`..`high`, with a `unit`),
    share (0..1 held, shown as a percentage), ratio (a share written "1/7" or 0.2), text,
    longtext, flag (yes/no, `choices` naming both), choice and choices (one or several of
    `choices`: value → label), lines (a list of short texts, one per line) and rows (a list of
    records, each of `columns`; `key` is the column that names a record and is kept, never
    shown; new records get one from `new_key`).
    """

    path: str
    label: str
    kind: str = "integer"
    unit: str = ""
    help: str = ""
    low: float | None = None
    high: float | None = None
    choices: Choices = ()
    columns: tuple[Field, ...] = ()
    key: str = ""
    new_key: Callable[[int], str] | None = None
    optional: bool = False
    group: str = ""  # a heading the form shows above the first field of a group


def grouped(group: str, fields: Iterable[Field]) -> list[Field]:
    """The fields under one heading of the form (a long section reads in parts)."""
    return [dataclasses.replace(field, group=group) for field in fields]


# What a section's form is made of, given the whole rule set (a field's choices may come from
# another section, and the fields of a list from its current items).
Describe = Callable[[Mapping[str, Any]], Sequence[Field]]


def source_field(label: str = "本项规则的依据") -> Field:
    return Field("source", label, "longtext", help="政策文件的名称、文号或出处")


@dataclass(frozen=True)
class Section:
    """One named part of a round's rules. `describe` gives its form (None: the editor falls
    back to editing the section as JSON until a description is written)."""

    name: str
    title: str
    default: Mapping[str, Any]
    validate: Validator
    help: str = ""
    describe: Describe | None = None

    def value_in(self, rules: Mapping[str, Any]) -> Any:
        """The section as a rule set holds it; a copy of the default when the version predates
        the section (old versions are never rewritten)."""
        if self.name in rules:
            return rules[self.name]
        return copy.deepcopy(dict(self.default))


def parsed(
    rules: RuleSet | Mapping[str, Any], key: str, parse: Callable[[Mapping[str, Any]], T]
) -> T:
    """`parse(rules)` once per RuleSet instance (a RuleSet is never edited: each save is a new
    version, so the parse of a loaded instance stays true); a plain dict is parsed each time."""
    if isinstance(rules, Mapping):  # a RuleSet is a model, not a mapping
        return parse(rules)
    cache: dict[str, Any] = rules.__dict__.setdefault("_parsed_sections", {})
    if key not in cache:
        cache[key] = parse(rules.rules)
    found: T = cache[key]
    return found


# Small checks the section validators share -------------------------------------------------


def need_dict(value: Any, keys: Iterable[str], where: str = "") -> list[str]:
    prefix = f"{where}：" if where else ""
    if not isinstance(value, dict):
        return [f"{prefix}应为对象（{{…}}），实际为 {type(value).__name__}"]
    missing = [key for key in keys if key not in value]
    return [f"{prefix}缺少“{key}”项" for key in missing]


def need_int(value: Any, name: str, low: int, high: int) -> list[str]:
    if isinstance(value, bool) or not isinstance(value, int):
        return [f"“{name}”应为整数，实际为 {value!r}"]
    if not low <= value <= high:
        return [f"“{name}”应在 {low} 到 {high} 之间，实际为 {value}"]
    return []


def need_share(value: Any, name: str) -> list[str]:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return [f"“{name}”应为 0 到 1 之间的小数（如 0.5 表示一半），实际为 {value!r}"]
    if not 0 <= value <= 1:
        return [f"“{name}”应为 0 到 1 之间的小数（如 0.5 表示一半），实际为 {value}"]
    return []


def need_text(value: Any, name: str, *, required: bool = True) -> list[str]:
    if not isinstance(value, str):
        return [f"“{name}”应为文字，实际为 {value!r}"]
    if required and not value.strip():
        return [f"“{name}”不能为空"]
    return []


def need_education(value: Any, name: str) -> list[str]:
    if value not in codes.EDUCATION.codes:
        return [
            f"“{name}”应为 GB/T 4658 学历代码（如 61 普通高中毕业、31 大学专科毕业），"
            f"实际为 {value!r}"
        ]
    return []


def need_source(value: dict[str, Any]) -> list[str]:
    return need_text(value.get("source"), "source（依据文件）")
