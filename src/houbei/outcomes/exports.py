"""Excel workbooks: evaluation scores, poll results and the targets table. Text is written as
text (never read as a formula); every export is audited."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from typing import IO, Any

from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit import people_ids, record
from houbei.cultivation.exports import _write
from houbei.outcomes.models import Evaluation, Poll, PollStatus, PollWay
from houbei.outcomes.rules import COMPONENTS, SCALES
from houbei.outcomes.targets import COLUMNS, Measured
from houbei.regions.models import Region

EVALUATION_HEADERS = [
    "序号", "村", "姓名", "培养方向", "评分日期", *COMPONENTS.values(), "综合得分", "及格线",
    "是否合格", "规则版本", "计分公式",
]  # fmt: skip
POLL_HEADERS = [
    "序号", "村", "姓名", "测评日期", "参加范围", "方式", "应到", "发出", "收回", "有效", "无效",
    "第一等次", "第二等次", "第三等次", "结果", "说明", "录入人", "复核人", "规则版本",
]  # fmt: skip
TARGET_HEADERS = ["区域", "村数", "指标", "换届前", "预计", "换届后", "目标", "拉低指标的村"]


def _file(title: str, headers: Sequence[str], rows: Iterable[list[Any]]) -> tuple[IO[bytes], int]:
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - returned to the caller
    count = _write(handle.name, title, headers, rows)
    handle.seek(0)
    return handle, count


def _evaluation_row(n: int, e: Evaluation, held: list[int]) -> list[Any]:
    c = e.candidate
    held.append(c.person_id)
    parts = [float(e.components.get(key, 0)) for key in COMPONENTS]
    return [
        n, c.village.name, c.person.name, c.get_target_post_display(), f"{e.evaluated_on:%Y-%m-%d}",
        *parts, float(e.total), e.pass_line, "合格" if e.passed else "不合格",
        f"第{e.rule_set.version}版", e.formula,
    ]  # fmt: skip


@transaction.atomic
def export_evaluations(
    evaluations: Iterable[Evaluation], *, region: Region | None, actor: Actor
) -> IO[bytes]:
    held: list[int] = []
    rows = (_evaluation_row(n, e, held) for n, e in enumerate(evaluations, start=1))
    handle, count = _file("综合评分表", EVALUATION_HEADERS, rows)
    changes = {"rows": count, "people": people_ids(held)}  # whose records: ids only
    record(actor, "outcomes.evaluations.exported", None, changes, region=region)
    return handle


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


@transaction.atomic
def export_polls(polls: Iterable[Poll], *, region: Region | None, actor: Actor) -> IO[bytes]:
    held: list[int] = []
    rows = (_poll_row(n, p, held) for n, p in enumerate(polls, start=1))
    handle, count = _file("民意测评结果表", POLL_HEADERS, rows)
    changes = {"rows": count, "people": people_ids(held)}  # whose records: ids only
    record(actor, "outcomes.polls.exported", None, changes, region=region)
    return handle


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


@transaction.atomic
def export_targets(
    regions: Sequence[Measured], *, region: Region | None, actor: Actor
) -> IO[bytes]:
    handle, count = _file("换届目标完成情况", TARGET_HEADERS, _target_rows(regions))
    record(actor, "outcomes.targets.exported", None, {"rows": count}, region=region)
    return handle
