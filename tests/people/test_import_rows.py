"""Reading one spreadsheet row: every format people use, and a clear message for each mistake."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from houbei.people.importer import Scope, check_people
from houbei.people.importer.columns import HEADERS
from houbei.people.importer.reader import FileProblem, open_sheet
from houbei.people.importer.rows import RowChecker
from houbei.people.importer.villages import VillageIndex
from tests.people.sheets import id_number, person_row, write_sheet

pytestmark = pytest.mark.django_db
COLUMNS = {header: index for index, header in enumerate(HEADERS)}


@pytest.fixture
def checker(tree: Any) -> RowChecker:
    columns = {key: i for i, key in enumerate(_keys())}
    return RowChecker(columns, 0, VillageIndex.of(Scope.of_town(tree["town_a"]).villages))


def _keys() -> list[str]:
    from houbei.people.importer.columns import COLUMNS as SPEC

    return [column.key for column in SPEC]


def row_with(**cells: Any) -> list[Any]:
    row = person_row(3)
    for header, value in cells.items():
        row[COLUMNS[header]] = value
    return row


def check(checker: RowChecker, **cells: Any) -> tuple[Any, list[str]]:
    person, problems = checker.check(5, row_with(**cells))
    return person, [f"{p.column}|{p.message}" for p in problems]


@pytest.mark.parametrize(
    "value", ["1998-07-01", "1998.7.1", "1998年7月1日", "1998.07", "1998年7月", 35977.0]
)
def test_party_dates_are_read_in_every_usual_form(checker: RowChecker, value: Any) -> None:
    person, problems = check(checker, 政治面貌="中共党员", 入党时间=value)

    assert problems == []
    assert person.fields["party_joined_on"] == dt.date(1998, 7, 1)


@pytest.mark.parametrize("value", ["01", "1", 1.0, "中共党员", "中国共产党党员", "党员"])
def test_a_coded_field_takes_the_code_or_the_label(checker: RowChecker, value: Any) -> None:
    person, problems = check(checker, 政治面貌=value, 入党时间="1998-07-01")

    assert problems == [] and person.fields["political_status"] == "01"


def test_an_unknown_label_says_what_would_do(checker: RowChecker) -> None:
    _, problems = check(checker, 学历="幼儿园")

    assert problems == ["学历（H列）|学历“幼儿园”无法识别，可填写代码或名称，如 21 或 大学本科毕业"]


def test_an_id_number_stored_as_a_number_is_explained(checker: RowChecker) -> None:
    _, problems = check(checker, 公民身份号码=float(id_number(3)[:17] + "1"))

    assert problems == [
        "公民身份号码（B列）|公民身份号码被存成了数字（显示为 4.10700E+17），末尾几位已丢失；"
        "请把该列设为“文本”格式后重新填写完整的18位号码"
    ]


def test_birth_date_and_sex_that_disagree_with_the_number_are_each_reported(
    checker: RowChecker,
) -> None:
    wrong_sex = "女" if int(id_number(3)[16]) % 2 else "男"

    _, problems = check(checker, 出生日期="1901-01-01", 性别=wrong_sex)

    assert [p.split("|")[0] for p in problems] == ["出生日期（D列）", "性别（C列）"]


def test_a_village_may_be_given_by_its_code_or_without_the_suffix(
    checker: RowChecker, tree: Any
) -> None:
    by_code, _ = check(checker, 户籍村="410782106202")
    by_number, _ = check(checker, 户籍村=410782106202.0)
    short, _ = check(checker, 户籍村="张屯")

    assert by_code.fields["village_id"] == by_number.fields["village_id"] == tree["a2"].pk
    assert short.fields["village_id"] == tree["a1"].pk


def test_a_village_outside_the_scope_is_refused(checker: RowChecker) -> None:
    _, problems = check(checker, 户籍村="蒋庄村")

    assert problems == [
        "户籍村（K列）|“蒋庄村”不是您管辖范围内的村，可填写村名或12位统计用区划代码"
    ]


def test_a_village_name_used_twice_in_the_scope_asks_for_the_code(tree: Any) -> None:
    from houbei.regions.models import Level
    from houbei.regions.services import create_region

    create_region(name="张屯村", level=Level.VILLAGE, parent=tree["town_a"], code="410782106299")
    index = VillageIndex.of(Scope.of_town(tree["town_a"]).villages)

    with pytest.raises(ValueError, match="有2个“张屯村”，请改填12位统计用区划代码"):
        index.find("张屯村")


def test_backgrounds_and_health_take_labels(checker: RowChecker) -> None:
    person, problems = check(checker, 构成类别="退役军人、致富能手，返乡创业", 健康状况="一般")

    assert problems == []
    assert person.fields["backgrounds"] == ["veteran", "local_achiever", "returning_entrepreneur"]
    assert person.fields["health"] == "fair"


def test_the_header_may_sit_below_a_title_and_use_other_common_names(
    tree: Any, tmp_path: Path
) -> None:
    path = tmp_path / "titled.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write(0, 0, "吴村镇两委干部花名册")
    headers = ["序号", "姓名", "身份证号", "政治面貌", "入党时间", "学历", "户籍所在村"]
    sheet.write_row(2, 0, headers)
    sheet.write_row(3, 0, [1, "王五", id_number(8), "群众", "", "高中", "潘村"])
    book.close()

    report = check_people(str(path), scope=Scope.of_town(tree["town_a"]))

    assert report.ok and report.rows == 1 and report.created == 1


def test_a_file_missing_required_columns_is_refused_as_a_whole(tmp_path: Path) -> None:
    path = write_sheet(
        tmp_path / "few.xlsx", [["张三", id_number(1)]], headers=("姓名", "公民身份号码")
    )

    with (
        pytest.raises(FileProblem, match="表头缺少必填列：政治面貌、学历、户籍村"),
        open_sheet(str(path)),
    ):
        pass


def test_a_file_that_is_not_a_spreadsheet_is_refused(tmp_path: Path, tree: Any) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"not a zip")

    report = check_people(str(path), scope=Scope.of_town(tree["town_a"]))

    assert report.file_problem.startswith("无法读取该文件")
    assert not report.ok


def test_blank_rows_are_skipped_and_row_numbers_stay_as_excel_shows_them(
    tree: Any, tmp_path: Path
) -> None:
    rows = [person_row(1), ["", "", ""], person_row(2)]
    rows[2][1] = "123"
    path = write_sheet(tmp_path / "gap.xlsx", rows)

    report = check_people(str(path), scope=Scope.of_town(tree["town_a"]))

    assert report.rows == 2 and report.bad_row_numbers == [4]
