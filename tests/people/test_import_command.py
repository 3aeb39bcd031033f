"""`houbei import people FILE.xlsx [--valid-only] [--town CODE] [--check]`"""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from houbei.people.models import Person
from tests.people.sheets import good_rows, write_sheet

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def test_a_valid_file_is_imported_and_reported(tree: Any, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "ok.xlsx", good_rows(4))

    output = run("people", str(path), "--town", "410782106")

    assert "已导入：新增 4 人" in output
    assert Person.objects.count() == 4


def test_a_bad_row_is_named_and_nothing_is_written(tree: Any, tmp_path: Path) -> None:
    rows = good_rows(4)
    rows[1][1] = "12345"
    path = write_sheet(tmp_path / "bad.xlsx", rows)

    with pytest.raises(CommandError, match="未写入任何数据"):
        run("people", str(path), "--town", "410782106")
    assert Person.objects.count() == 0


def test_valid_only_imports_the_good_rows(tree: Any, tmp_path: Path) -> None:
    rows = good_rows(4)
    rows[1][1] = "12345"
    path = write_sheet(tmp_path / "bad.xlsx", rows)

    output = run("people", str(path), "--valid-only", "--town", "410782106")

    assert "第3行 公民身份号码（B列）：公民身份号码应为18位，当前为5位" in output
    assert Person.objects.count() == 3


def test_check_writes_nothing(tree: Any, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "ok.xlsx", good_rows(4))

    output = run("people", str(path), "--check")

    assert "确认后将新增 4 人" in output and Person.objects.count() == 0


def test_an_unknown_town_is_refused(tree: Any, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="没有区划代码为 999999999 的乡镇"):
        run("people", "x.xlsx", "--town", "999999999")


def test_a_village_of_another_town_is_refused_with_town(tree: Any, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "b.xlsx", good_rows(2, village="蒋庄村"))

    with pytest.raises(CommandError):
        run("people", str(path), "--town", "410782106")
