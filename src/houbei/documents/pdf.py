"""The weekly briefing as PDF, drawn with fpdf2 in a CJK font found on the system (fonts.py).
Only the glyphs used are embedded (fpdf2 subsets the font), so the file stays small and its
text can be copied and searched."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from houbei.documents.briefing import Briefing, context
from houbei.documents.fonts import find_font, truetype_subset

FAMILY = "cjk"
HEADING = FontFace(emphasis="", fill_color=(230, 230, 230))


class _Document(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.cell(0, 8, f"第 {self.page_no()} 页", align="C")


def _table(pdf: FPDF, headers: list[str], rows: list[list[str]], widths: tuple[int, ...]) -> None:
    pdf.set_font(FAMILY, size=9)
    with pdf.table(col_widths=widths, headings_style=HEADING, line_height=5.5) as table:
        table.row(headers)
        for values in rows:
            table.row([str(value) for value in values])
    pdf.ln(3)


def _heading(pdf: FPDF, text: str) -> None:
    pdf.set_font(FAMILY, size=12)
    pdf.cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.set_font(FAMILY, size=10)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _body(pdf: FPDF, data: dict[str, Any]) -> None:
    _heading(pdf, "一、各色村数及较上周变化")
    colours = [[c["label"], c["now"], c["before"], c["delta"]] for c in data["colours"]]
    _table(pdf, ["颜色", "本周", "上周", "变化"], colours, (1, 1, 1, 1))
    _paragraph(pdf, f"未研判：{data['unassessed']} 个村。本周颜色变化：{data['changed_text']}")
    _heading(pdf, "二、红色、橙色村及研判理由、责任人")
    hot = [[v["village"], v["colour"], v["score"], v["reasons"], v["leaders"]] for v in data["hot"]]
    _table(
        pdf,
        ["村", "颜色", "得分", "研判理由", "责任人"],
        hot or [["无"] + [""] * 4],
        (3, 1, 1, 7, 5),
    )
    _heading(
        pdf,
        f"三、问题清单：未销号 {data['open_problems']} 个，其中逾期 {data['overdue_problems']} 个",
    )
    problems = [
        [p["village"], p["title"], p["owner"], p["due"], p["overdue"]] for p in data["problems"]
    ]
    _table(
        pdf,
        ["村", "问题", "责任人", "整改时限", "是否逾期"],
        problems or [["无"] + [""] * 4],
        (2, 6, 2, 2, 2),
    )
    _heading(pdf, "四、后备力量与培养进展")
    _paragraph(pdf, data["reserves_text"])
    _paragraph(pdf, data["cultivation_text"])
    _heading(pdf, "五、研判会：会议日期、出席人员、研究决定事项")
    meetings = [[m["town"], m["date"], m["attendees"], m["decisions"]] for m in data["meetings"]]
    _table(
        pdf,
        ["乡镇", "会议日期", "出席人员", "研究决定事项"],
        meetings or [["无", "", "", ""]],
        (2, 2, 4, 6),
    )
    actions = [[a["town"], a["task"], a["owner"], a["due"], a["status"]] for a in data["actions"]]
    _table(
        pdf,
        ["乡镇", "交办事项", "责任人", "完成时限", "状态"],
        actions or [["无"] + [""] * 4],
        (2, 6, 2, 2, 2),
    )


def render(briefing: Briefing) -> bytes:
    """The PDF; FontMissing (a Chinese message) when no CJK font is installed."""
    font = find_font()
    data = context(briefing)
    pdf = _Document(format="A4")
    pdf.set_title(f"{data['region']}选情研判周报")
    pdf.set_margins(18, 16, 18)
    # The subset holds the data's characters and this module's own (headings, footer).
    wording = Path(__file__).read_text(encoding="utf-8")
    with tempfile.NamedTemporaryFile(suffix=".ttf") as file:
        file.write(truetype_subset(font, _all_text(data) + wording))
        file.flush()
        pdf.add_font(FAMILY, "", file.name)
        _draw(pdf, data)
        return bytes(pdf.output())


def _all_text(data: Any) -> str:
    """Every character the briefing will draw, for the font subset."""
    if isinstance(data, dict):
        return "".join(_all_text(value) for value in data.values())
    if isinstance(data, list | tuple):
        return "".join(_all_text(value) for value in data)
    return str(data)


def _draw(pdf: FPDF, data: dict[str, Any]) -> None:
    pdf.add_page()
    pdf.set_font(FAMILY, size=18)
    pdf.cell(0, 12, f"{data['region']}选情研判周报", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=10)
    period = f"第 {data['week']} 周（{data['week_start']} 至 {data['week_end']}）"
    pdf.cell(0, 7, period, align="C", new_x="LMARGIN", new_y="NEXT")
    _paragraph(pdf, data["summary"])
    _body(pdf, data)
    _paragraph(pdf, f"生成时间：{data['generated']}　　数据来源：后备系统，以系统为准。")
