"""Excel exports with Chinese headers: the risk table with its reasons, and the problem list.
XlsxWriter in constant-memory mode (docs/performance.md §2: export speed is bound by xlsx
writing)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from houbei.lib.workbooks import new_workbook, write_row
from houbei.regions.models import Region
from houbei.risk.explain import colour_label, reasons
from houbei.risk.models import Assessment, Problem, ProblemNote, ProblemStatus
from houbei.risk.queries import is_not_ready
from houbei.risk.responsibility import in_charge, roster
from houbei.risk.rules import risk_rules

RISK_HEADERS = (
    "乡镇",
    "管理区",
    "村",
    "区划代码",
    "颜色",
    "计算颜色",
    "风险等级",
    "得分",
    "研判周",
    "规则版本",
    "研判理由",
    "人工调整理由",
    "未销号问题",
    "逾期问题",
    "换届条件",
    "责任人",
)
PROBLEM_HEADERS = (
    "乡镇",
    "管理区",
    "村",
    "问题类型",
    "问题",
    "具体情况",
    "责任人",
    "整改时限",
    "状态",
    "是否逾期",
    "最新进展",
    "销号说明",
    "销号时间",
)


def _workbook(headers: Iterable[str], rows: Iterable[list[Any]], sheet: str) -> bytes:
    buffer = io.BytesIO()
    book = new_workbook(buffer, in_memory=True)
    page = book.add_worksheet(sheet)
    bold = book.add_format({"bold": True})
    write_row(page, 0, headers, bold)
    number = 0
    for number, row in enumerate(rows, 1):
        write_row(page, number, row)
    page.autofilter(0, 0, max(number, 1), len(list(headers)) - 1)
    book.close()
    return buffer.getvalue()


def _latest(villages: QuerySet[Region], today: dt.date) -> QuerySet[Assessment]:
    open_q = Q(village__problems__status=ProblemStatus.OPEN)
    return (
        Assessment.objects.filter(is_latest=True, village__in=villages.order_by().values("pk"))
        .select_related("village", "village__district", "village__town", "rule_set", "override")
        .annotate(
            open_problems=Count("village__problems", filter=open_q, distinct=True),
            overdue=Count(
                "village__problems",
                filter=open_q & Q(village__problems__due_on__lt=today),
                distinct=True,
            ),
        )
        .order_by("village__town__name", "village__district__name", "village__name")
    )


OPEN, OVERDUE = "open_problems", "overdue"  # annotations of _latest


def risk_rows(villages: QuerySet[Region], today: dt.date) -> Iterable[list[Any]]:
    latest = list(_latest(villages, today))
    people = roster({a.village.town_id for a in latest if a.village.town_id})
    for a in latest:
        village, risk = a.village, risk_rules(a.rule_set)
        leaders = in_charge(village, a.colour, risk.responsibility, people)
        not_ready = is_not_ready(a.colour, getattr(a, OPEN), list(risk.not_ready_colours))
        yield [
            str(village.town or ""),
            str(village.district or ""),
            village.name,
            village.code or "",
            colour_label(a.colour),
            colour_label(a.computed_colour),
            a.get_level_display(),
            a.score,
            a.week.isoformat(),
            a.rule_set.version,
            "；".join(reasons(a)),
            a.override.reason if a.override else "",
            getattr(a, OPEN),
            getattr(a, OVERDUE),
            "不具备换届条件" if not_ready else "",
            "；".join(f"{r.position}：{r.name or '（未指定）'}（{r.duty}）" for r in leaders),
        ]


def risk_table(villages: QuerySet[Region], today: dt.date) -> tuple[bytes, int]:
    rows = list(risk_rows(villages, today))
    return _workbook(RISK_HEADERS, rows, "选情研判"), len(rows)


def problem_rows(problems: QuerySet[Problem], today: dt.date) -> Iterable[list[Any]]:
    newest = ProblemNote.objects.filter(problem=OuterRef("pk")).order_by("-recorded_at", "-id")
    rows = problems.select_related("village", "village__district", "village__town").annotate(
        latest_note=Subquery(newest.values("note")[:1])
    )
    for p in rows.order_by("village__town__name", "village__name", "due_on", "id"):
        yield [
            str(p.village.town or ""),
            str(p.village.district or ""),
            p.village.name,
            p.get_kind_display(),
            p.title,
            p.description,
            p.owner_name,
            p.due_on.isoformat(),
            p.get_status_display(),
            "逾期" if p.is_open and p.due_on < today else "",
            p.latest_note or "",
            p.closing_note,
            p.closed_at.strftime("%Y-%m-%d %H:%M") if p.closed_at else "",
        ]


def problem_table(problems: QuerySet[Problem], today: dt.date) -> tuple[bytes, int]:
    rows = list(problem_rows(problems, today))
    return _workbook(PROBLEM_HEADERS, rows, "问题清单"), len(rows)
