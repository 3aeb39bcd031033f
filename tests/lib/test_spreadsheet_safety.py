"""Crafted small workbooks are refused before any parser allocates for them, and a parser that
passes its limits ends its own child process only (issue 11 item 6,
docs/decisions/0013-safe-reading.md)."""

from __future__ import annotations

import datetime as dt
import io
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
import xlsxwriter

from houbei.lib.spreadsheet.limits import Limits
from houbei.lib.spreadsheet.precheck import UnsafeFile, column_number, precheck
from houbei.lib.spreadsheet.sandbox import SafeWorkbook
from tests.lib import crafted

# The scan's checks lifted, so only the child's own limits stand between the parser and a
# cell at XFD1048576 (calamine would allocate 17 billion cells).
NO_SCAN = Limits(rows=10**8, columns=10**6, cells=10**15, memory_bytes=512 << 20)


def _refused_within(data: bytes, seconds: float, limit_bytes: int) -> str:
    """The message of the refusal, asserting how long it took and the memory it held here."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(UnsafeFile) as refused, SafeWorkbook(data):
            pass
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < seconds
    assert peak < limit_bytes
    return str(refused.value)


def test_column_letters_are_numbered_as_excel_does() -> None:
    assert [column_number(text) for text in ("A", "Z", "AA", "IV", "XFD")] == [
        1,
        26,
        27,
        256,
        16384,
    ]


def test_a_sheet_claiming_a_cell_at_xfd1048576_is_refused_before_parsing() -> None:
    message = _refused_within(crafted.claimed_dimension(), 1.0, 1 << 20)
    assert "声明的范围达到第1048576行，超过上限200000行" in message


@pytest.mark.parametrize("attributes", ["", ' s="0"', ' s="0" t="n"'])
def test_a_sheet_using_a_cell_at_xfd1048576_is_refused_before_parsing(attributes: str) -> None:
    message = _refused_within(crafted.far_cell(attributes=attributes), 1.0, 1 << 20)
    assert "实际使用的范围达到第1048576行" in message


def test_a_sheet_wider_than_the_limit_is_refused() -> None:
    message = _refused_within(crafted.far_cell("XFD10"), 1.0, 1 << 20)
    assert "达到第16384列，超过上限256列" in message


def test_a_zip_bomb_is_refused_by_its_ratio_without_inflating_it() -> None:
    data = crafted.zip_bomb(64)
    assert len(data) < 200_000  # 64 MB of text in well under 200 KB
    message = _refused_within(data, 1.0, 1 << 20)
    assert "压缩比异常" in message


def test_inflating_stops_at_the_budget_whatever_the_archive_declares() -> None:
    with pytest.raises(UnsafeFile, match="解压后过大"):
        precheck(crafted.plain_workbook(), Limits(uncompressed_bytes=2_000))


def test_rows_repeated_past_the_limit_are_refused_in_a_second_and_a_few_hundred_kb() -> None:
    data = crafted.repeated_rows(250_000)  # 1.7 MB zipped; calamine alone took ~2 GB for such
    message = _refused_within(data, 5.0, 2 << 20)
    assert "超过上限200000行" in message


@pytest.mark.parametrize(
    "data", [b"", b"not a workbook at all", b"PK\x03\x04broken", crafted.OLE_MAGIC + b"x" * 600]
)
def test_what_is_not_a_workbook_gets_a_chinese_message(data: bytes) -> None:
    with pytest.raises(UnsafeFile, match="无法读取该文件"), SafeWorkbook(data):
        pass


def test_a_parser_passing_its_memory_limit_ends_its_own_process_only() -> None:
    started = time.perf_counter()
    with (
        pytest.raises(UnsafeFile, match="超出了内存或时间上限"),
        SafeWorkbook(crafted.far_cell(), NO_SCAN),
    ):
        pass
    assert time.perf_counter() - started < 10

    with SafeWorkbook(crafted.plain_workbook()) as book:  # and this process reads on
        assert [cells for _, cells in book.rows(book.sheets[0])][0] == ["姓名", "公民身份号码"]


def _workbook(write: Callable[[Any], None]) -> bytes:
    target = io.BytesIO()
    book = xlsxwriter.Workbook(target, {"strings_to_numbers": False})
    write(book)
    book.close()
    return target.getvalue()


def test_rows_arrive_numbered_as_excel_shows_them_with_dates_and_numbers_intact() -> None:
    def write(book: Any) -> None:
        hidden = book.add_worksheet("旧名单")
        hidden.hide()
        sheet = book.add_worksheet("名单")
        sheet.write_string(2, 1, "标题")
        date_format = book.add_format({"num_format": "yyyy-mm-dd"})
        for row in range(3, 1503):
            sheet.write_string(row, 1, f"第{row + 1}行")
            sheet.write_datetime(row, 2, dt.datetime(1975, 3, 8), date_format)
            sheet.write_number(row, 3, row)
        sheet.activate()

    with SafeWorkbook(_workbook(write)) as book:
        assert [(s.name, s.visible) for s in book.sheets] == [("旧名单", False), ("名单", True)]
        sheet = book.sheets[1]
        assert (sheet.first_row, sheet.first_column) == (1, 1)
        rows = list(book.rows(sheet))
    assert rows[:3] == [(1, ["", "", ""]), (2, ["", "", ""]), (3, ["标题", "", ""])]
    assert rows[-1][0] == 1503
    assert rows[-1][1][0] == "第1503行"
    assert rows[-1][1][1] in (dt.date(1975, 3, 8), dt.datetime(1975, 3, 8))
    assert rows[-1][1][2] == 1502
