"""Reading what the documents area produced, as a person opening the file would."""

from __future__ import annotations

import io
import re

from docx import Document
from pypdf import PdfReader


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a .docx, one per line."""
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def pdf_text(content: bytes) -> str:
    """The extractable text of a PDF, without the spaces extraction puts between glyphs."""
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def leftover_placeholders(text: str) -> list[str]:
    return re.findall(r"\{\{.*?\}\}|\{%.*?%\}", text)
