"""The election's result imported from a spreadsheet (换届结果导入): one row per elected person.

Read through the safe reader (houbei.lib.spreadsheet: checked before parsing, parsed in a child
process with limits), every row checked before anything is written, a preview shown, and on
confirmation `enter_result` called once per village inside one transaction: all or nothing
(docs/decisions/0011-outcomes.md). A person is found by the blind index of the ID number, as
the people importer does, and must be registered in the village of the row; an unknown person
is an error naming the row (the import never creates people: they are registered through the
people import, which checks every field)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.lib import crypto
from houbei.lib.dates import parse_date
from houbei.lib.idnumber import IdNumberError
from houbei.lib.spreadsheet.precheck import UnsafeFile
from houbei.lib.spreadsheet.sandbox import SafeWorkbook, SheetPreview
from houbei.outcomes.models import ElectionResult
from houbei.outcomes.services import enter_result
from houbei.people.importer.cells import id_number
from houbei.people.importer.columns import column_letter
from houbei.people.importer.villages import VillageIndex
from houbei.people.models import Organisation, Person, Role
from houbei.people.rules import normalize_name
from houbei.regions.models import Region
from houbei.reserves.models import POOL_STAGES, Candidate, Stage
from houbei.rounds.models import ElectionRound
from houbei.rounds.services import rounds_by_county

MAX_ROWS = 5000  # a county's villages times their committees, with room to spare
HEADERS = {"village": "村", "elected_on": "选举日期", "post": "职务", "name": "姓名"}
HEADERS["id_number"] = "公民身份号码"
ALIASES = {
    "村名": "village",
    "行政村": "village",
    "身份证号码": "id_number",
    "身份证号": "id_number",
}
# The posts as the code names them (people.models.Role), a 委员 named by its committee.
POSTS: dict[str, tuple[Role, Organisation | None]] = {
    Role.SECRETARY.label: (Role.SECRETARY, None),
    Role.DEPUTY_SECRETARY.label: (Role.DEPUTY_SECRETARY, None),
    "党组织委员": (Role.MEMBER, Organisation.PARTY),
    Role.CHAIR.label: (Role.CHAIR, None),
    Role.VICE_CHAIR.label: (Role.VICE_CHAIR, None),
    "村委会委员": (Role.MEMBER, Organisation.VILLAGERS),
}
HEADS = (Role.SECRETARY, Role.CHAIR)
EXAMPLE = ["张屯村", "2026-11-20", Role.SECRETARY.label, "张三", "410782197503080011"]


@dataclass
class Elected:
    row: int
    person: Person
    role: Role
    organisation: Organisation | None
    post: str  # as written in the file, e.g. 村委会委员
    from_reserve: bool = False


@dataclass
class VillageResult:
    village: Region
    election_round: ElectionRound
    elected_on: dt.date
    members: list[Elected] = field(default_factory=list)

    @property
    def dual_role(self) -> bool:
        heads = {m.role: m.person.pk for m in self.members if m.role in HEADS}
        return len(heads) == 2 and heads[Role.SECRETARY] == heads[Role.CHAIR]

    @property
    def reserves(self) -> int:
        return len({m.person.pk for m in self.members if m.from_reserve})


@dataclass
class Plan:
    """What the file would write (villages) or why not (errors: Chinese, naming row and
    column)."""

    villages: list[VillageResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.villages)

    @property
    def people(self) -> int:
        return len({m.person.pk for v in self.villages for m in v.members})


@dataclass
class _Row:
    row: int
    village: int | None = None
    elected_on: dt.date | None = None
    role: tuple[Role, Organisation | None] | None = None
    post: str = ""
    name: str = ""
    hash: str | None = None


class _Problems(list[str]):
    def add(self, row: int, column: str, message: str) -> None:
        self.append(f"第{row}行{column}：{message}")


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.date):
        value = value.isoformat()
    return "".join(unicodedata.normalize("NFKC", str(value if value is not None else "")).split())


def _header_key(cell: Any) -> str | None:
    text = _text(cell).lstrip("*")
    by_label = {label: key for key, label in HEADERS.items()}
    return by_label.get(text) or ALIASES.get(text)


def _find_header(sheet: SheetPreview) -> tuple[int, dict[str, int]] | None:
    for offset, cells in enumerate(sheet.rows):
        columns = {key: i for i, cell in enumerate(cells) if (key := _header_key(cell))}
        if {"village", "name", "id_number"} <= set(columns):
            return sheet.first_row + offset, columns
    return None


def read_rows(data: bytes) -> tuple[dict[str, str], list[tuple[int, dict[str, Any]]]]:
    """The column labels (with their letters) and the data rows below the header; UnsafeFile
    (a Chinese message) when the file is refused or has no such sheet."""
    with SafeWorkbook(data) as book:
        found = [(s, hit) for s in book.sheets if s.visible and (hit := _find_header(s))]
        if not found:
            raise UnsafeFile(
                "没有找到表头（须含“村”“选举日期”“职务”“姓名”“公民身份号码”列），请使用下载的模板"
            )
        sheet, (header_row, columns) = found[0]
        missing = [label for key, label in HEADERS.items() if key not in columns]
        if missing:
            raise UnsafeFile(f"表头缺少列：{'、'.join(missing)}。请使用下载的模板")
        labels = {
            key: f"“{HEADERS[key]}”列（{column_letter(sheet.first_column + i)}列）"
            for key, i in columns.items()
        }
        rows: list[tuple[int, dict[str, Any]]] = []
        for number, cells in book.rows(sheet):
            values = {key: cells[i] if i < len(cells) else None for key, i in columns.items()}
            if number <= header_row or not any(_text(v) for v in values.values()):
                continue
            if len(rows) >= MAX_ROWS:
                raise UnsafeFile(f"数据超过{MAX_ROWS}行，请分成几个文件导入")
            rows.append((number, values))
    return labels, rows


def _parse(
    number: int, values: dict[str, Any], labels: dict[str, str], index: VillageIndex, today: dt.date
) -> tuple[_Row, _Problems]:
    row, problems = _Row(number), _Problems()
    checks: dict[str, Callable[[Any], Any]] = {
        "village": lambda v: index.find(v) if _text(v) else _blank("村"),
        "elected_on": lambda v: _date(v, today),
        "post": _post,
        "name": lambda v: normalize_name(_text(v)) or _blank("姓名"),
        "id_number": lambda v: crypto.blind_index(id_number(v).number),
    }
    for key, check in checks.items():
        try:
            value = check(values[key])
        except (ValueError, IdNumberError) as error:
            problems.add(number, labels[key], str(error))
            continue
        if key == "post":
            row.post = _text(values[key])
        setattr(row, {"post": "role", "id_number": "hash"}.get(key, key), value)
    return row, problems


def _blank(label: str) -> Any:
    raise ValueError(f"{label}不能为空")


def _date(value: Any, today: dt.date) -> dt.date:
    if not _text(value):
        raise ValueError("选举日期不能为空")
    day = parse_date(value)
    if day > today:
        raise ValueError(f"选举日期{day:%Y-%m-%d}晚于今天")
    return day


def _post(value: Any) -> tuple[Role, Organisation | None]:
    text = _text(value)
    found = POSTS.get(text) or POSTS.get(text.removeprefix("村"))
    if found is None:
        raise ValueError(f"职务“{text}”不可识别，应为{'、'.join(POSTS)}之一")
    return found


def check_file(data: bytes, *, villages: QuerySet[Region]) -> Plan:
    """Reads and checks every row; writes nothing. A constant number of queries whatever the
    number of rows and villages."""
    try:
        labels, raw = read_rows(data)
    except UnsafeFile as error:
        return Plan(errors=[str(error)])
    index = VillageIndex.of(villages)
    problems = _Problems()
    rows = []
    for number, values in raw:
        row, found = _parse(number, values, labels, index, timezone.localdate())
        problems += found
        rows.append(row)
    if not rows and not problems:
        problems.append("表格中没有数据行，请在表头下逐行填写当选人")
    people = _people({row.hash for row in rows if row.hash}, index.scope)
    _match_people(rows, people, index, labels, problems)
    plan = _group(rows, people, labels, problems)
    plan.errors = sorted(problems, key=_row_number)
    if plan.errors:
        plan.villages = []
    return plan


def _row_number(message: str) -> int:
    digits = message.removeprefix("第").split("行", 1)[0]
    return int(digits) if digits.isdigit() else 0


def _people(hashes: set[str], scope: set[int]) -> dict[str, Person]:
    """The people of these ID numbers registered in the import's scope (one outside it is
    unknown here: the import does not tell whether a number exists elsewhere)."""
    found = Person.objects.filter(id_number_hash__in=hashes, village_id__in=scope).only(
        "pk", "name", "village_id", "id_number_hash", "id_number_masked"
    )
    return {person.id_number_hash: person for person in found}


def _match_people(
    rows: list[_Row],
    people: dict[str, Person],
    index: VillageIndex,
    labels: dict[str, str],
    problems: _Problems,
) -> None:
    for row in rows:
        if row.hash is None:
            continue
        person = people.get(row.hash)
        column = labels["id_number"]
        if person is None:
            problems.add(
                row.row, column, "您管辖范围内没有该公民身份号码的人员，请先在人员名单中登记"
            )
        elif row.village is not None and person.village_id != row.village:
            where = index.labels.get(person.village_id or 0, "其他村")
            problems.add(row.row, column, f"该人员户籍登记在{where}，不是本行所填的村")
        elif row.name and person.name != row.name:
            problems.add(row.row, labels["name"], f"与该身份号码登记的姓名“{person.name}”不一致")


def _group(
    rows: list[_Row], people: dict[str, Person], labels: dict[str, str], problems: _Problems
) -> Plan:
    by_village: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        if row.village is not None:
            by_village[row.village].append(row)
    regions = Region.objects.in_bulk(list(by_village))
    rounds = rounds_by_county([region.county_id for region in regions.values()])
    taken = set(
        ElectionResult.objects.filter(
            village_id__in=list(by_village), election_round__in=list(rounds.values())
        ).values_list("village_id", "election_round_id")
    )
    plan = Plan()
    for pk, found in by_village.items():
        village = regions[pk]
        election_round = rounds.get(village.county_id or 0)
        first = found[0].row
        if election_round is None:
            problems.add(first, labels["village"], f"{village.name}所在县尚未设置本届换届")
            continue
        if (pk, election_round.pk) in taken:
            problems.add(first, labels["village"], f"{village.name}已录入本届换届结果")
            continue
        result = _village(village, election_round, found, people, labels, problems)
        if result is not None:
            plan.villages.append(result)
    _mark_reserves(plan)
    plan.villages.sort(key=lambda v: (v.village.code or "", v.village.pk))
    return plan


def _village(
    village: Region,
    election_round: ElectionRound,
    rows: list[_Row],
    people: dict[str, Person],
    labels: dict[str, str],
    problems: _Problems,
) -> VillageResult | None:
    """One village's rows: one election date, one secretary and one chair at most, a person
    at most once in each committee (secretary and chair at once is 一肩挑)."""
    dates = {row.elected_on for row in rows if row.elected_on}
    if len(dates) > 1:
        shown = "、".join(f"{day:%Y-%m-%d}" for day in sorted(dates))
        problems.add(
            rows[0].row, labels["elected_on"], f"{village.name}的选举日期不一致（{shown}）"
        )
    seats: dict[Any, int] = {}
    members = []
    for row in rows:
        person = people.get(row.hash or "")
        if row.role is None or person is None or not dates:
            continue
        role, organisation = row.role
        committee = organisation or _committee(role)
        if role in HEADS and role in seats:
            text = f"{village.name}已有一名{role.label}（第{seats[role]}行）"
            problems.add(row.row, labels["post"], text)
        seats.setdefault(role, row.row)
        if (person.pk, committee) in seats:
            text = (
                f"{person.name}在{committee.label}已担任职务（第{seats[(person.pk, committee)]}行）"
            )
            problems.add(row.row, labels["post"], text)
        seats.setdefault((person.pk, committee), row.row)
        members.append(Elected(row.row, person, role, organisation, row.post))
    if len(dates) != 1 or not members:
        return None
    return VillageResult(village, election_round, dates.pop(), members)


def _committee(role: Role) -> Organisation:
    fixed = {Role.CHAIR: Organisation.VILLAGERS, Role.VICE_CHAIR: Organisation.VILLAGERS}
    return fixed.get(role, Organisation.PARTY)


def _mark_reserves(plan: Plan) -> None:
    """Which elected people were in the round's reserve pool (as the service decides it)."""
    wanted = {(m.person.pk, v.election_round.pk) for v in plan.villages for m in v.members}
    found = set(
        Candidate.objects.filter(
            person_id__in={person for person, _ in wanted},
            election_round_id__in={round_id for _, round_id in wanted},
            stage__in=[*POOL_STAGES, Stage.APPOINTED],
        ).values_list("person_id", "election_round_id")
    )
    for village in plan.villages:
        for member in village.members:
            member.from_reserve = (member.person.pk, village.election_round.pk) in found


def import_file(
    data: bytes, *, villages: QuerySet[Region], actor: Actor, region: Region | None = None
) -> Plan:
    """Checks the file again and, when every row passes, enters each village's result in one
    transaction: a service refusal undoes every village."""
    plan = check_file(data, villages=villages)
    if not plan.ok:
        return plan
    current = ""
    try:
        with transaction.atomic():
            for result in plan.villages:
                current = result.village.name
                enter_result(
                    village=result.village,
                    election_round=result.election_round,
                    elected_on=result.elected_on,
                    members=[(m.person, str(m.role)) for m in result.members],
                    organisations=[m.organisation for m in result.members],
                    actor=actor,
                )
            changes = {"villages": len(plan.villages), "members": plan.people}
            record(actor, "outcomes.election.imported", region, changes, region=region)
    except ValidationError as error:
        texts = [str(text) for text in error.messages]
        plan.errors = [f"{current}：{text}" for text in texts]
        return plan
    plan.written = True
    return plan
