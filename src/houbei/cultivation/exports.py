"""Excel workbooks: a class's attendance sheet and the plan's trainee roster with hours and
scores, written through lib.exports (decision record 0026). Text is written as text (never read
as a formula); every export is audited."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit import people_ids, record
from houbei.cultivation.board import build_board
from houbei.cultivation.models import Attendance, CultivationPlan, Trainee, TrainingSession
from houbei.lib import exports

ROSTER_HEADERS = [
    "序号", "村", "姓名", "阶段", "已修学时", "请假缺课学时", "出勤率", "超过请假上限",
    "测试成绩", "是否及格", "实岗锻炼村", "岗位",
]  # fmt: skip
SHEET_HEADERS = ["序号", "村", "姓名", "出勤情况", "请假事由", "签到方式", "签名"]


def sheet(name: str, headers: Sequence[str], title: str) -> exports.Sheet[list[Any]]:
    """A sheet of positional rows under a title line, every column 12 characters wide."""
    columns: list[exports.Column[list[Any]]] = [
        exports.Column(h, operator.itemgetter(i)) for i, h in enumerate(headers)
    ]
    header = {"bold": True, "align": "center", "border": 1}
    return exports.Sheet(name, columns, title=title, header_format=header)


def _roster_row(n: int, row: Any) -> list[Any]:
    trainee, ledger, best, placement = row.trainee, row.ledger, row.best_exam, row.placement
    return [
        n, trainee.village.name, trainee.person.name, row.stage, float(ledger.attended),
        float(ledger.missed), ledger.rate_text, "是" if ledger.over_limit else "",
        float(best.score) if best else "", ("及格" if best.passed else "不及格") if best else "",
        placement.village.name if placement else "",
        placement.get_role_display() if placement else "",
    ]  # fmt: skip


def _sheet_rows(trainees: list[Trainee], marks: dict[int, Attendance]) -> Iterable[list[Any]]:
    for n, trainee in enumerate(trainees, start=1):
        mark = marks.get(trainee.pk)
        yield [
            n,
            trainee.village.name,
            trainee.person.name,
            mark.get_status_display() if mark else "",
            mark.leave_reason if mark else "",
            mark.get_way_display() if mark else "",
            "",
        ]


def write_plan_roster(
    target: exports.Target, *, actor: Actor, plan: CultivationPlan, today: dt.date | None = None
) -> int:
    """The plan's trainees `actor` may see, with hours and scores, written to `target`, then the
    export's audit entry; returns the rows. (A plan's trainees are a few dozen: the board that
    computes their hours is built in memory, as the plan's page builds it.)"""
    board = build_board(plan, actor, today)
    title = f"{board.plan.title} 学员花名册（{board.today:%Y-%m-%d}）"
    rows = (_roster_row(n, row) for n, row in enumerate(board.rows, start=1))
    count = exports.write_xlsx(target, sheet("学员花名册", ROSTER_HEADERS, title), rows)
    held = people_ids(row.trainee.person_id for row in board.rows)  # whose records: ids only
    with transaction.atomic():
        record(actor, "cultivation.roster.exported", board.plan, {"rows": count, "people": held})
    return count


def write_attendance_sheet(
    target: exports.Target,
    *,
    actor: Actor,
    session: TrainingSession,
    trainees: list[Trainee],
    marks: dict[int, Attendance],
) -> int:
    """A class's attendance sheet (the trainees `actor` may see, already chosen by the caller,
    and their marks), written to `target`, then the export's audit entry; returns the rows."""
    title = f"签到表 {session.held_on:%Y-%m-%d} {session.starts_at:%H:%M} {session.topic}"
    book = sheet("签到表", SHEET_HEADERS, title)
    count = exports.write_xlsx(target, book, _sheet_rows(trainees, marks))
    held = people_ids(trainee.person_id for trainee in trainees)  # whose records: ids only
    with transaction.atomic():
        record(actor, "cultivation.sheet.exported", session, {"rows": count, "people": held})
    return count
