"""The importer's fast path accepts and refuses exactly the rows its careful path does, with the
same values and messages; its audit text is the text the careful serialiser gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from houbei.audit.models import AuditEntry, BatchItem
from houbei.audit.services import (
    canonical,
    diff,
    item_digest,
    json_string,
    verify_batches,
    verify_chain,
)
from houbei.lib import codes, crypto
from houbei.lib.idnumber import make_id_number
from houbei.people.importer import Scope, import_people, tables
from houbei.people.importer.cells import id_number, party_date_fine, quick_id_number, safe_today
from houbei.people.importer.changes import created
from houbei.people.importer.columns import COLUMNS
from houbei.people.importer.digests import as_stored, row_text
from houbei.people.importer.rows import RowChecker
from houbei.people.importer.skips import careful_skip_reason, skip_reason
from houbei.people.importer.villages import VillageIndex
from houbei.people.models import Background, Person
from houbei.people.rules import normalize_name, party_date_problem
from houbei.people.services import snapshot
from tests.people.sheets import good_rows, person_row, write_sheet

FIXTURES = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TODAY = dt.date.today()  # noqa: DTZ011 - near enough for generated birth dates
NUMBERS = st.builds(
    make_id_number,
    st.from_regex(r"[0-9]{6}", fullmatch=True),
    st.dates(dt.date(1890, 1, 1), TODAY + dt.timedelta(days=3)),
    st.integers(0, 999),
)


def _spoilt(number: str, position: int, char: str) -> str:
    return number[:position] + char + number[position + 1 :]


ID_CELLS = st.one_of(
    NUMBERS,
    st.builds(_spoilt, NUMBERS, st.integers(0, 17), st.sampled_from("0123456789Xx １ -")),
    NUMBERS.map(lambda number: f" {number.lower()} "),
    st.text(alphabet="0123456789X", min_size=15, max_size=19),
    st.integers(0, 10**18),
)


@given(ID_CELLS)
def test_a_quickly_read_id_number_is_the_one_the_careful_parser_reads(cell: Any) -> None:
    quick = quick_id_number(cell, safe_today())
    try:
        careful = id_number(cell)
    except ValueError:
        careful = None

    assert quick is None or quick == careful


def test_the_usual_id_number_takes_the_shortcut() -> None:
    number = make_id_number("410782", dt.date(1975, 3, 8), 13)

    assert quick_id_number(number, safe_today()) == id_number(number)


@given(
    status=st.sampled_from([*codes.POLITICAL_STATUS.codes, "99"]),
    joined=st.none() | st.dates(dt.date(1890, 1, 1), TODAY + dt.timedelta(days=5)),
    birth=st.dates(dt.date(1890, 1, 1), TODAY),
)
def test_a_party_date_the_shortcut_accepts_the_rule_accepts(
    status: str, joined: dt.date | None, birth: dt.date
) -> None:
    if party_date_fine(status, joined, birth, safe_today()):
        assert party_date_problem(status, joined, birth) is None


NUMBER = make_id_number("410782", dt.date(1975, 3, 8), 13)  # a man born 1975-03-08
CELLS = {
    "name": ["张三", " 李四 ", "Ｌｉ", "", " ", "长" * 51, 'a"b\\c\td'],
    "id_number": [
        NUMBER, NUMBER[:17] + "0", NUMBER[:16], f" {NUMBER} ", float(NUMBER[:17]), "",
        make_id_number("410782", TODAY + dt.timedelta(days=2), 1),
        make_id_number("410782", dt.date(1899, 12, 31), 1),
    ],
    "sex": ["", "男", "女", "1", "2", 1.0, "9", "未知", "x"],
    "birth_date": [
        "", "1975-03-08", "1975.3.8", dt.date(1975, 3, 8), dt.datetime(1975, 3, 8), 27461.0,
        "1975-03-09", "去年", "1975.3", 1975.0,
    ],
    "ethnicity": ["", "汉族", "01", 1.0, "回", "xx", True],
    "political_status": ["", "中共党员", "群众", "01", "13", 13.0, "党员", "无", "共青团员"],
    "party_joined_on": [
        "", "1998.07", "1998-07-01", dt.date(1998, 7, 1), 35977.0, "2999-01-01", "1975-03-08",
        "x", TODAY.isoformat(),
    ],
    "education": ["", "大专", "21", 21.0, "幼儿园", " 本科 "],
    "major": ["", "农学", "x" * 101],
    "phone": ["", "13800000000", "电话", "1234", 13800000000.0],
    "village": ["张屯村", "张屯", "潘村", "410782106202", 410782106202.0, "蒋庄村", ""],
    "backgrounds": ["", "退役军人", "退役军人、致富能手", "神仙"],
    "health": ["", "健康", "一般", "x"],
    "notes": ["", "备注", "x" * 2001],
}  # fmt: skip
KEYS = [column.key for column in COLUMNS]
ROWS = st.lists(
    st.tuples(
        st.integers(0, 60), st.dictionaries(st.sampled_from(KEYS), st.integers(0, 10), max_size=4)
    ),
    min_size=1,
    max_size=8,
)


def _row(seed: int, changes: dict[str, int]) -> list[Any]:
    row = person_row(seed % 7)  # few distinct people: repeats happen
    for key, choice in changes.items():
        options = CELLS[key]
        row[KEYS.index(key)] = options[choice % len(options)]
    return row


def _outcome(checker: RowChecker, number: int, row: list[Any]) -> Any:
    person, problems = checker.check(number, list(row))
    kept = (person.id_number, person.fields) if person else None
    return kept, [str(problem) for problem in problems]


@FIXTURES
@given(rows=ROWS)
def test_the_fast_checker_decides_every_row_as_the_careful_one_does(
    tree: Any, rows: list[tuple[int, dict[str, int]]]
) -> None:
    villages = VillageIndex.of(Scope.of_town(tree["town_a"]).villages)
    columns = {key: index for index, key in enumerate(KEYS)}
    fast = RowChecker(columns, 0, villages)
    careful = RowChecker(columns, 0, villages, careful=True)

    for number, (seed, changes) in enumerate(rows, start=2):
        row = _row(seed, changes)
        assert _outcome(fast, number, row) == _outcome(careful, number, row)


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(
    name=TEXT.filter(bool),
    major=TEXT,
    notes=TEXT,
    party=st.none() | st.dates(),
    backgrounds=st.lists(st.sampled_from(Background.values), unique=True, max_size=3),
    village=TEXT.filter(bool),
)
def test_a_new_persons_audit_text_is_the_canonical_text_of_its_snapshot(
    name: str, major: str, notes: str, party: dt.date | None, backgrounds: list[str], village: str
) -> None:
    values = {
        "name": name, "sex": "2", "birth_date": dt.date(1980, 2, 29), "ethnicity": "01",
        "political_status": "01", "party_joined_on": party, "education": "21", "major": major,
        "phone": "13800000000", "backgrounds": backgrounds, "health": "healthy", "notes": notes,
    }  # fmt: skip
    person = Person(**values, id_number_masked="410782********0013")

    text = created(
        values,
        masked="410782********0013",
        birth="1980-02-29",
        party=party.isoformat() if party else None,
        village=json_string(village),
    )

    assert text == canonical(diff({}, snapshot(person, village=village)))


pytestmark = pytest.mark.django_db


def test_names_with_quotes_tabs_line_breaks_and_backslashes_survive_the_bulk_writes(
    personas: Any, tmp_path: Path
) -> None:
    names = ['王"小"二', "张\t三", "李\n四", "赵\\五", "钱\\N", "孙\r六", "周😀七", "吴%s八"]
    rows = good_rows(len(names))
    for row, name in zip(rows, names, strict=True):
        row[0] = name
        row[13] = f"备注 {name}"
    path = write_sheet(tmp_path / "odd.xlsx", rows)

    report = import_people(str(path), scope=Scope.of_user(personas["town"]), actor=personas["town"])

    assert report.written and report.created == len(names)
    # Names lose the spaces that pad them (a tab, a line break: issue 12 §1); notes keep all.
    names_as_stored = [normalize_name(name) for name in names]
    assert names_as_stored[1:4] == ["张三", "李四", "赵\\五"]
    stored = dict(Person.objects.values_list("name", "notes"))
    assert stored == {
        stored_name: f"备注 {name}"
        for stored_name, name in zip(names_as_stored, names, strict=True)
    }
    # Each person's batch item holds the digest of the odd name as stored: it reads back equal.
    assert BatchItem.objects.count() == len(names)
    assert list(verify_chain()) == [] and list(verify_batches()) == []


def test_an_imported_person_reads_back_as_the_form_would_have_saved_them(
    personas: Any, tmp_path: Path
) -> None:
    row = person_row(3)  # a party member
    import_people(
        str(write_sheet(tmp_path / "one.xlsx", [row])),
        scope=Scope.of_user(personas["town"]),
        actor=personas["town"],
    )

    person = Person.objects.get()
    entry = AuditEntry.objects.get(action="people.import.completed")
    item = BatchItem.objects.get(entry=entry)
    assert item.target_id == person.pk
    # The digest is of the values as the table holds them: those the form would have saved.
    values = {name: getattr(person, name) for name in tables.ROW_COLUMNS}
    stored = as_stored(values)
    text = row_text(person.pk, stored, person.id_number_hash, person.id_number_masked)
    assert item.digest == item_digest(text)
    assert list(verify_batches()) == []
    assert crypto.decrypt(person.id_number_encrypted) == row[1]
    assert (person.version, person.backgrounds, person.party_joined_on) == (
        1,
        [],
        dt.date(1998, 7, 1),
    )
    assert list(AuditEntry.objects.for_object(person)) == [entry]


@pytest.mark.postgresql
def test_a_person_changed_since_the_first_read_is_compared_again_under_lock(
    personas: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    scope, town = Scope.of_user(personas["town"]), personas["town"]
    import_people(str(write_sheet(tmp_path / "a.xlsx", good_rows(3))), scope=scope, actor=town)
    Person.objects.filter(phone="13800000001").update(phone="13900000009")  # an edit meanwhile
    first_read = tables.stored_people

    def before_the_edit(hashes: Any, *, lock: bool) -> Any:
        found = first_read(hashes, lock=lock)
        for values in found.values() if not lock else ():
            values["phone"] = values["phone"].replace("13900000009", "13800000001")
        return found

    monkeypatch.setattr(tables, "stored_people", before_the_edit)
    rows = good_rows(3)
    rows[1][9] = "13900000009"

    report = import_people(str(write_sheet(tmp_path / "b.xlsx", rows)), scope=scope, actor=town)

    assert (report.updated, report.unchanged) == (0, 3)
    assert not AuditEntry.objects.filter(action="people.person.updated").exists()


_SKIP_CELLS = st.one_of(
    st.none(),
    st.sampled_from(
        ["", " ", "　", "姓名", "公民身份号码", "性别", "身份证号（必填）", "填表人：", "审核人:",
         "注：", "日期：2026", "许　军", "410782197503080013", "４１０７８２１９７５０３０８", "12",
         "123456", 1, 2.0, 410782197503080013.0, dt.date(2020, 1, 1), "备注", "民族"]
    ),
    st.text(max_size=8),
)  # fmt: skip


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_SKIP_CELLS, max_size=18), st.sampled_from([None, "410782197503080013", " 123456"]))
def test_the_skipped_row_check_agrees_with_its_careful_form(
    cells: list[Any], number: str | None
) -> None:
    for shift in (0, 2):
        columns = {column.key: index + shift for index, column in enumerate(COLUMNS)}
        at = columns["id_number"]
        row = (
            cells if number is None or at >= len(cells) else [*cells[:at], number, *cells[at + 1 :]]
        )

        assert skip_reason(row, columns) == careful_skip_reason(row, columns)
