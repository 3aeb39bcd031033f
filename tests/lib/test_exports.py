"""lib.exports: declared columns and rows written as they are read from the database, xlsx or
csv, text as text, to a path or an open file, in memory that does not grow with the rows
(decision record 0026, docs/performance.md G2)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import operator
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from python_calamine import CalamineWorkbook

from houbei.lib import exports
from tests.security.formulas import PAYLOADS, assert_text_as_text

pytestmark = pytest.mark.django_db

SHEET: exports.Sheet[tuple[Any, ...]] = exports.Sheet(
    "名单",
    [
        exports.Column("序号", operator.itemgetter(0), 6),
        exports.Column("姓名", operator.itemgetter(1), 10),
        exports.Column("出生日期", lambda row: dt.date(1970, 1, 1) + dt.timedelta(days=row[0])),
        exports.Column("备注", operator.itemgetter(2), 30),
    ],
)


def database_rows(count: int) -> Iterator[tuple[Any, ...]]:
    """`count` rows computed by the database and fetched in chunks (a server-side cursor on
    PostgreSQL), as an export reads its rows."""
    sql = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s) "
        "SELECT i, '人员' || i, '=HYPERLINK(' || i || ')' FROM n"
    )
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, [count])
        while chunk := cursor.fetchmany(exports.CHUNK):
            yield from chunk


def read_xlsx(content: bytes) -> list[list[Any]]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def test_the_rows_are_written_under_the_chinese_headers_to_a_path(tmp_path: Path) -> None:
    target = tmp_path / "名单.xlsx"

    count = exports.write(target, SHEET, database_rows(3))

    rows = read_xlsx(target.read_bytes())
    assert count == 3
    assert rows[0] == ["序号", "姓名", "出生日期", "备注"]
    assert rows[1][:2] == [1.0, "人员1"] and rows[3][1] == "人员3"
    assert rows[2][2] == dt.date(1970, 1, 3) or str(rows[2][2]).startswith("1970-01-03")


def test_a_title_goes_above_the_headers(tmp_path: Path) -> None:
    target = tmp_path / "名单.xlsx"
    titled = exports.Sheet("名单", SHEET.columns, title="某乡镇人员名单")

    exports.write(target, titled, database_rows(2))

    rows = read_xlsx(target.read_bytes())
    assert rows[0][0] == "某乡镇人员名单" and rows[1][1] == "姓名" and rows[3][1] == "人员2"


def test_text_is_text_in_xlsx() -> None:
    file = io.BytesIO()
    rows = [(n, payload, payload) for n, payload in enumerate(PAYLOADS)]

    exports.write(file, SHEET, rows)

    assert_text_as_text(file.getvalue())


def test_csv_starts_with_a_bom_and_defuses_formulas(tmp_path: Path) -> None:
    target = tmp_path / "名单.csv"

    count = exports.write(target, SHEET, database_rows(2), file_format="csv")

    text = target.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff序号,姓名")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert count == 2
    assert rows[1] == ["1", "人员1", "1970-01-02", "'=HYPERLINK(1)"]


def test_a_download_is_the_file_with_its_chinese_name_in_rfc_5987_form() -> None:
    file = exports.temporary()
    exports.write(file, SHEET, database_rows(2))

    response = exports.download(file, "人员名单.xlsx")

    assert isinstance(response, FileResponse)
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E4%BA%BA%E5%91%98%E5%90%8D%E5%8D%95.xlsx"
    )
    assert response["Content-Type"] == exports.CONTENT_TYPES["xlsx"]
    assert len(read_xlsx(b"".join(response.streaming_content))) == 3


def test_csv_streams_as_it_is_read() -> None:
    taken: list[int] = []

    def rows() -> Iterator[tuple[Any, ...]]:
        for row in database_rows(3):
            taken.append(row[0])
            yield row

    response = exports.streamed_csv(SHEET, rows(), "审计日志.csv")

    assert isinstance(response, StreamingHttpResponse) and taken == []  # nothing read yet
    chunks = iter(response.streaming_content)
    next(chunks)  # the headers
    next(chunks)
    assert taken == [1]
    assert "filename*=utf-8''" in response["Content-Disposition"]


BOUND = 1024 * 1024  # the database driver's own buffers grow by about 0.5 MiB up to ~20k rows


def _peak(
    file_format: exports.FileFormat, count: int, folder: Path, *, hold: bool = False
) -> tuple[int, int]:
    target = folder / f"{count}.{file_format}"
    tracemalloc.start()
    try:
        rows: Any = database_rows(count)
        if hold:  # the control: what reading every row into a list first would cost
            rows = list(rows)
        written = exports.write(target, SHEET, rows, file_format=file_format)
        return written, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_memory_does_not_grow_with_the_rows(tmp_path: Path, file_format: Any) -> None:
    _peak(file_format, 100, tmp_path)  # the first run pays for imports and caches
    small, small_peak = _peak(file_format, 2_000, tmp_path)
    large, large_peak = _peak(file_format, 20_000, tmp_path)
    _, held_peak = _peak(file_format, 20_000, tmp_path, hold=True)

    assert (small, large) == (2_000, 20_000)
    # Ten times the rows, and the peak within 1 MiB of the small export's; the same rows held in
    # a list first (the control) go far beyond it, so the bound can tell.
    assert large_peak - small_peak < BOUND, (small_peak, large_peak)
    assert held_peak - small_peak > 2 * BOUND, (small_peak, held_peak)
