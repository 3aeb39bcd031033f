"""Excel workbooks: evaluation scores, poll results and the targets table, written row by row
through lib.exports (decision record 0026). Text is written as text (never read as a formula);
every export is audited."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit import people_ids, record
from houbei.cultivation.exports import sheet
from houbei.lib import exports
from houbei.outcomes.models import Evaluation, Poll, PollStatus, PollWay
from houbei.outcomes.rules import COMPONENTS, SCALES
from houbei.outcomes.targets import COLUMNS, Measured
from houbei.regions.models import Region
from houbei.rounds.models import ElectionRound

EVALUATION_HEADERS = [
    "序号", "村", "姓名", "培养方向", "评分日期", *COMPONENTS.values(), "综合得分", "及格线",
    "是否合格", "规则版本", "计分公式",
]  # fmt: skip
POLL_HEADERS = [
    "序号", "村", "姓名", "测评日期", "参加范围", "方式", "应到", "发出", "收回", "有效", "无效",
    "第一等次", "第二等次", "第三等次", "结果", "说明", "录入人", "复核人", "规则版本",
]  # fmt: skip
TARGET_HEADERS = ["区域", "村数", "指标", "换届前", "预计", "换届后", "目标", "拉低指标的村"]


def _audited(actor: Actor, action: str, changes: dict[str, Any], region: Region | None) -> None:
    with transaction.atomic():  # the file is written outside a transaction, the entry after
        record(actor, action, None, changes, region=region)


def _evaluation_row(n: int, e: Evaluation, held: list[int]) -> list[Any]:
    c = e.candidate
    held.append(c.person_id)
    parts = [float(e.components.get(key, 0)) for key in COMPONENTS]
    return [
        n, c.village.name, c.person.name, c.get_target_post_display(), f"{e.evaluated_on:%Y-%m-%d}",
        *parts, float(e.total), e.pass_line, "合格" if e.passed else "不合格",
        f"第{e.rule_set.version}版", e.formula,
    ]  # fmt: skip


def _evaluations(actor: Actor, election_round: ElectionRound) -> Iterator[Evaluation]:
    found = (
        Evaluation.objects.visible_to(actor)
        .valid()
        .filter(candidate__election_round=election_round)
        .select_related("candidate__person", "candidate__village", "rule_set")
        .order_by("candidate__village__code", "candidate__target_post", "-total", "id")
    )
    return exports.chunks(found)


def write_evaluations(
    target: exports.Target, *, actor: Actor, election_round: ElectionRound
) -> int:
    """The round's evaluations `actor` may see, written to `target`, then the export's audit
    entry; returns the rows."""
    held: list[int] = []
    found = _evaluations(actor, election_round)
    rows = (_evaluation_row(n, e, held) for n, e in enumerate(found, start=1))
    count = exports.write_xlsx(target, sheet("综合评分表", EVALUATION_HEADERS, "综合评分表"), rows)
    changes = {"rows": count, "people": people_ids(held)}  # whose records: ids only
    region = getattr(actor, "region", None)
    _audited(actor, "outcomes.evaluations.exported", changes, region)
    return count


def _verdict(p: Poll) -> str:
    if p.status != PollStatus.CLOSED:
        return p.get_status_display()
    return "无效" if p.void else "通过" if p.passed else "未通过"


def _poll_row(n: int, p: Poll, held: list[int]) -> list[Any]:
    c = p.candidate
    held.append(c.person_id)
    hidden = p.way == PollWay.ELECTRONIC and (p.status != PollStatus.CLOSED or p.void)
    counts = ["", "", ""] if hidden else [*(p.counts or []), "", "", ""][:3]
    labels = SCALES[p.scale]
    counts = [f"{labels[i]} {v}" if v != "" else "" for i, v in enumerate(counts)]
    return [
        n, c.village.name, c.person.name, f"{p.held_on:%Y-%m-%d}", p.get_electorate_display(),
        p.get_way_display(), p.eligible, p.issued or "", "" if hidden else (p.returned or ""),
        "" if hidden else (p.valid or ""), "" if hidden else (p.invalid or ""), *counts,
        _verdict(p), p.explanation, p.entered_by.full_name if p.entered_by else "",
        p.confirmed_by.full_name if p.confirmed_by else "", f"第{p.rule_set.version}版",
    ]  # fmt: skip


def _polls(actor: Actor, election_round: ElectionRound) -> Iterator[Poll]:
    found = (
        Poll.objects.visible_to(actor)
        .valid()
        .filter(candidate__election_round=election_round)
        .select_related(
            "candidate__person", "candidate__village", "rule_set", "entered_by", "confirmed_by"
        )
        .order_by("candidate__village__code", "held_on", "id")
    )
    return exports.chunks(found)


def write_polls(target: exports.Target, *, actor: Actor, election_round: ElectionRound) -> int:
    """The round's polls `actor` may see, written to `target`, then the export's audit entry;
    returns the rows."""
    held: list[int] = []
    rows = (_poll_row(n, p, held) for n, p in enumerate(_polls(actor, election_round), start=1))
    count = exports.write_xlsx(
        target, sheet("民意测评结果表", POLL_HEADERS, "民意测评结果表"), rows
    )
    changes = {"rows": count, "people": people_ids(held)}  # whose records: ids only
    _audited(actor, "outcomes.polls.exported", changes, getattr(actor, "region", None))
    return count


def shown(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}" if unit == "岁" else f"{value * 100:.1f}%"


def _target_rows(regions: Sequence[Measured]) -> Iterable[list[Any]]:
    for measured in regions:
        for f in measured.figures:
            values = [shown(f.values[c], f.unit) for c in COLUMNS]
            yield [
                measured.name,
                measured.villages,
                f.label,
                *values,
                f.target_text,
                "、".join(f.laggards),
            ]


def write_targets(target: exports.Target, *, actor: Actor, regions: Sequence[Measured]) -> int:
    """The targets table of the regions measured for `actor` (a few rows a region), written
    to `target`, then the export's audit entry; returns the rows."""
    book = sheet("换届目标完成情况", TARGET_HEADERS, "换届目标完成情况")
    count = exports.write_xlsx(target, book, _target_rows(regions))
    _audited(actor, "outcomes.targets.exported", {"rows": count}, getattr(actor, "region", None))
    return count
