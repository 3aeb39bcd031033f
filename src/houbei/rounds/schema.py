"""The shape of a round's rules: one validator per section, collected from the defaults modules.

`rounds/defaults.py` holds the core sections (committee, age_caps, education, targets) and each
`rounds/defaults_<area>.py` exports `SECTIONS: dict[str, Any]` and
`VALIDATORS: dict[str, Callable[[Any], list[str]]]`, and optionally `TITLES: dict[str, str]`
(section names shown to users), `HELP: dict[str, str]` (what the fields mean) and
`CHECKS: list[Callable[[dict], list[str]]]` (checks across sections, run once every section is
valid).
A validator returns Chinese messages a county officer can act on; an empty list means valid.
"""

from __future__ import annotations

import copy
import importlib
import logging
from collections.abc import Callable, Iterable
from typing import Any

from houbei.lib import codes

logger = logging.getLogger(__name__)
Validator = Callable[[Any], list[str]]
AREAS = ("houbei.rounds.defaults_reserves", "houbei.rounds.defaults_risk")
CORE_TITLES = {
    "committee": "两委职数",
    "age_caps": "在任干部年龄上限",
    "education": "学历要求",
    "targets": "换届工作目标",
}


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


# Core sections ------------------------------------------------------------------------------


def validate_committee(value: Any) -> list[str]:
    errors = need_dict(value, ("size", "min_size", "max_size", "source"))
    if errors:
        return errors
    for key in ("size", "min_size", "max_size"):
        errors += need_int(value[key], key, 1, 15)
    if errors:
        return errors
    if not value["min_size"] <= value["size"] <= value["max_size"]:
        errors.append("职数应满足 min_size ≤ size ≤ max_size")
    if value["size"] % 2 == 0:
        errors.append("两委职数应为奇数（村民委员会组织法：3至7人）")
    return errors + need_source(value)


def validate_age_caps(value: Any) -> list[str]:
    errors = need_dict(value, ("secretary", "chair", "member", "source"))
    if errors:
        return errors
    for key, cap in value.items():
        if key != "source":
            errors += need_int(cap, key, 18, 100)
    return errors + need_source(value)


def validate_education(value: Any) -> list[str]:
    errors = need_dict(value, ("secretary_min", "source"))
    if errors:
        return errors
    for key, code in value.items():
        if key != "source":
            errors += need_education(code, key)
    return errors + need_source(value)


def validate_targets(value: Any) -> list[str]:
    errors = need_dict(value, ("source",))
    if errors:
        return errors
    for key, target in value.items():
        if key == "source":
            continue
        if key.endswith("_share"):
            errors += need_share(target, key)
        else:
            errors += need_int(target, key, 0, 1000)
    return errors + need_source(value)


CORE_VALIDATORS: dict[str, Validator] = {
    "committee": validate_committee,
    "age_caps": validate_age_caps,
    "education": validate_education,
    "targets": validate_targets,
}


# The registry -------------------------------------------------------------------------------


def _area_modules() -> list[Any]:
    modules = []
    for name in AREAS:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return modules


def validators() -> dict[str, Validator]:
    registry = dict(CORE_VALIDATORS)
    for module in _area_modules():
        registry.update(getattr(module, "VALIDATORS", {}))
    return registry


def helps() -> dict[str, str]:
    """What each field of a section means, shown beside the editor (`HELP` of each module)."""
    found: dict[str, str] = {}
    for module in _area_modules():
        found.update(getattr(module, "HELP", {}))
    return found


def titles() -> dict[str, str]:
    names = dict(CORE_TITLES)
    for module in _area_modules():
        names.update(getattr(module, "TITLES", {}))
    return names


def validate_section(name: str, value: Any) -> list[str]:
    check = validators().get(name)
    if check is None:
        return [f"未知的规则项“{name}”"]
    try:
        return check(value)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        return [f"规则格式有误：{error}"]
    except Exception:  # a validator that cannot run must not accept the rules
        logger.exception("validator for %s failed", name)
        return [f"规则项“{name}”暂时无法校验，请联系系统管理员"]


def validate_rules(rules: Any) -> dict[str, list[str]]:
    """Section → messages, only for sections with problems. Missing sections are reported."""
    if not isinstance(rules, dict):
        return {"": ["规则应为对象（{…}）"]}
    problems = {name: validate_section(name, value) for name, value in rules.items()}
    for name in validators():
        if name not in rules:
            problems[name] = [f"缺少规则项“{name}”"]
    if not any(problems.values()):
        problems["across"] = [m for check in cross_checks() for m in check(rules)]
    return {name: errors for name, errors in problems.items() if errors}


def cross_checks() -> list[Callable[[dict[str, Any]], list[str]]]:
    """Checks that read several sections at once (`CHECKS` of each defaults module)."""
    return [check for module in _area_modules() for check in getattr(module, "CHECKS", [])]


def section(rules: dict[str, Any], name: str) -> Any:
    """A section of a rule set; the default when a version predates the section."""
    if name in rules:
        return rules[name]
    from houbei.rounds.defaults import default_rules

    return copy.deepcopy(default_rules()[name])
