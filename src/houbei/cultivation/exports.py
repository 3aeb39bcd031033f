"""Excel workbooks: a class's attendance sheet and the plan's trainee roster with hours and
scores. Text is written as text (never read as a formula); every export is audited."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from typing import IO, Any

import xlsxwriter
from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit import people_ids, record
from houbei.cultivation.board import Board
from houbei.cultivation.models import Attendance, Trainee, TrainingSession

ROSTER_HEADERS = [
    "序号", "村", "姓名", "阶段", "已修学时", "请假缺课学时", "出勤率", "超过请假上限",
    "测试成绩", "是否及格", "实岗锻炼村", "岗位",
]  # fmt: skip
SHEET_HEADERS = ["序号", "村", "姓名", "出勤情况", "请假事由", "签到方式", "签名"]


def _write(target: str, title: str, headers: Sequence[str], rows: Iterable[list[Any]]) -> int:
    book = xlsxwriter.Workbook(
        target, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = book.add_worksheet("Sheet1")
    bold = book.add_format({"bold": True, "align": "center", "border": 1})
    sheet.write_string(0, 0, title, book.add_format({"bold": True, "font_size": 14}))
    for column, header in enumerate(headers):
        sheet.set_column(column, column, 12)
        sheet.write_string(1, column, header, bold)
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, int | float):
                sheet.write_number(count + 1, column, value)
            else:
                sheet.write_string(count + 1, column, str(value))
    book.close()
    return count


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


@transaction.atomic
def export_roster(board: Board, *, actor: Actor) -> IO[bytes]:
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - returned to the caller
    title = f"{board.plan.title} 学员花名册（{board.today:%Y-%m-%d}）"
    rows = (_roster_row(n, row) for n, row in enumerate(board.rows, start=1))
    count = _write(handle.name, title, ROSTER_HEADERS, rows)
    held = people_ids(row.trainee.person_id for row in board.rows)  # whose records: ids only
    record(actor, "cultivation.roster.exported", board.plan, {"rows": count, "people": held})
    handle.seek(0)
    return handle


@transaction.atomic
def export_sheet(
    session: TrainingSession, trainees: list[Trainee], marks: dict[int, Attendance], *, actor: Actor
) -> IO[bytes]:
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - returned to the caller
    title = f"签到表 {session.held_on:%Y-%m-%d} {session.starts_at:%H:%M} {session.topic}"
    count = _write(handle.name, title, SHEET_HEADERS, _sheet_rows(trainees, marks))
    held = people_ids(trainee.person_id for trainee in trainees)  # whose records: ids only
    record(actor, "cultivation.sheet.exported", session, {"rows": count, "people": held})
    handle.seek(0)
    return handle
