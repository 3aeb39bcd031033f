"""Importing the paper attendance sheet and the test scores: all rows or none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction

from houbei.accounts.types import Actor
from houbei.cultivation import sheets
from houbei.cultivation.models import (
    Attendance,
    AttendanceStatus,
    ExamResult,
    SignInWay,
    Trainee,
    TrainingSession,
)
from houbei.cultivation.services.exam import record_exams
from houbei.cultivation.services.plan import Mark, mark_roster


def _read(source: IO[bytes], wanted: tuple[str, ...]) -> list[sheets.Row]:
    try:
        return sheets.read_rows(source, wanted)
    except sheets.SheetProblem as problem:
        raise ValidationError(problem.messages) from problem


@transaction.atomic
def import_attendance(
    *, session: TrainingSession, source: IO[bytes], trainees: list[Trainee], actor: Actor
) -> list[Attendance]:
    """The attendance sheet (as exported, or typed from paper); rows without a status are
    skipped; a leave needs its reason."""
    rows = _read(source, ("姓名", "村", "出勤情况", "请假事由"))
    marks, errors = [], []
    for row in rows:
        if not row.values.get("出勤情况"):
            continue
        trainee, status = sheets.match(row, trainees), sheets.status_of(row)
        if isinstance(trainee, str):
            errors.append(trainee)
        elif status is None:
            labels = "、".join(str(label) for label in AttendanceStatus.labels)
            errors.append(f"第 {row.number} 行：出勤情况应为{labels}之一")
        elif status == AttendanceStatus.LEAVE and not row.values.get("请假事由"):
            errors.append(f"第 {row.number} 行：请假须填写事由")
        else:
            marks.append(Mark(trainee, status, row.values.get("请假事由", "")))
    if errors or not marks:
        raise ValidationError(errors or ["表中没有可导入的签到记录"])
    return mark_roster(session=session, marks=marks, actor=actor, way=SignInWay.SHEET)


@transaction.atomic
def import_scores(
    *, source: IO[bytes], trainees: list[Trainee], taken_on: dt.date, actor: Actor
) -> list[ExamResult]:
    """A score sheet (姓名, optionally 村, and 成绩 or 测试成绩); blank scores are skipped."""
    rows = _read(source, ("姓名", "村", "成绩", "测试成绩"))
    results: list[tuple[Trainee, Decimal]] = []
    errors = []
    for row in rows:
        if not (row.values.get("成绩") or row.values.get("测试成绩")):
            continue
        trainee, score = sheets.match(row, trainees), sheets.score_of(row)
        if isinstance(trainee, str):
            errors.append(trainee)
        elif score is None:
            errors.append(f"第 {row.number} 行：成绩应为数字")
        else:
            results.append((trainee, score))
    if errors or not results:
        raise ValidationError(errors or ["表中没有可导入的成绩"])
    return record_exams(results=results, taken_on=taken_on, actor=actor)
