"""Every section of a round's rules, from the areas that own them, and the checks over them."""

from __future__ import annotations

import copy
import logging
from collections.abc import Mapping
from typing import Any

from houbei.cultivation import rules as cultivation_sections
from houbei.outcomes import rules as outcome_sections
from houbei.reserves import rules as reserve_sections
from houbei.risk import rules as risk_sections
from houbei.rounds import rules as core_sections
from houbei.rounds.sections import CrossCheck, Section

logger = logging.getLogger(__name__)

SECTIONS: tuple[Section, ...] = (
    *core_sections.SECTIONS,
    *reserve_sections.SECTIONS,
    *risk_sections.SECTIONS,
    *cultivation_sections.SECTIONS,
    *outcome_sections.SECTIONS,
)
BY_NAME: dict[str, Section] = {section.name: section for section in SECTIONS}
CHECKS: tuple[CrossCheck, ...] = (*reserve_sections.CHECKS,)
DEFAULT_SOURCE = (
    "默认规则，依据公开的政策文件和资料整理（各项出处见其“依据”），须经县委组织部核对后使用"
)


def default_rules() -> dict[str, Any]:
    """A fresh copy of every section's default (a new round's first version)."""
    return {section.name: copy.deepcopy(dict(section.default)) for section in SECTIONS}


def titles() -> dict[str, str]:
    return {section.name: section.title for section in SECTIONS}


def helps() -> dict[str, str]:
    """What each field of a section means, shown beside the editor."""
    return {section.name: section.help for section in SECTIONS if section.help}


def value_in(rules: Mapping[str, Any], name: str) -> Any:
    """A section of a rule set; the default when the version predates the section."""
    return BY_NAME[name].value_in(rules)


def validate_section(name: str, value: Any) -> list[str]:
    section = BY_NAME.get(name)
    if section is None:
        return [f"未知的规则项“{name}”"]
    try:
        return section.validate(value)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        return [f"规则格式有误：{error}"]
    except Exception:  # a validator that cannot run must not accept the rules
        logger.exception("validator for %s failed", name)
        return [f"规则项“{name}”暂时无法校验，请联系系统管理员"]


def with_missing_defaults(rules: Any) -> tuple[Any, list[str]]:
    """A file made before a section existed takes that section's current default: the rules
    completed, and the titles of the sections taken from the defaults (decision 0032)."""
    if not isinstance(rules, dict):
        return rules, []
    missing = [section for section in SECTIONS if section.name not in rules]
    filled = {**rules, **{s.name: copy.deepcopy(dict(s.default)) for s in missing}}
    return filled, [section.title for section in missing]


def validate_rules(rules: Any) -> dict[str, list[str]]:
    """Section → messages, only for sections with problems. Missing sections are reported."""
    if not isinstance(rules, dict):
        return {"": ["规则应为对象（{…}）"]}
    problems = {name: validate_section(name, value) for name, value in rules.items()}
    for name in BY_NAME:
        if name not in rules:
            problems[name] = [f"缺少规则项“{name}”"]
    if not any(problems.values()):
        problems["across"] = [message for check in CHECKS for message in check(rules)]
    return {name: errors for name, errors in problems.items() if errors}
