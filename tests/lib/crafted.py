"""Small workbooks built to hurt a reader (issue 11 item 6): a sheet claiming or using a cell at
XFD1048576, a zip bomb, rows repeated past any real list. Built by code, a few KB each."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import xlsxwriter

SHEET = "xl/worksheets/sheet1.xml"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the start of an .xls


def plain_workbook() -> bytes:
    """A valid one-sheet workbook: 姓名 and 公民身份号码 headers, one row."""
    target = io.BytesIO()
    book = xlsxwriter.Workbook(target)
    sheet = book.add_worksheet("人员")
    sheet.write_row(0, 0, ["姓名", "公民身份号码"])
    sheet.write_row(1, 0, ["张三", "x"])
    book.close()
    return target.getvalue()


def rewritten(
    change: Callable[[str, bytes], bytes], data: bytes | None = None, level: int = 9
) -> bytes:
    """The workbook with each member passed through `change(name, content)`."""
    source = zipfile.ZipFile(io.BytesIO(data or plain_workbook()))
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
        for member in source.infolist():
            out.writestr(member.filename, change(member.filename, source.read(member)))
    return target.getvalue()


def _sheet_only(transform: Callable[[bytes], bytes]) -> Callable[[str, bytes], bytes]:
    return lambda name, content: transform(content) if name == SHEET else content


def claimed_dimension(ref: str = "A1:XFD1048576") -> bytes:
    return rewritten(
        _sheet_only(
            lambda c: c.replace(b'<dimension ref="A1:B2"/>', f'<dimension ref="{ref}"/>'.encode())
        )
    )


def far_cell(ref: str = "XFD1048576", attributes: str = "") -> bytes:
    """A real cell far away (`attributes` before r=, as some writers order them)."""
    row = "".join(ch for ch in ref if ch.isdigit())
    cell = f'<row r="{row}"><c{attributes} r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
    return rewritten(
        _sheet_only(lambda c: c.replace(b"</sheetData>", cell.encode() + b"</sheetData>"))
    )


def repeated_rows(count: int, cells: int = 2) -> bytes:
    """`count` rows of the same cells (张三, a shared string) below the header."""
    letters = [chr(65 + i) for i in range(cells)]

    def row(number: int) -> str:
        columns = "".join(f'<c r="{letter}{number}" t="s"><v>2</v></c>' for letter in letters)
        return f'<row r="{number}">{columns}</row>'

    body = "".join(map(row, range(3, count + 3))).encode()
    return rewritten(
        _sheet_only(lambda c: c.replace(b"</sheetData>", body + b"</sheetData>")), level=6
    )


def zip_bomb(megabytes: int = 64) -> bytes:
    """Shared strings of `megabytes` of one repeated character: tens of KB zipped."""
    padding = b"<!--" + b"A" * (megabytes << 20) + b"-->"
    return rewritten(
        lambda name, content: (
            content.replace(b"<sst ", padding + b"<sst ", 1)
            if name == "xl/sharedStrings.xml"
            else content
        )
    )
