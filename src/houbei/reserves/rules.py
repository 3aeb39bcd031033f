"""The reserve sections of a round's rules: their specs, the typed view services receive
(`reserve_rules`), the recommendation arithmetic and the validators that guard edits.

Defaults live in reserves/defaults.py; a county edits them per round (the rules editor,
houbei.rulebook).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from houbei.lib import codes
from houbei.reserves import defaults
from houbei.reserves.choices import (
    ApprovalKind,
    DisqualifierClass,
    FactKind,
    MeetingType,
    Readiness,
    TargetPost,
)
from houbei.rounds.sections import (
    Field,
    Section,
    need_dict,
    need_education,
    need_int,
    need_share,
    need_source,
    need_text,
    parsed,
    source_field,
)

if TYPE_CHECKING:
    from houbei.rounds.models import RuleSet


POSTS = [str(p) for p in TargetPost]
BASES = {"eligible": "应到人数", "attended": "实到人数", "cast": "有效票数（赞成+反对+弃权）"}


@dataclass(frozen=True)
class DisqualifierItem:
    code: str
    list_name: str
    klass: str
    waiting_years: int | None
    department: str
    facts: tuple[str, ...]
    text: str
    source: str

    @property
    def must_not(self) -> bool:
        return self.klass == DisqualifierClass.MUST_NOT


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    checks: str


@dataclass(frozen=True)
class ReserveRules:
    """The reserve sections of one rule set, read once."""

    criteria: Mapping[str, Any]
    disqualifiers: tuple[DisqualifierItem, ...]  # the items of the round's active lists
    departments: tuple[Department, ...]
    recommendation: Mapping[str, Any]
    pool: Mapping[str, Any]
    approvals: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def needs_approval(self, kind: str) -> bool:
        """Whether staff's action of this kind waits for a leader (docs/domain.md §6.13)."""
        return bool(self.approvals.get(kind, True))


def _item(item: Mapping[str, Any]) -> DisqualifierItem:
    return DisqualifierItem(
        code=item["code"],
        list_name=item["list"],
        klass=item["class"],
        waiting_years=item.get("waiting_years"),
        department=item["department"],
        facts=tuple(item["facts"]),
        text=item["text"],
        source=item["source"],
    )


def _parse(rules: Mapping[str, Any]) -> ReserveRules:
    listed = _SECTION["disqualifiers"].value_in(rules)
    active = listed.get("active_lists")
    departments = _SECTION["review_departments"].value_in(rules)["departments"]
    return ReserveRules(
        criteria=dict(_SECTION["criteria"].value_in(rules)),
        disqualifiers=tuple(
            _item(item) for item in listed["items"] if active is None or item["list"] in active
        ),
        departments=tuple(
            Department(code=d["code"], name=d["name"], checks=d.get("checks", ""))
            for d in departments
        ),
        recommendation=dict(_SECTION["recommendation"].value_in(rules)),
        pool=dict(_SECTION["pool"].value_in(rules)),
        approvals=dict(_SECTION["approvals"].value_in(rules)),
    )


def reserve_rules(rules: RuleSet | Mapping[str, Any]) -> ReserveRules:
    """The reserve sections of a rule set (a RuleSet is parsed once per instance)."""
    return parsed(rules, "reserves", _parse)


def disqualifier_items(rules: RuleSet | Mapping[str, Any]) -> list[DisqualifierItem]:
    """The items of the round's active lists (all lists when `active_lists` is absent)."""
    return list(reserve_rules(rules).disqualifiers)


def departments(rules: RuleSet | Mapping[str, Any]) -> list[Department]:
    return list(reserve_rules(rules).departments)


# Recommendation arithmetic -------------------------------------------------------------------


def _share_text(share: Fraction) -> str:
    known = {Fraction(1, 2): "半数", Fraction(2, 3): "三分之二", Fraction(4, 5): "五分之四"}
    return known.get(share.limit_denominator(100), f"{float(share):.0%}")


def _quorum(rule: Mapping[str, Any], meeting_type: str) -> Fraction:
    quorum = rule.get("quorum", 0)
    value = quorum.get(meeting_type, 0) if isinstance(quorum, dict) else quorum
    return Fraction(str(value))


