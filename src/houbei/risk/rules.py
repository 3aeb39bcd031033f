"""The vocabulary of the risk rules (measures, duties, positions) and the validation of a round's
`risk` section (defaults in houbei.risk.defaults) and the typed view services receive
(`risk_rules`). Plain Python: no models, no queries.

The meaning of the rules is houbei.risk.engine.reference. The caps below bound what a saved rule
set can ask of the engine, which compiles it to Python (and, for the benchmark, SQL): without
them a few thousand factors overflow Python's compiler and SQLite's expression depth, a huge
number or a NaN breaks the arithmetic, and a deep or huge JSON value stalls every page that reads
the rules (docs/decisions/0010-rule-engine-compiled.md).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from houbei.accounts.capabilities import Role
from houbei.risk import defaults
from houbei.risk.transfer import SECTION as TRANSFER_SECTION
from houbei.rounds.sections import Field, Section, grouped, parsed, source_field

if TYPE_CHECKING:
    from houbei.rounds.models import RuleSet

# The vocabularies the rules may use; the engine implements each measure (risk/engine/measures).
MEASURES = {
    "members_short": "两委缺额人数",
    "secretary_vacant": "书记空缺（1为空缺）",
    "chair_vacant": "主任空缺（1为空缺）",
    "secretary_age_margin": "书记截止日距年龄上限（岁）",
    "secretary_rating": "书记履职作风评价（1至5分）",
    "team_rating": "其他两委成员平均评价（1至5分）",
    "conflicts": "矛盾纠纷、信访积案、宗族派性矛盾合计（件）",
    "petition_backlog": "信访积案（件）",
    "clan_disputes": "宗族派性矛盾（件）",
    "past_trouble": "往届选举出现问题（次）",
    "ready_secretary_reserves": "成熟的书记后备（人）",
    "secretary_reserves": "书记后备（人）",
    "reserves": "后备力量（人）",
    "reserve_bench": "后备力量等级（0无，1仅两委后备，2有书记后备，3有成熟书记后备，4达到目标）",
    "dual_role": "一肩挑人选（1为有）",
    "average_age": "两委成员截止日平均年龄（岁）",
    "young_members": "35岁及以下两委成员（人）",
}
CADRE_MEASURES = {
    "age_margin": "截止日距本职务年龄上限（岁）",
    "rating": "履职作风评价（1至5分）",
    "negative": "负面清单情形（1为有）",
    "intention": "换届意向（run_again/dual_role/other_post/retire/undecided）",
    "attitude": "思想动态（stay/undecided/leave）",
}
COLOUR_NAMES = {"red": "红", "orange": "橙", "yellow": "黄", "green": "绿"}
LEVEL_NAMES = {"high": "高", "medium": "中", "low": "低"}
OUTLOOK_NAMES = {"enter": "进", "leave": "退", "stay": "留", "move": "转"}
DUTIES = {
    "county_leader": "包乡县级领导",
    "party_secretary": "乡镇党委书记",
    "deputy_secretary": "乡镇党委副书记",
    "party_building_office": "党建办",
    "discipline_office": "纪委",
    "petition_office": "信访办",
    "covering_leader": "包片（包村）领导",
    "district_director": "管理区主任",
    "liaison": "包村干部",
    "resident_team": "驻村工作队",
}
POSITIONS = {
    "lead": "挂帅",
    "drive": "主抓",
    "guide": "挂点指导",
    "assist": "协同",
    "follow": "跟踪负责",
}
OPS = ("<", "<=", "=", "!=", ">=", ">")
ROLES = ("county_officer", "town_leader", "town_staff", "liaison")

# Caps on a `risk` section (the defaults use a tenth of each at most).
MAX_FACTORS = 100
MAX_BANDS = 20  # per factor
MAX_HARD_RULES = 100
MAX_OUTLOOK_RULES = 100
MAX_CONDITIONS = 20  # per hard rule or outlook rule
MAX_DEPTH = 8  # nested objects and lists; the defaults nest 6 deep
MAX_ITEMS = 50_000  # every object, list, number and text in the section
MAX_NUMBER = 1_000_000  # the largest magnitude of any number
MAX_TEXT = 300  # characters of any text or key


def _walk(section: Any) -> Iterator[tuple[str, int, Any]]:
    """(dotted path, depth, value) of every value in the section, without recursion."""
    stack: list[tuple[str, int, Any]] = [("", 1, section)]
    while stack:
        path, depth, value = stack.pop()
        yield path, depth, value
        if isinstance(value, dict):
            stack += [(f"{path}.{k}".lstrip("."), depth + 1, v) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(f"{path}.{i}".lstrip("."), depth + 1, v) for i, v in enumerate(value)]


def _short(path: str) -> str:
    return path if len(path) <= 80 else path[:77] + "..."


def _value_error(path: str, value: Any) -> str | None:
    where = f"“{_short(path)}”" if path else ""
    if isinstance(value, dict):
        key = next((k for k in value if len(str(k)) > MAX_TEXT), None)
        if key is not None:
            return f"文字最长{MAX_TEXT}字：{where}中有{len(str(key))}字的键名"
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return f"文字最长{MAX_TEXT}字：{where}现为{len(value)}字"
    if isinstance(value, float) and not math.isfinite(value):
        return f"数值无效（不能为 NaN 或无穷大）：{where}为 {value}"
    if _number(value) and abs(value) > MAX_NUMBER:
        return f"数值须在 -{MAX_NUMBER} 至 {MAX_NUMBER} 之间：{where}为 {value}"
    return None


def _shape_errors(section: Any) -> list[str]:
    """Depth, size, numbers and texts of the whole section, walked without recursion."""
    errors: list[str] = []
    for items, (path, depth, value) in enumerate(_walk(section), 1):
        if depth > MAX_DEPTH and isinstance(value, dict | list):
            return [f"选情研判规则嵌套最多{MAX_DEPTH}层，“{_short(path)}”处已超过"]
        if items > MAX_ITEMS:
            return [f"选情研判规则内容过多：最多{MAX_ITEMS}项"]
        error = _value_error(path, value)
        if error and len(errors) < 10:
            errors.append(error)
    return errors


def _count_error(items: Any, cap: int, what: str, unit: str) -> list[str]:
    if isinstance(items, list) and len(items) > cap:
        return [f"{what}最多{cap}{unit}，当前{len(items)}{unit}"]
    return []


def _limit_errors(section: dict[str, Any]) -> list[str]:
    """The caps: counts first (the clearest messages), then the shape of everything."""
    factors, rules = section.get("factors"), section.get("hard_rules")
    outlook = _get(section.get("outlook"), "rules")
    errors = _count_error(factors, MAX_FACTORS, "评分因素", "个")
    errors += _count_error(rules, MAX_HARD_RULES, "硬性规则", "条")
    errors += _count_error(outlook, MAX_OUTLOOK_RULES, "进退留转规则", "条")
    if errors:
        return errors
    for factor in factors if isinstance(factors, list) else []:
        where = f"评分因素“{_get(factor, 'label') or _get(factor, 'key')}”："
        errors += _count_error(_get(factor, "bands"), MAX_BANDS, f"{where}分档", "个")
    for kind, found in (("硬性规则", rules), ("进退留转规则", outlook)):
        for rule in found if isinstance(found, list) else []:
            where = f"{kind}“{_get(rule, 'label') or _get(rule, 'key')}”："
            errors += _count_error(_get(rule, "all"), MAX_CONDITIONS, f"{where}条件", "个")
    return errors[:10] or _shape_errors(section)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _known(value: Any, names: Any) -> bool:
    """Whether a value is one of the names (a list or an object given as a name is not)."""
    return isinstance(value, str) and value in names


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _conditions(where: str, conditions: Any, measures: dict[str, str]) -> list[str]:
    if not isinstance(conditions, list) or not conditions:
        return [f"{where}：至少需要一个条件"]
    errors = []
    for condition in conditions:
        if not isinstance(condition, dict) or not _known(condition.get("measure"), measures):
            errors.append(f"{where}：条件的指标“{_get(condition, 'measure')}”不存在")
        elif condition.get("op") not in OPS:
            errors.append(f"{where}：比较符“{condition.get('op')}”无效，可用 {' '.join(OPS)}")
        elif not _number(condition.get("value")) and condition.get("op") not in ("=", "!="):
            errors.append(f"{where}：“{condition.get('op')}”只能与数字比较")
        elif not _number(condition.get("value")) and not isinstance(condition.get("value"), str):
            errors.append(f"{where}：条件缺少比较值")
    return errors


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _band_errors(where: str, factor: dict[str, Any]) -> list[str]:
    bands, weight = factor.get("bands"), int(factor.get("weight") or 0)
    if not isinstance(bands, list) or not bands:
        return [f"{where}：至少需要一个分档"]
    errors = []
    for number, band in enumerate(bands, 1):
        points, low, high = _get(band, "points"), _get(band, "min"), _get(band, "max")
        if not isinstance(points, int) or isinstance(points, bool) or not 0 <= points <= weight:
            errors.append(f"{where}第{number}档：得分须为0至{weight}之间的整数")
        if any(v is not None and not _number(v) for v in (low, high)):
            errors.append(f"{where}第{number}档：上下限须为数字")
        elif low is not None and high is not None and low > high:
            errors.append(f"{where}第{number}档：下限不能大于上限")
    if _get(bands[-1], "min") is not None or _get(bands[-1], "max") is not None:
        errors.append(f"{where}：最后一档须为不设上下限的“其他情况”")
    return errors


def _factor_errors(factors: Any) -> list[str]:
    if not isinstance(factors, list) or not factors:
        return ["评分因素不能为空"]
    errors, keys = [], set()
    for factor in factors:
        label = _get(factor, "label") or _get(factor, "key") or "？"
        where = f"评分因素“{label}”"
        weight = _get(factor, "weight")
        if not isinstance(weight, int) or isinstance(weight, bool) or weight < 0:
            errors.append(f"{where}：分值须为非负整数")
            continue
        key = factor.get("key")
        if not _text(key) or key in keys:
            errors.append(f"{where}：代码为空或重复")
        keys.add(key if isinstance(key, str) else "")
        if not _text(factor.get("label")):
            errors.append(f"{where}：名称不能为空")
        if not _known(factor.get("measure"), MEASURES):
            errors.append(f"{where}：指标“{factor.get('measure')}”不存在")
        missing = factor.get("if_missing", 0)
        if not isinstance(missing, int) or isinstance(missing, bool) or not 0 <= missing <= weight:
            errors.append(f"{where}：缺少数据时的得分须在0至{weight}之间")
        errors += _band_errors(where, factor)
    total = sum(f.get("weight", 0) for f in factors if isinstance(_get(f, "weight"), int))
    if not errors and total != 100:
        errors.append(f"各评分因素分值合计须为100分，现为{total}分")
    return errors


def _colour_errors(section: dict[str, Any]) -> list[str]:
    colours = section.get("colours")
    order = ["green", "yellow", "orange", "red"]
    if not isinstance(colours, list) or [_get(c, "colour") for c in colours] != order:
        return ["颜色分档须依次为绿、黄、橙、红四档"]
    mins = [_get(c, "min") for c in colours]
    if not all(_number(m) for m in mins) or any(
        a <= b for a, b in zip(mins, mins[1:], strict=False)
    ):
        return ["颜色分档的最低分须为数字，且绿＞黄＞橙＞红逐档降低"]
    if mins[-1] > 0:
        return ["红色档的最低分须为0，使任何总分都有颜色"]
    levels = section.get("levels")
    if not isinstance(levels, dict) or any(not _known(levels.get(c), LEVEL_NAMES) for c in order):
        return ["须为每种颜色指定风险等级（high/medium/low）"]
    return []


def _hard_rule_errors(rules: Any) -> list[str]:
    if not isinstance(rules, list):
        return ["硬性规则须为列表"]
    errors = []
    for rule in rules:
        where = f"硬性规则“{_get(rule, 'label') or _get(rule, 'key')}”"
        if not _text(_get(rule, "key")) or not _text(_get(rule, "label")):
            errors.append(f"{where}：代码和名称不能为空")
        if not _known(_get(rule, "colour"), COLOUR_NAMES):
            errors.append(f"{where}：颜色须为 red/orange/yellow/green")
        errors += _conditions(where, _get(rule, "all"), MEASURES)
    return errors


def _outlook_errors(outlook: Any) -> list[str]:
    if not isinstance(outlook, dict) or not _known(outlook.get("otherwise"), OUTLOOK_NAMES):
        return ["进退留转规则须有默认去向（enter/leave/stay/move）"]
    rules = outlook.get("rules", [])
    if not isinstance(rules, list):
        return ["进退留转规则须为列表"]
    errors = []
    for number, rule in enumerate(rules, 1):
        where = f"进退留转规则“{_get(rule, 'label') or f'第{number}条'}”"
        if not _text(_get(rule, "label")):
            errors.append(f"{where}：名称不能为空")
        if not _known(_get(rule, "outlook"), OUTLOOK_NAMES):
            errors.append(f"{where}：去向须为 enter/leave/stay/move")
        errors += _conditions(where, _get(rule, "all"), CADRE_MEASURES)
    return errors


def _matrix_errors(matrix: Any) -> list[str]:
    if not isinstance(matrix, dict) or set(matrix) != set(COLOUR_NAMES):
        return ["责任矩阵须为红、橙、黄、绿每种颜色指定责任人"]
    errors = []
    for colour, lines in matrix.items():
        for line in lines if isinstance(lines, list) else [None]:
            if not _known(_get(line, "duty"), DUTIES) or not _known(
                _get(line, "position"), POSITIONS
            ):
                errors.append(f"责任矩阵{COLOUR_NAMES[colour]}色：职责或分工无效")
    return errors


def _other_errors(section: dict[str, Any]) -> list[str]:
    errors = []
    roles = _get(section.get("override"), "approver_roles")
    if not isinstance(roles, list) or not roles or any(r not in ROLES for r in roles):
        errors.append(f"颜色调整的审批角色须从 {'、'.join(ROLES)} 中选择")
    not_ready = section.get("not_ready_colours", [])
    if not isinstance(not_ready, list) or any(not _known(c, COLOUR_NAMES) for c in not_ready):
        errors.append("“不具备换届条件”的颜色须从 red/orange/yellow/green 中选择")
    days = section.get("problem_due_days", 30)
    if not isinstance(days, int) or isinstance(days, bool) or days < 1:
        errors.append("问题整改默认期限须为正整数（天）")
    return errors


def validate_risk_section(section: Any) -> list[str]:
    """Chinese messages for everything wrong with a `risk` section; empty when it is valid."""
    if not isinstance(section, dict):
        return ["选情研判规则须为对象（JSON object）"]
    limits = _limit_errors(section)
    if limits:
        return limits
    return (
        _factor_errors(section.get("factors"))
        + _colour_errors(section)
        + _hard_rule_errors(section.get("hard_rules"))
        + _outlook_errors(section.get("outlook"))
        + _matrix_errors(section.get("responsibility"))
        + _other_errors(section)
    )


# The section and its typed view ------------------------------------------------------------

OP_WORDS = {"<": "小于", "<=": "不超过", "=": "等于", "!=": "不等于", ">=": "不少于", ">": "大于"}
COLOUR_CHOICES = tuple((c, f"{n}色") for c, n in COLOUR_NAMES.items())


def _factor_fields(i: int, factor: Mapping[str, Any]) -> Iterator[Field]:
    name, at = factor.get("label", ""), f"factors.{i}"
    yield Field(f"{at}.weight", f"{name}：满分", unit="分", low=0, high=100)
    yield Field(f"{at}.if_missing", f"{name}：缺少数据时得分", unit="分", low=0, high=100)
    for j, band in enumerate(factor.get("bands", [])):
        label = f"{name}：{band.get('label', f'第{j + 1}档')}"
        yield Field(f"{at}.bands.{j}.points", f"{label} 得分", unit="分", low=0, high=100)
        for bound, word in (("min", "下限"), ("max", "上限")):
            if bound in band:
                yield Field(f"{at}.bands.{j}.{bound}", f"{label} {word}", "number",
                            low=-MAX_NUMBER, high=MAX_NUMBER)  # fmt: skip


def _condition_fields(at: str, name: str, rule: Mapping[str, Any], words: Any) -> Iterator[Field]:
    for k, condition in enumerate(rule.get("all", [])):
        if _number(condition.get("value")):
            what = f"{words.get(condition.get('measure'), '')}{OP_WORDS.get(condition['op'], '')}"
            yield Field(f"{at}.all.{k}.value", f"{name}：{what}", "number",
                        low=-MAX_NUMBER, high=MAX_NUMBER)  # fmt: skip


def _rule_fields(section: Mapping[str, Any]) -> Iterator[Field]:
    outlooks = tuple(OUTLOOK_NAMES.items())
    for i, rule in enumerate(section.get("hard_rules", [])):
        name, at = rule.get("label", ""), f"hard_rules.{i}"
        colour = Field(f"{at}.colour", f"{name}：颜色至少为", "choice", choices=COLOUR_CHOICES)
        yield from grouped(
            f"硬性规则：{name}", [colour, *_condition_fields(at, name, rule, MEASURES)]
        )
    for i, rule in enumerate(section.get("outlook", {}).get("rules", [])):
        name, at = rule.get("label", ""), f"outlook.rules.{i}"
        fate = Field(f"{at}.outlook", f"{name}：建议", "choice", choices=outlooks)
        conditions = _condition_fields(at, name, rule, CADRE_MEASURES)
        yield from grouped(f"进退留转建议：{name}", [fate, *conditions])
    otherwise = Field("outlook.otherwise", "其他情况的建议", "choice", choices=outlooks)
    yield from grouped("进退留转建议：其他情况", [otherwise])


def _colour_fields(section: Mapping[str, Any]) -> list[Field]:
    colours = [c.get("colour") for c in section.get("colours", [])]
    help = "总分达到此分即为该颜色（绿＞黄＞橙＞红，红色为0）"
    levels = tuple(LEVEL_NAMES.items())
    return grouped("颜色分档", [
        *(Field(f"colours.{j}.min", f"{COLOUR_NAMES.get(c, c)}色最低分", unit="分", low=0,
                high=100, help=help) for j, c in enumerate(colours)),
        *(Field(f"levels.{c}", f"{n}色村风险等级", "choice", choices=levels)
          for c, n in COLOUR_NAMES.items()),
    ])  # fmt: skip


def _other_fields() -> list[Field]:
    duty = (
        Field("duty", "职责", "choice", choices=tuple(DUTIES.items())),
        Field("position", "分工", "choice", choices=tuple(POSITIONS.items())),
    )
    roles = tuple((r, str(Role(r).label)) for r in ROLES)
    return [
        *grouped("责任分工", [Field(f"responsibility.{c}", f"{n}色村责任分工", "rows",
                                    columns=duty) for c, n in COLOUR_NAMES.items()]),
        *grouped("其他", [
            Field("override.approver_roles", "可直接调整颜色的角色", "choices", choices=roles),
            Field("not_ready_colours", "有未销号问题时不具备换届条件的颜色", "choices",
                  choices=COLOUR_CHOICES),
            Field("problem_due_days", "问题整改默认期限", unit="天", low=1, high=3650),
            source_field(),
        ]),
    ]  # fmt: skip


def _describe(rules: Mapping[str, Any]) -> list[Field]:
    section = SECTION.value_in(rules)
    factors = [
        f
        for i, one in enumerate(section.get("factors", []))
        for f in grouped(f"评分因素：{one.get('label', '')}", _factor_fields(i, one))
    ]
    return [*factors, *_colour_fields(section), *_rule_fields(section), *_other_fields()]


SECTION = Section("risk", "选情研判规则", defaults.RISK, validate_risk_section, describe=_describe)
SECTIONS = (SECTION, TRANSFER_SECTION)


@dataclass(frozen=True)
class RiskRules:
    """The `risk` section of one rule set, read once. `section` is the whole validated section:
    the vocabulary the engine compiles (houbei.risk.engine.scoring)."""

    section: Mapping[str, Any]
    levels: Mapping[str, str]
    responsibility: Mapping[str, Any]
    not_ready_colours: tuple[str, ...]
    problem_due_days: int
    override_roles: tuple[str, ...]
    source: str


def _parse(rules: Mapping[str, Any]) -> RiskRules:
    section = dict(SECTION.value_in(rules))
    return RiskRules(
        section=section,
        levels=dict(section["levels"]),
        responsibility=dict(section.get("responsibility", {})),
        not_ready_colours=tuple(section.get("not_ready_colours", ["red"])),
        problem_due_days=int(section.get("problem_due_days", 30)),
        override_roles=tuple(section.get("override", {}).get("approver_roles", [])),
        source=str(section.get("source", "")),
    )


def risk_rules(rules: RuleSet | Mapping[str, Any]) -> RiskRules:
    """The `risk` section of a rule set (a RuleSet is parsed once per instance)."""
    return parsed(rules, "risk", _parse)
