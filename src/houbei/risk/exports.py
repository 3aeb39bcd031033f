"""Excel exports with Chinese headers: the risk table with its reasons, and the problem list,
written row by row as the rows are read, through lib.exports (decision record 0026;
docs/performance.md §2: export speed is bound by xlsx writing). `write_risk_table` and
`write_problems` scope, write and audit, to a path or an open file."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from houbei.accounts.capabilities import Capability
from houbei.accounts.types import Actor
from houbei.jobs.exports import ExportKind
from houbei.lib import exports
from houbei.regions.models import Region
from houbei.risk.explain import colour_label, reasons
from houbei.risk.models import Assessment, Problem, ProblemNote, ProblemStatus
from houbei.risk.queries import is_not_ready
from houbei.risk.responsibility import in_charge, roster
from houbei.risk.rules import RiskRules, risk_rules
from houbei.risk.services.exports import record_export

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


def _sheet(name: str, headers: Sequence[str], widths: Sequence[float]) -> exports.Sheet[list[Any]]:
    columns: list[exports.Column[list[Any]]] = [
        exports.Column(header, operator.itemgetter(index), width)
        for index, (header, width) in enumerate(zip(headers, widths, strict=True))
    ]
    return exports.Sheet(name, columns, autofilter=True)


RISK_SHEET = _sheet(
    "选情研判", RISK_HEADERS, (10, 10, 12, 14, 6, 8, 8, 6, 11, 8, 40, 24, 10, 8, 14, 40)
)
PROBLEM_SHEET = _sheet(
    "问题清单", PROBLEM_HEADERS, (10, 10, 12, 12, 24, 30, 10, 11, 8, 8, 30, 24, 16)
)


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


def risk_rows(villages: QuerySet[Region], today: dt.date) -> Iterator[list[Any]]:
    """A row a village's latest assessment, read a chunk at a time: the towns' leaders first
    (two queries for any number of villages), then the assessments."""
    towns = villages.order_by().exclude(town=None).values_list("town_id", flat=True).distinct()
    people = roster(towns)
    parsed: dict[int, RiskRules] = {}  # a rule set's risk section, parsed once per export
    for a in exports.chunks(_latest(villages, today)):
        village = a.village
        risk = parsed.get(a.rule_set_id)
        if risk is None:
            risk = parsed[a.rule_set_id] = risk_rules(a.rule_set)
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


def _villages(actor: Actor) -> QuerySet[Region]:
    return Region.objects.visible_to(actor).villages().current()


def count_risk_table(actor: Actor) -> int:
    """The rows `write_risk_table` would write: the latest assessments of the villages."""
    villages = _villages(actor).order_by().values("pk")
    return Assessment.objects.filter(is_latest=True, village__in=villages).count()


def write_risk_table(target: exports.Target, *, actor: Actor, today: dt.date) -> int:
    """The latest assessment of every current village `actor` may see, written to `target`,
    then the export's audit entry; returns the rows."""
    villages = _villages(actor)
    count = exports.write_xlsx(target, RISK_SHEET, risk_rows(villages, today))
    record_export(actor=actor, kind="risk_table", rows=count)
    return count


def problem_rows(problems: QuerySet[Problem], today: dt.date) -> Iterator[list[Any]]:
    newest = ProblemNote.objects.filter(problem=OuterRef("pk")).order_by("-recorded_at", "-id")
    rows = problems.select_related("village", "village__district", "village__town").annotate(
        latest_note=Subquery(newest.values("note")[:1])
    )
    for p in exports.chunks(rows.order_by("village__town__name", "village__name", "due_on", "id")):
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


def write_problems(target: exports.Target, *, actor: Actor, today: dt.date) -> int:
    """Every problem `actor` may see, written to `target`, then the export's audit entry;
    returns the rows."""
    problems = Problem.objects.visible_to(actor)
    count = exports.write_xlsx(target, PROBLEM_SHEET, problem_rows(problems, today))
    record_export(actor=actor, kind="problem_list", rows=count)
    return count


ACTION = "risk.export.downloaded"


def export_kinds() -> list[ExportKind]:
    """The risk table and the problem list as background jobs' exports (decision 0031)."""
    return [
        ExportKind(
            name="risk_table",
            title="选情研判表",
            capability=Capability.VIEW_DASHBOARD,
            action=ACTION,
            count=lambda actor, filters, today: count_risk_table(actor),
            write=lambda target, actor, filters, today: write_risk_table(
                target, actor=actor, today=today
            ),
            filename=lambda filters, today: f"选情研判表-{today:%Y%m%d}.xlsx",
        ),
        ExportKind(
            name="problems",
            title="问题清单",
            capability=Capability.VIEW_DASHBOARD,
            action=ACTION,
            count=lambda actor, filters, today: Problem.objects.visible_to(actor).count(),
            write=lambda target, actor, filters, today: write_problems(
                target, actor=actor, today=today
            ),
            filename=lambda filters, today: f"问题清单-{today:%Y%m%d}.xlsx",
        ),
    ]