def vote_result(
    rule: Mapping[str, Any],
    *,
    meeting_type: str,
    eligible: int,
    attended: int,
    votes_for: int,
    votes_against: int,
    abstentions: int,
) -> tuple[bool, str]:
    """Whether a recommendation vote passed under the round's rule, and why, in Chinese."""
    quorum = _quorum(rule, meeting_type)
    if quorum and Fraction(attended) <= quorum * eligible:
        return (
            False,
            f"到会 {attended} 人，未超过应到 {eligible} 人的{_share_text(quorum)}，会议无效",
        )
    base_key = rule.get("base", "eligible")
    base = {"eligible": eligible, "attended": attended}.get(
        base_key, votes_for + votes_against + abstentions
    )
    threshold = Fraction(str(rule.get("threshold", 0.5)))
    strict = bool(rule.get("strict", True))
    needed = threshold * base
    passed = votes_for > needed if strict else votes_for >= needed
    word = "超过" if strict else "达到"
    verdict = "通过" if passed else "未通过"
    return passed, (
        f"赞成 {votes_for} 票，{'' if passed else '未'}{word}{BASES.get(base_key, base_key)} "
        f"{base} 的{_share_text(threshold)}，{verdict}"
    )


# Validators ----------------------------------------------------------------------------------


def validate_criteria(value: Any) -> list[str]:
    errors = need_dict(value, ("text", "min_age", "age_caps", "education_min", "source"))
    if errors:
        return errors
    errors += need_text(value["text"], "text（储备条件）")
    errors += need_int(value["min_age"], "min_age（最低年龄）", 16, 30)
    errors += need_dict(value["age_caps"], POSTS, "age_caps（年龄上限）")
    errors += need_dict(value["education_min"], POSTS, "education_min（最低学历）")
    if errors:
        return errors
    for post in POSTS:
        errors += need_int(value["age_caps"][post], f"age_caps.{post}", 18, 80)
        errors += need_education(value["education_min"][post], f"education_min.{post}")
    return errors + need_source(value)


_ITEM_KEYS = ("code", "list", "class", "waiting_years", "department", "facts", "text", "source")


def _validate_item(index: int, item: Any) -> list[str]:
    where = f"第 {index} 条"
    errors = need_dict(item, _ITEM_KEYS, where)
    if errors:
        return errors
    for key in ("code", "list", "department", "text", "source"):
        errors += [f"{where}：{e}" for e in need_text(item[key], key)]
    if item["class"] not in DisqualifierClass.values:
        errors.append(f"{where}：class（类别）应为“不能”或“不宜”，实际为 {item['class']!r}")
    if item["waiting_years"] is not None:
        errors += [f"{where}：{e}" for e in need_int(item["waiting_years"], "waiting_years", 1, 50)]
    facts = item["facts"]
    if not isinstance(facts, list) or not facts:
        errors.append(f"{where}：facts（对应情形）应为非空列表")
    else:
        unknown = [f for f in facts if f not in FactKind.values]
        if unknown:
            errors.append(f"{where}：未知的情形代码 {', '.join(map(str, unknown))}")
    return errors


def _validate_active_lists(active: Any, items: list[Any]) -> list[str]:
    if active is None:
        return []
    if not isinstance(active, list) or not active:
        return ["active_lists（启用的清单）应为非空列表，列出清单名称"]
    names = {item.get("list") for item in items if isinstance(item, dict)}
    unknown = [str(name) for name in active if name not in names]
    return [f"active_lists 中的清单“{name}”没有任何条目" for name in unknown]


def validate_disqualifiers(value: Any) -> list[str]:
    errors = need_dict(value, ("items", "source"))
    if errors:
        return errors
    items = value["items"]
    if not isinstance(items, list) or not items:
        return ["items（条目）应为非空列表"]
    for index, item in enumerate(items, start=1):
        errors += _validate_item(index, item)
    errors += _validate_active_lists(value.get("active_lists"), items)
    codes = [item.get("code") for item in items if isinstance(item, dict)]
    duplicates = sorted({str(c) for c in codes if codes.count(c) > 1})
    if duplicates:
        errors.append(f"条目代码重复：{', '.join(duplicates)}")
    return errors + need_source(value)


