"""The reserve roster (后备干部花名册) as an Excel workbook: Chinese headers, masked ID numbers,
one query however many rows (chunked), written in constant memory; every export audited."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO, Any

from django.db import transaction
from django.db.models import QuerySet

from houbei.accounts.types import Actor
from houbei.audit import people_ids, record
from houbei.lib import codes
from houbei.lib.dates import age_on
from houbei.lib.workbooks import new_workbook, write_cell, write_row
from houbei.people.models import Background
from houbei.reserves.models import Candidate, Readiness, Source, Stage, TargetPost

HEADERS = [
    "序号", "乡镇", "管理区", "村", "姓名", "性别", "出生年月", "年龄", "民族", "政治面貌",
    "学历", "公民身份号码", "联系电话", "构成类别", "来源", "培养方向", "阶段", "成熟度",
    "排序", "应急接替", "换届",
]  # fmt: skip
WIDTHS = [6, 10, 10, 10, 8, 5, 10, 5, 6, 12, 12, 20, 14, 12, 10, 12, 10, 12, 5, 8, 12]
FIELDS = (
    "village__town__name", "village__district__name", "village__name", "person__name",
    "person__sex", "person__birth_date", "person__ethnicity", "person__political_status",
    "person__education", "person__id_number_masked", "person__phone", "background", "source",
    "target_post", "stage", "readiness", "rank", "emergency_successor",
    "election_round__name", "election_round__cutoff_date",
)  # fmt: skip
LABELS = {
    "sex": dict(codes.SEX.choices),
    "ethnicity": dict(codes.ETHNICITY.choices),
    "political_status": dict(codes.POLITICAL_STATUS.choices),
    "education": dict(codes.EDUCATION.choices),
    "background": dict(Background.choices),
    "source": dict(Source.choices),
    "post": dict(TargetPost.choices),
    "stage": dict(Stage.choices),
    "readiness": dict(Readiness.choices),
}


def _row(n: int, values: tuple[Any, ...]) -> list[Any]:
    town, district, village, name, sex, birth, ethnicity, status, education, masked = values[:10]
    phone, background, source, post, stage, readiness, rank, successor = values[10:18]
    round_name, cutoff = values[18:]
    return [
        n, town or "", district or "", village, name, LABELS["sex"].get(sex, ""),
        f"{birth:%Y.%m}", age_on(birth, cutoff), LABELS["ethnicity"].get(ethnicity, ""),
        LABELS["political_status"].get(status, ""), LABELS["education"].get(education, ""),
        masked, phone, LABELS["background"].get(background, ""), LABELS["source"].get(source, ""),
        LABELS["post"].get(post, ""), LABELS["stage"].get(stage, ""),
        LABELS["readiness"].get(readiness, ""), rank or "", "是" if successor else "", round_name,
    ]  # fmt: skip


def rows(candidates: QuerySet[Candidate], held: list[int] | None = None) -> Iterator[list[Any]]:
    """Plain values, not model instances: the roster is bound by row building and xlsx writing.
    Appends each row's person id to `held` (for the export's audit entry)."""
    ordered = candidates.order_by("village__code", "target_post", "rank", "id")
    ids = held if held is not None else []
    for n, values in enumerate(
        ordered.values_list(*FIELDS, "person_id").iterator(chunk_size=2000), start=1
    ):
        ids.append(values[-1])
        yield _row(n, values[:-1])


def _write(target: str, candidates: QuerySet[Candidate], title: str, held: list[int]) -> int:
    workbook = new_workbook(target)
    sheet = workbook.add_worksheet("后备干部花名册")
    bold = workbook.add_format({"bold": True, "align": "center", "border": 1})
    heading = workbook.add_format({"bold": True, "font_size": 14})
    write_cell(sheet, 0, 0, title, heading)
    for column, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True)):
        sheet.set_column(column, column, width)
        write_cell(sheet, 1, column, header, bold)
    count = 0
    for count, values in enumerate(rows(candidates, held), start=1):
        write_row(sheet, count + 1, values)
    sheet.freeze_panes(2, 0)
    workbook.close()
    return count


@transaction.atomic
def export_roster(
    candidates: QuerySet[Candidate],
    *,
    title: str,
    filters: dict[str, Any],
    actor: Actor | None,
    region: Any,
) -> IO[bytes]:
    """The workbook in a temporary file (rewound), after the audit entry of the export."""
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 - returned to the caller
    held: list[int] = []
    count = _write(handle.name, candidates, title, held)
    # Whose records the roster held: person ids only, never birth dates or ID numbers.
    changes = {"rows": count, "filters": filters, "people": people_ids(held)}
    record(actor, "reserves.roster.exported", None, changes, region=region)
    handle.seek(0)
    return handle
