"""The reserve roster (后备干部花名册) as an Excel workbook: Chinese headers, masked ID numbers,
one query however many rows (chunked), written row by row through lib.exports (decision record
0026); every export audited."""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from collections.abc import Iterator, Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from houbei.accounts.capabilities import Capability
from houbei.accounts.types import Actor
from houbei.audit import people_ids, record
from houbei.jobs.exports import ExportKind
from houbei.lib import codes, exports
from houbei.lib.dates import age_on
from houbei.people.models import Background
from houbei.reserves.forms.filters import CandidateFilterForm
from houbei.reserves.models import POOL_STAGES, Candidate, Readiness, Source, Stage, TargetPost

ACTION = "reserves.roster.exported"

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


SHEET: exports.Sheet[list[Any]] = exports.Sheet(
    "后备干部花名册",
    [
        exports.Column(header, operator.itemgetter(index), width)
        for index, (header, width) in enumerate(zip(HEADERS, WIDTHS, strict=True))
    ],
    header_format={"bold": True, "align": "center", "border": 1},
)


def rows(candidates: QuerySet[Candidate], held: list[int] | None = None) -> Iterator[list[Any]]:
    """Plain values, not model instances: the roster is bound by row building and xlsx writing.
    Appends each row's person id to `held` (for the export's audit entry)."""
    ordered = candidates.order_by("village__code", "target_post", "rank", "id")
    ids = held if held is not None else []
    for n, values in enumerate(exports.chunks(ordered.values_list(*FIELDS, "person_id")), start=1):
        ids.append(values[-1])
        yield _row(n, values[:-1])


def write_candidates(
    target: exports.Target,
    candidates: QuerySet[Candidate],
    *,
    title: str,
    filters: dict[str, Any],
    actor: Actor | None,
    region: Any,
) -> int:
    """The candidates (already scoped) as the roster, written to `target`, then the export's
    audit entry (in a short transaction: the file is written outside one); returns the rows."""
    held: list[int] = []
    count = exports.write_xlsx(
        target, dataclasses.replace(SHEET, title=title), rows(candidates, held)
    )
    # Whose records the roster held: person ids only, never birth dates or ID numbers.
    changes = {"rows": count, "filters": filters, "people": people_ids(held)}
    with transaction.atomic():
        record(actor, ACTION, None, changes, region=region)
    return count


def roster_candidates(
    actor: Actor, filters: Mapping[str, Any]
) -> tuple[CandidateFilterForm, QuerySet[Candidate]]:
    """The current round's candidates `actor` may see, filtered as the roster page is (the
    pool's stages unless a stage is chosen)."""
    form = CandidateFilterForm(filters or None, user=actor)
    visible = Candidate.objects.visible_to(actor).filter(election_round__is_current=True)
    candidates = form.filter(visible)
    if not (form.is_valid() and form.cleaned_data.get("stage")):
        candidates = candidates.filter(stage__in=POOL_STAGES)
    return form, candidates


def filename(today: dt.date) -> str:
    return f"后备干部花名册-{today:%Y%m%d}.xlsx"


def export_kind() -> ExportKind:
    """The roster as a background job's export (houbei.jobs.exports, decision 0031)."""
    return ExportKind(
        name="roster",
        title="后备干部花名册",
        capability=Capability.EXPORT_PEOPLE,
        action=ACTION,
        count=lambda actor, filters, today: roster_candidates(actor, filters)[1].count(),
        write=lambda target, actor, filters, today: write_roster(
            target, actor=actor, filters=filters, today=today
        ),
        filename=lambda filters, today: filename(today),
    )


def write_roster(
    target: exports.Target, *, actor: Actor, filters: Mapping[str, Any], today: dt.date
) -> int:
    """The current round's candidates `actor` may see, filtered as the roster page is
    (`filters`: its query; the pool's stages unless a stage is chosen), written to `target` and
    audited; returns the rows."""
    form, candidates = roster_candidates(actor, filters)
    region = getattr(actor, "region", None)
    title = f"{region.name if region else ''}村级后备干部花名册（{today:%Y-%m-%d}）"
    return write_candidates(
        target,
        candidates,
        title=title,
        filters={"query": form.querystring()},
        actor=actor,
        region=region,
    )