def validate_review_departments(value: Any) -> list[str]:
    errors = need_dict(value, ("departments", "source"))
    if errors:
        return errors
    listed = value["departments"]
    if not isinstance(listed, list) or not listed:
        return ["departments（联审部门）应为非空列表"]
    for index, department in enumerate(listed, start=1):
        where = f"第 {index} 个部门"
        problems = need_dict(department, ("code", "name"), where)
        if not problems:
            problems += need_text(department["code"], "code") + need_text(
                department["name"], "name"
            )
            if not problems and (len(department["code"]) > 30 or len(department["name"]) > 50):
                problems.append("code 不超过30字符，name 不超过50字")
        errors += [p if p.startswith(where) else f"{where}：{p}" for p in problems]
    codes = [d.get("code") for d in listed if isinstance(d, dict)]
    if len(set(codes)) != len(codes):
        errors.append("部门代码（code）有重复")
    return errors + need_source(value)


def validate_recommendation(value: Any) -> list[str]:
    errors = need_dict(value, ("base", "threshold", "strict", "quorum", "source"))
    if errors:
        return errors
    if value["base"] not in BASES:
        errors.append(
            f"base（计算基数）应为 {' / '.join(BASES)} 之一（{'、'.join(BASES.values())}）"
        )
    errors += need_share(value["threshold"], "threshold（赞成票比例）")
    if not isinstance(value["strict"], bool):
        errors.append("strict 应为 true（须超过）或 false（达到即可）")
    quorum = value["quorum"]
    if isinstance(quorum, dict):
        for key, share in quorum.items():
            if key not in MeetingType.values:
                errors.append(
                    f"quorum 中的会议类型“{key}”未知，可用：{', '.join(MeetingType.values)}"
                )
            errors += need_share(share, f"quorum.{key}")
    else:
        errors += need_share(quorum, "quorum（到会比例）")
    return errors + need_source(value)


def validate_pool(value: Any) -> list[str]:
    keys = ("readiness_levels", "secretary_reserves_per_village", "reserves_per_village", "source")
    errors = need_dict(value, keys)
    if errors:
        return errors
    errors += need_dict(value["readiness_levels"], Readiness.values, "readiness_levels（成熟度）")
    errors += need_int(
        value["secretary_reserves_per_village"], "secretary_reserves_per_village", 0, 20
    )
    errors += need_int(value["reserves_per_village"], "reserves_per_village", 0, 50)
    if not errors and value["reserves_per_village"] < value["secretary_reserves_per_village"]:
        errors.append("每村后备总数目标不应少于书记后备目标")
    return errors + need_source(value)


def validate_approvals(value: Any) -> list[str]:
    keys = (*ApprovalKind.values, "source")
    errors = need_dict(value, keys)
    if errors:
        return errors
    errors += [
        f"“{ApprovalKind(kind).label}”须选择是否经乡镇领导审批"
        for kind in ApprovalKind.values
        if not isinstance(value[kind], bool)
    ]
    return errors + need_source(value)


def check_departments_named(rules: Mapping[str, Any]) -> list[str]:
    """Every disqualifier item names a reviewing department of the round."""
    known = {d.code for d in departments(rules)} | {d.name for d in departments(rules)}
    return [
        f"负面清单 {item.code} 的核查部门“{item.department}”不在资格联审部门中"
        for item in disqualifier_items(rules)
        if item.department not in known
    ]


# The forms (rounds.sections.Field) ------------------------------------------------------------

EDUCATION_CHOICES = tuple(codes.EDUCATION.choices)
CLASS_CHOICES = tuple((str(c), str(c.label)) for c in DisqualifierClass)
FACT_CHOICES = tuple((str(f), str(f.label)) for f in FactKind)
STRICT_CHOICES = ((True, "须超过该比例"), (False, "达到该比例即可"))


def _criteria(rules: Mapping[str, Any]) -> list[Field]:
    posts = [(str(p), str(p.label)) for p in TargetPost]
    return [
        Field("text", "储备条件", "longtext", help="公布的后备力量储备条件"),
        Field("min_age", "最低年龄", unit="岁", low=16, high=30),
        *(Field(f"age_caps.{p}", f"{label}后备年龄上限", unit="岁", low=18, high=80,
                help="按换届截止日期计算") for p, label in posts),
        *(Field(f"education_min.{p}", f"{label}后备最低学历", "choice",
                choices=EDUCATION_CHOICES) for p, label in posts),
        source_field(),
    ]  # fmt: skip


