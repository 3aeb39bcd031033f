"""Importing the paper sign-in sheet and the test scores: matched by name, all rows or none."""

from __future__ import annotations

import io
from typing import Any

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile

from houbei.cultivation.models import Attendance, ExamResult

pytestmark = pytest.mark.django_db


def _xlsx(rows: list[list[Any]]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_string(0, 0, "签到表")
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            sheet.write(number, column, value)
    book.close()
    return SimpleUploadedFile("sheet.xlsx", buffer.getvalue())


def test_the_exported_sheet_filled_in_is_imported(
    client: Any, add_class: Any, trainees: list[Any], personas: Any
) -> None:
    session = add_class()
    a, b, c = trainees
    client.force_login(personas["town"])
    upload = _xlsx([
        ["序号", "村", "姓名", "出勤情况", "请假事由"],
        [1, a.village.name, a.person.name, "出勤", ""],
        [2, b.village.name, b.person.name, "请假", "外出务工"],
        [3, c.village.name, c.person.name, "", ""],
    ])  # fmt: skip
    response = client.post(f"/cultivation/sessions/{session.pk}/import/", {"sheet": upload})
    assert response.status_code == 302
    found = dict(Attendance.objects.values_list("trainee_id", "status"))
    assert found == {a.pk: "present", b.pk: "leave"}
    assert set(Attendance.objects.values_list("way", flat=True)) == {"sheet"}


def test_one_bad_row_imports_nothing_and_names_the_row(
    client: Any, add_class: Any, trainees: list[Any], personas: Any
) -> None:
    session = add_class()
    a = trainees[0]
    client.force_login(personas["town"])
    upload = _xlsx([
        ["姓名", "村", "出勤情况", "请假事由"],
        [a.person.name, a.village.name, "出勤", ""],
        ["查无此人", "", "出勤", ""],
        [a.person.name, a.village.name, "请假", ""],
        [a.person.name, "", "出勤", ""],
    ])  # fmt: skip
    response = client.post(
        f"/cultivation/sessions/{session.pk}/import/", {"sheet": upload}, follow=True
    )
    text = response.content.decode()
    assert "第 4 行：学员名单中没有“查无此人”" in text and "第 5 行：请假须填写事由" in text
    assert "第 6 行：有 3 名学员叫“张三”，请填写“村”列" in text
    assert not Attendance.objects.exists()


def test_scores_are_imported_from_a_sheet(
    client: Any, plan: Any, trainees: list[Any], personas: Any
) -> None:
    a, b, _ = trainees
    client.force_login(personas["town"])
    upload = _xlsx([
        ["姓名", "村", "成绩"],
        [a.person.name, a.village.name, 88],
        [b.person.name, b.village.name, "72.5"],
    ])  # fmt: skip
    response = client.post(
        f"/cultivation/{plan.pk}/exam/import/",
        {"import-sheet": upload, "import-taken_on": "2026-11-28"},
    )
    assert response.status_code == 302, response
    assert sorted(ExamResult.objects.values_list("score", flat=True)) == [72.5, 88]
    a.candidate.refresh_from_db()
    assert a.candidate.stage == "trained"


def test_a_file_that_is_not_a_workbook_is_refused(
    client: Any, plan: Any, trainees: list[Any], personas: Any
) -> None:
    client.force_login(personas["town"])
    upload = SimpleUploadedFile("x.xlsx", b"not a workbook")
    response = client.post(
        f"/cultivation/{plan.pk}/exam/import/",
        {"import-sheet": upload, "import-taken_on": "2026-11-28"},
        follow=True,
    )
    assert "无法读取该文件" in response.content.decode()
    assert not ExamResult.objects.exists()
