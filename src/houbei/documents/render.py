"""Word documents from the templates in data/ (docxtpl: Jinja tags inside a .docx)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def render_docx(template: Path, context: dict[str, Any]) -> bytes:
    """The template filled in. Values are escaped by docxtpl's autoescape, so a name holding
    `<` or `&` stays text."""
    document = DocxTemplate(str(template))
    document.render(context, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