def _list_choices(rules: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    items = _SECTION["disqualifiers"].value_in(rules).get("items", [])
    names = dict.fromkeys(str(i.get("list")) for i in items if isinstance(i, dict))
    return tuple((name, name) for name in names)


def _department_choices(rules: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    listed = _SECTION["review_departments"].value_in(rules).get("departments", [])
    return tuple((str(d["code"]), str(d["name"])) for d in listed if isinstance(d, dict))


def _disqualifiers(rules: Mapping[str, Any]) -> list[Field]:
    lists = _list_choices(rules)
    item = (
        Field("text", "情形", "longtext"),
        Field("list", "所属清单", "choice", choices=lists),
        Field("class", "类别", "choice", choices=CLASS_CHOICES),
        Field("waiting_years", "等待期", unit="年", low=1, high=50, optional=True,
              help="不填表示无等待期"),
        Field("department", "核查部门", "choice", choices=_department_choices(rules)),
        Field("facts", "对应情形", "choices", choices=FACT_CHOICES),
        Field("source", "出处", "text"),
    )  # fmt: skip
    return [
        Field("active_lists", "本届启用的清单", "choices", choices=lists,
              help="未启用清单的条目保留备查，不用于审查"),
        Field("items", "条目", "rows", columns=item, key="code",
              new_key=lambda n: f"county-{n}"),
        source_field(),
    ]  # fmt: skip


def _review_departments(rules: Mapping[str, Any]) -> list[Field]:
    department = (
        Field("name", "部门名称", "text", help="不超过50字"),
        Field("checks", "核查内容", "text"),
    )
    return [
        Field("departments", "联审部门", "rows", columns=department, key="code",
              new_key=lambda n: f"department-{n}",
              help="送审时为每个部门生成一条待审意见"),
        source_field(),
    ]  # fmt: skip


def _recommendation(rules: Mapping[str, Any]) -> list[Field]:
    return [
        Field("base", "计算基数", "choice", choices=tuple(BASES.items()),
              help="赞成票比例以哪个人数为基数"),
        Field("threshold", "赞成票比例", "share"),
        Field("strict", "比较方式", "flag", choices=STRICT_CHOICES),
        *(Field(f"quorum.{m}", f"{m.label}到会比例", "share", help="到会人数须超过的比例")
          for m in MeetingType),
        source_field(),
    ]  # fmt: skip


def _pool(rules: Mapping[str, Any]) -> list[Field]:
    return [
        *(Field(f"readiness_levels.{r}", f"“{r.label}”的说明", "text") for r in Readiness),
        Field("secretary_reserves_per_village", "每村书记后备目标", unit="人", low=0, high=20),
        Field("reserves_per_village", "每村后备总数目标", unit="人", low=0, high=50),
        source_field(),
    ]


APPROVAL_CHOICES = ((True, "须经乡镇领导审批"), (False, "工作人员确认即生效"))


def _approvals(rules: Mapping[str, Any]) -> list[Field]:
    return [
        *(
            Field(kind, f"{ApprovalKind(kind).label}", "flag", choices=APPROVAL_CHOICES)
            for kind in ApprovalKind.values
        ),
        source_field(),
    ]


# The sections -------------------------------------------------------------------------------

SECTIONS = (
    Section("criteria", "储备条件", defaults.CRITERIA, validate_criteria, describe=_criteria),
    Section(
        "disqualifiers",
        "负面清单",
        defaults.DISQUALIFIERS,
        validate_disqualifiers,
        describe=_disqualifiers,
    ),
    Section(
        "review_departments",
        "资格联审部门",
        defaults.REVIEW_DEPARTMENTS,
        validate_review_departments,
        describe=_review_departments,
    ),
    Section(
        "recommendation",
        "民主推荐通过规则",
        defaults.RECOMMENDATION,
        validate_recommendation,
        describe=_recommendation,
    ),
    Section("pool", "储备库与目标", defaults.POOL, validate_pool, describe=_pool),
    Section(
        "approvals",
        "须经领导审批的事项",
        defaults.APPROVALS,
        validate_approvals,
        help="乡镇党建办工作人员的这些操作先形成审批申请，经乡镇领导批准后才生效。",
        describe=_approvals,
    ),
)
_SECTION = {section.name: section for section in SECTIONS}
# Checks across sections, run once every section is valid.
CHECKS = (check_departments_named,)
