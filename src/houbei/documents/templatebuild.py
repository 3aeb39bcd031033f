"""Writes the Word templates kept in `documents/data/` (`python -m houbei.documents.templatebuild`).

The committed .docx files are the templates: an office may open them in Word or WPS, change the
layout and wording, and keep every `{{ … }}` placeholder and `{%tr … %}` row (docxtpl's Jinja
tags). This module only draws the first version, so the templates can be rebuilt from code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

DATA = Path(__file__).resolve().parent / "data"
REGISTRATION = DATA / "registration.docx"
BRIEFING = DATA / "briefing.docx"
FONT = "宋体"


def _document() -> Any:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    return document


def _title(document: Any, text: str, size: int = 18) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(size)


def _grid(document: Any, rows: list[list[str]], widths: list[float] | None = None) -> Any:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
            if widths:
                table.cell(r, c).width = Cm(widths[c])
    return table


# (label, placeholder) pairs of the registration form, four per row.
_REGISTRATION_FACTS = [
    ["姓名", "{{ name }}", "性别", "{{ sex }}", "出生年月", "{{ birth_month }}"],
    ["民族", "{{ ethnicity }}", "政治面貌", "{{ political_status }}",
     "入党时间", "{{ party_joined }}"],
    ["学历", "{{ education }}", "专业", "{{ major }}", "健康状况", "{{ health }}"],
    ["公民身份号码", "{{ id_number }}", "联系电话", "{{ phone }}", "年龄", "{{ age }}"],
    ["户籍村", "{{ village }}", "所在乡镇", "{{ town }}", "构成类别", "{{ backgrounds }}"],
    ["培养方向", "{{ target_post }}", "所处阶段", "{{ stage }}", "成熟度", "{{ readiness }}"],
]  # fmt: skip


def build_registration() -> Any:
    document = _document()
    _title(document, "村级后备干部登记表")
    document.add_paragraph(
        "填报单位：{{ town }}　　　　换届：{{ round_name }}　　　　填表日期：{{ today }}"
    )
    _grid(document, _REGISTRATION_FACTS, [2.2, 3.6, 2.2, 3.0, 2.2, 3.0])
    document.add_paragraph()
    _grid(document, [["现任职务", "{{ posts_now }}"], ["推荐来源", "{{ source }}"]], [3, 14])
    document.add_paragraph()
    document.add_paragraph("任职经历")
    history = _grid(document, [["起止时间", "村", "职务"]] * 4, [5, 5, 7])
    history.cell(1, 0).text = "{%tr for post in posts %}"
    history.cell(2, 0).text = "{{ post.period }}"
    history.cell(2, 1).text = "{{ post.village }}"
    history.cell(2, 2).text = "{{ post.role }}"
    history.cell(3, 0).text = "{%tr endfor %}"
    for row in (1, 3):
        for column in (1, 2):
            history.cell(row, column).text = ""
    document.add_paragraph()
    _grid(
        document,
        [
            ["本人简要情况及现实表现", "{{ notes }}"],
            ["村党组织意见", "\n\n（盖章）　　年　　月　　日"],
            ["乡镇党委意见", "\n\n（盖章）　　年　　月　　日"],
        ],
        [4, 13],
    )
    return document


def _briefing_tables(document: Any) -> None:
    document.add_paragraph("一、各色村数及较上周变化")
    _loop_table(
        document,
        ["颜色", "本周", "上周", "变化"],
        "c in colours",
        ["{{ c.label }}", "{{ c.now }}", "{{ c.before }}", "{{ c.delta }}"],
    )
    document.add_paragraph("未研判：{{ unassessed }} 个村。本周颜色变化：{{ changed_text }}")
    document.add_paragraph("二、红色、橙色村及研判理由、责任人")
    _loop_table(
        document,
        ["村", "颜色", "得分", "研判理由", "责任人"],
        "v in hot",
        [
            "{{ v.village }}",
            "{{ v.colour }}",
            "{{ v.score }}",
            "{{ v.reasons }}",
            "{{ v.leaders }}",
        ],
    )
    document.add_paragraph(
        "三、问题清单：未销号 {{ open_problems }} 个，其中逾期 {{ overdue_problems }} 个"
    )
    _loop_table(
        document,
        ["村", "问题", "责任人", "整改时限", "是否逾期"],
        "p in problems",
        ["{{ p.village }}", "{{ p.title }}", "{{ p.owner }}", "{{ p.due }}", "{{ p.overdue }}"],
    )
    document.add_paragraph("四、后备力量与培养进展")
    document.add_paragraph("{{ reserves_text }}")
    document.add_paragraph("{{ cultivation_text }}")
    document.add_paragraph("五、研判会：会议日期、出席人员、研究决定事项")
    _loop_table(
        document,
        ["乡镇", "会议日期", "出席人员", "研究决定事项"],
        "m in meetings",
        ["{{ m.town }}", "{{ m.date }}", "{{ m.attendees }}", "{{ m.decisions }}"],
    )
    document.add_paragraph("{{ meeting_text }}")
    document.add_paragraph("研判会交办事项")
    _loop_table(
        document,
        ["乡镇", "交办事项", "责任人", "完成时限", "状态"],
        "a in actions",
        ["{{ a.town }}", "{{ a.task }}", "{{ a.owner }}", "{{ a.due }}", "{{ a.status }}"],
    )


def _loop_table(document: Any, headers: list[str], loop: str, fields: list[str]) -> None:
    table = _grid(document, [headers, [""] * len(headers), fields, [""] * len(headers)])
    table.cell(1, 0).text = "{%tr for " + loop + " %}"
    table.cell(3, 0).text = "{%tr endfor %}"


def build_briefing() -> Any:
    document = _document()
    _title(document, "{{ region }}选情研判周报")
    paragraph = document.add_paragraph("第 {{ week }} 周（{{ week_start }} 至 {{ week_end }}）")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("{{ summary }}")
    _briefing_tables(document)
    document.add_paragraph()
    document.add_paragraph("生成时间：{{ generated }}　　数据来源：后备系统，以系统为准。")
    return document


def main() -> int:
    DATA.mkdir(exist_ok=True)
    build_registration().save(str(REGISTRATION))
    build_briefing().save(str(BRIEFING))
    print(f"wrote {REGISTRATION} and {BRIEFING}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
