"""A corpus of workbooks filled as township offices fill them, checked with the verdicts a
careful officer expects: which sheet, which rows, which message (issue 12 §1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from houbei.people.importer import Scope, check_people, import_people
from houbei.people.models import Person
from tests.people.sheets import id_number
from tests.people.township import Book, Sheet, born, footer, numbered, roster

pytestmark = pytest.mark.django_db

NAME, ID, BIRTH, PARTY, HEALTH, BACKGROUNDS, PHONE = 1, 2, 4, 7, 13, 12, 10


def _check(personas: Any, path: Path, **options: Any) -> Any:
    return check_people(str(path), scope=Scope.of_user(personas["town"]), **options)


def _import(personas: Any, path: Path, **options: Any) -> Any:
    town = personas["town"]
    return import_people(str(path), scope=Scope.of_user(town), actor=town, **options)


def test_a_merged_title_a_header_on_row_three_and_columns_of_their_own(
    personas: Any, tmp_path: Path
) -> None:
    rows = roster(5)
    path = Book([Sheet("花名册", rows, merged_title=True)]).save(tmp_path / "t.xlsx")

    report = _import(personas, path)

    assert report.written and report.created == 5, report.lines()
    assert (report.sheet, report.header_row) == ("花名册", 3)
    assert report.ignored_columns == ["序号（A列）", "现任职务（P列）"]
    assert "读取工作表“花名册”，第3行为表头" in report.where()


def test_pre_numbered_empty_rows_and_the_signature_footer_are_skipped_not_errors(
    personas: Any, tmp_path: Path
) -> None:
    rows = roster(3) + numbered([[]] * 4, start=4) + [[""]] + footer()
    rows += [["注：本表一式两份，报镇组织办。"]]
    path = Book([Sheet("名单", rows)]).save(tmp_path / "f.xlsx")

    report = _check(personas, path)

    assert report.ok and report.rows == 3, report.lines()
    assert report.skipped_rows == 6
    assert [row for row, _ in report.skipped] == [7, 8, 9, 10, 12, 13]
    assert "第12行：表尾的签字、日期或说明行，不是人员，已跳过" in report.lines()
    assert "第7行：只有序号等、没有人员信息的行，已跳过" in report.lines()


def test_a_person_row_with_a_bad_id_is_never_skipped_as_a_footer(
    personas: Any, tmp_path: Path
) -> None:
    rows = roster(2)
    rows[3][ID] = "41070219"
    rows[3][14] = "注：待核实"
    path = Book([Sheet("名单", rows)]).save(tmp_path / "b.xlsx")

    report = _check(personas, path)

    assert report.bad_row_numbers == [4] and report.skipped_rows == 0


def test_the_hidden_old_list_is_never_read_and_the_sheet_read_is_named(
    personas: Any, tmp_path: Path
) -> None:
    old = Sheet("旧名单", roster(2, first=500), hidden=True)
    book = Book([old, Sheet("说明", [["填写说明"], ["姓名必填"]]), Sheet("2026年", roster(3))])
    path = book.save(tmp_path / "h.xlsx")

    report = _import(personas, path)

    assert report.written and report.created == 3
    assert report.sheet == "2026年"
    assert not Person.objects.filter(name__in=["测试500", "测试501"]).exists()


def test_a_list_only_in_a_hidden_sheet_is_explained(personas: Any, tmp_path: Path) -> None:
    book = Book([Sheet("说明", [["请按模板填写"]]), Sheet("名单", roster(2), hidden=True)])

    report = _check(personas, book.save(tmp_path / "o.xlsx"))

    assert "人员名单只在隐藏的工作表“名单”中" in report.file_problem


def test_two_sheets_that_fit_are_a_choice_and_the_chosen_one_is_read(
    personas: Any, tmp_path: Path
) -> None:
    book = Book([Sheet("一组", roster(2)), Sheet("二组", roster(3, first=100))])
    path = book.save(tmp_path / "c.xlsx")

    asked = _check(personas, path)
    chosen = _import(personas, path, sheet_name="二组")

    assert asked.sheet_choices == ["一组", "二组"]
    assert "请选择要导入的工作表" in asked.file_problem
    assert chosen.written and chosen.created == 3 and chosen.sheet == "二组"


def test_birth_year_month_is_accepted_when_the_id_number_agrees(
    personas: Any, tmp_path: Path
) -> None:
    rows = roster(6)
    forms = ["{y}-{m:02d}", "{y}.{m:02d}", "{y}年{m}月", "{y}/{m}", None, None]
    for offset, form in enumerate(forms):
        day = born(offset)
        row = rows[3 + offset]
        row[BIRTH] = form.format(y=day.year, m=day.month) if form else day
    rows[2][BIRTH] = "出生年月"
    rows[8][BIRTH] = float(f"{born(5).year}.{born(5).month:02d}")  # typed as a number
    path = Book([Sheet("名单", rows)]).save(tmp_path / "m.xlsx")

    report = _import(personas, path)

    assert report.written and report.created == 6, report.lines()
    stored = dict(Person.objects.values_list("name", "birth_date"))
    assert stored == {f"测试{i}": born(i) for i in range(6)}


def test_a_birth_year_month_that_disagrees_names_the_month_in_the_number(
    personas: Any, tmp_path: Path
) -> None:
    rows = roster(1)
    day = born(0)
    rows[3][BIRTH] = f"{day.year - 1}.{day.month:02d}"
    path = Book([Sheet("名单", rows)]).save(tmp_path / "d.xlsx")

    report = _check(personas, path)

    assert report.lines()[1] == (
        f"第4行 出生日期（E列）：出生年月“{day.year - 1}.{day.month:02d}”与公民身份号码不符："
        f"号码中为{day.year}年{day.month}月"
    )


def test_padded_names_full_width_digits_and_trailing_spaces_are_cleaned(
    personas: Any, tmp_path: Path
) -> None:
    rows = roster(3)
    rows[3][NAME] = "许　军"
    rows[4][NAME] = " 欧阳　　小明 "
    wide = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
    rows[5][ID] = id_number(2).translate(wide) + "  "
    rows[5][PHONE] = "１３８００００００００ "
    path = Book([Sheet("名单", rows)]).save(tmp_path / "p.xlsx")

    report = _import(personas, path)

    assert report.written, report.lines()
    assert set(Person.objects.values_list("name", flat=True)) == {"许军", "欧阳小明", "测试2"}
    assert Person.objects.get(name="测试2").phone == "13800000000"


def test_each_refused_value_says_what_was_seen_and_what_is_expected(
    personas: Any, tmp_path: Path
) -> None:
    rows = roster(5)
    rows[3][ID] = "4.10782E+17"
    rows[4][ID] = ""
    rows[5][PARTY] = "1971-02-30"
    rows[5][6] = "中共党员"
    rows[6][HEALTH] = "良好"
    rows[7][BACKGROUNDS] = "退伍军人"
    path = Book([Sheet("名单", rows)]).save(tmp_path / "e.xlsx")

    report = _check(personas, path)

    lines = "\n".join(report.lines())
    assert (
        "第4行 公民身份号码（C列）：公民身份号码“4.10782E+17”是科学计数法，末尾几位已丢失" in lines
    )
    assert "第5行 公民身份号码（C列）：公民身份号码不能为空" in lines
    assert "第6行 入党时间（H列）：日期“1971-02-30”不存在：1971年2月没有30日" in lines
    assert "第7行 健康状况（N列）：健康状况“良好”无法识别；是否应为“健康”？" in lines
    assert "第8行 构成类别（M列）：构成类别“退伍军人”无法识别；是否应为“退役军人”？" in lines
    assert report.bad_rows == 5 and not report.written


def test_an_excel_date_cell_and_a_typed_year_month_both_give_the_party_date(
    personas: Any, tmp_path: Path
) -> None:
    import datetime as dt

    rows = roster(6)
    rows[3][PARTY] = dt.date(1998, 7, 1)  # person 0 is a party member (i % 3 == 0)
    rows[6][PARTY] = "1999年7月"  # person 3 too
    path = Book([Sheet("名单", rows)]).save(tmp_path / "j.xlsx")

    report = _import(personas, path)

    assert report.written, report.lines()
    joined = dict(Person.objects.values_list("name", "party_joined_on"))
    assert joined["测试0"] == dt.date(1998, 7, 1) and joined["测试3"] == dt.date(1999, 7, 1)
