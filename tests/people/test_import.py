"""Importing people: all or nothing, every bad row named, re-imports update and never duplicate."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from houbei.audit.models import AuditEntry, BatchItem
from houbei.audit.services import verify_batches, verify_chain
from houbei.lib import crypto
from houbei.people.importer import Scope, check_people, import_people
from houbei.people.models import Person
from tests.people.sheets import FIRST_DATA_ROW, good_rows, id_number, person_row, write_sheet

pytestmark = pytest.mark.django_db


def scope_of(user: Any) -> Scope:
    return Scope.of_user(user)


def table_state() -> tuple[int, int, list[tuple[Any, ...]]]:
    people = list(Person.objects.order_by("id").values_list("id", "name", "version", "phone"))
    return Person.objects.count(), AuditEntry.objects.count(), people


def test_a_valid_file_is_imported_with_one_audit_entry_naming_each_person_created(
    personas: Any, tmp_path: Path
) -> None:
    path = write_sheet(tmp_path / "ok.xlsx", good_rows(30))

    report = import_people(str(path), scope=scope_of(personas["town"]), actor=personas["town"])

    assert report.written and report.created == 30
    assert Person.objects.count() == 30
    assert not AuditEntry.objects.filter(action="people.person.created").exists()
    summary = AuditEntry.objects.get(action="people.import.completed")
    assert summary.changes["created"] == summary.changes["batch_items"] == 30
    assert summary.changes["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert summary.actor_username == "town"
    items = BatchItem.objects.filter(entry=summary)
    assert sorted(items.values_list("target_id", flat=True)) == sorted(
        Person.objects.values_list("id", flat=True)
    )
    assert list(verify_chain()) == [] and list(verify_batches()) == []


def test_imported_people_are_found_by_id_number_and_carry_derived_facts(
    personas: Any, tmp_path: Path, tree: Any
) -> None:
    path = write_sheet(tmp_path / "ok.xlsx", good_rows(3))

    import_people(str(path), scope=scope_of(personas["town"]), actor=personas["town"])

    person = Person.objects.get(id_number_hash=crypto.blind_index(id_number(1)))
    assert person.village == tree["a1"]
    assert person.birth_date == dt.date(1960, 2, 7)
    assert person.name_pinyin.startswith("ceshi")
    assert crypto.decrypt(person.id_number_encrypted) == id_number(1)
    assert person.id_number_masked == id_number(1)[:6] + "********" + id_number(1)[-4:]


def test_no_audit_entry_of_an_import_holds_a_plaintext_id_number(
    personas: Any, tmp_path: Path
) -> None:
    path = write_sheet(tmp_path / "ok.xlsx", good_rows(20))

    import_people(str(path), scope=scope_of(personas["town"]), actor=personas["town"])

    dumped = " ".join(str(e.changes) + e.target_repr for e in AuditEntry.objects.all())
    assert not any(id_number(i) in dumped for i in range(20))


def test_one_bad_row_writes_nothing_and_the_report_names_its_row_and_column(
    personas: Any, tmp_path: Path
) -> None:
    rows = good_rows(10)
    rows[6][1] = rows[6][1][:17] + ("0" if rows[6][1][17] != "0" else "1")
    path = write_sheet(tmp_path / "bad.xlsx", rows)
    before = table_state()

    report = import_people(str(path), scope=scope_of(personas["town"]), actor=personas["town"])

    assert not report.written
    assert table_state()[0] == before[0] and table_state()[2] == before[2]
    assert report.bad_row_numbers == [6 + FIRST_DATA_ROW]
    assert report.problems[0].column == "公民身份号码（B列）"
    assert "校验位" in report.problems[0].message
    assert AuditEntry.objects.filter(action="people.import.refused").count() == 1


def test_valid_only_imports_the_good_rows_and_reports_the_bad_ones(
    personas: Any, tmp_path: Path
) -> None:
    rows = good_rows(10)
    rows[2][10] = "不存在村"
    path = write_sheet(tmp_path / "bad.xlsx", rows)

    report = import_people(
        str(path), scope=scope_of(personas["town"]), actor=personas["town"], valid_only=True
    )

    assert report.written and report.created == 9
    assert report.bad_row_numbers == [2 + FIRST_DATA_ROW]
    assert Person.objects.count() == 9


def test_a_second_identical_import_changes_nothing(personas: Any, tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "ok.xlsx", good_rows(25))
    scope, town = scope_of(personas["town"]), personas["town"]
    import_people(str(path), scope=scope, actor=town)
    before = table_state()

    again = import_people(str(path), scope=scope, actor=town)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 25)
    assert table_state()[2] == before[2]
    assert AuditEntry.objects.filter(action="people.person.updated").count() == 0


def test_a_changed_row_updates_the_person_by_id_number_and_audits_the_change(
    personas: Any, tmp_path: Path
) -> None:
    scope, town = scope_of(personas["town"]), personas["town"]
    import_people(str(write_sheet(tmp_path / "a.xlsx", good_rows(5))), scope=scope, actor=town)
    rows = good_rows(5)
    rows[3][9] = "13900000000"
    rows[3][10] = "潘村"

    report = import_people(str(write_sheet(tmp_path / "b.xlsx", rows)), scope=scope, actor=town)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 4)
    person = Person.objects.get(id_number_hash=crypto.blind_index(id_number(3)))
    assert (person.phone, person.village.name, person.version) == ("13900000000", "潘村", 2)
    entry = AuditEntry.objects.get(action="people.person.updated")
    assert entry.changes["phone"] == {"old": "13800000003", "new": "13900000000"}
    assert entry.changes["village"]["new"] == "潘村（410782106202）"


def test_a_person_registered_outside_the_importers_villages_is_not_updated(
    personas: Any, tmp_path: Path, make_person: Any, tree: Any
) -> None:
    rows = good_rows(3, village="潘村")
    path = write_sheet(tmp_path / "a.xlsx", rows)
    import_people(str(path), scope=Scope.of_town(tree["town_a"]), actor=None)
    liaison_scope = Scope.of_town(tree["town_b"])
    rows_b = good_rows(3, village="蒋庄村")

    report = check_people(str(write_sheet(tmp_path / "b.xlsx", rows_b)), scope=liaison_scope)

    assert report.bad_row_numbers == [2, 3, 4]
    assert "管辖范围以外" in report.problems[0].message


def test_check_only_writes_nothing_and_says_what_an_import_would_do(
    personas: Any, tmp_path: Path
) -> None:
    path = write_sheet(tmp_path / "ok.xlsx", good_rows(12))
    before = table_state()

    report = check_people(str(path), scope=scope_of(personas["town"]))

    assert report.ok and not report.written
    assert report.created == 12
    assert table_state() == before


SPOILERS = {
    "id check character": (1, lambda v: v[:17] + ("1" if v[17] != "1" else "2")),
    "id length": (1, lambda v: v[:16]),
    "birth date disagrees": (3, lambda v: "1901-01-01"),
    "unknown sex": (2, lambda v: "不详x"),
    "unknown education": (7, lambda v: "幼儿园"),
    "unknown political status": (5, lambda v: "无"),
    "village out of scope": (10, lambda v: "蒋庄村"),
    "unreadable date": (3, lambda v: "去年"),
    "blank name": (0, lambda v: " "),
    "bad phone": (9, lambda v: "电话号码"),
    "unknown background": (11, lambda v: "退役军人、神仙"),
}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    size=st.integers(min_value=1, max_value=40),
    where=st.floats(min_value=0, max_value=0.999),
    spoiler=st.sampled_from(sorted(SPOILERS)),
)
def test_one_bad_row_anywhere_leaves_the_tables_unchanged_and_is_named(
    personas: Any, tmp_path: Path, size: int, where: float, spoiler: str
) -> None:
    rows = good_rows(size)
    bad = int(where * size)
    column, spoil = SPOILERS[spoiler]
    rows[bad][column] = spoil(rows[bad][column])
    path = write_sheet(tmp_path / f"p{size}{bad}.xlsx", rows)
    before = table_state()

    report = import_people(str(path), scope=scope_of(personas["town"]), actor=personas["town"])

    assert not report.written
    after = table_state()
    assert (after[0], after[2]) == (before[0], before[2])
    assert report.bad_row_numbers == [bad + FIRST_DATA_ROW]
    assert f"第{bad + FIRST_DATA_ROW}行" in report.lines()[1]


def test_a_repeated_id_number_names_the_row_it_repeats(personas: Any, tmp_path: Path) -> None:
    rows = good_rows(6)
    rows[5][1] = rows[1][1]
    path = write_sheet(tmp_path / "dup.xlsx", rows)

    report = check_people(str(path), scope=scope_of(personas["town"]))

    assert report.bad_row_numbers == [7]
    assert report.problems[0].message == "与第3行的公民身份号码重复，同一人只能填写一行"


def test_a_5000_row_file_with_a_few_bad_rows_names_exactly_those_and_writes_nothing(
    personas: Any, tmp_path: Path
) -> None:
    scope, town = scope_of(personas["town"]), personas["town"]
    rows = good_rows(5000)
    spoiled = {17: (1, "410782"), 2500: (7, "幼儿园"), 4999: (6, "")}
    for index, (column, value) in spoiled.items():
        rows[index][column] = value
    rows[4999][5] = "中共党员"  # a party member without a party-joining date

    report = import_people(str(write_sheet(tmp_path / "big.xlsx", rows)), scope=scope, actor=town)

    assert report.bad_row_numbers == [i + FIRST_DATA_ROW for i in sorted(spoiled)]
    assert Person.objects.count() == 0
    fixed = good_rows(5000)
    report = import_people(str(write_sheet(tmp_path / "big.xlsx", fixed)), scope=scope, actor=town)
    assert report.written and report.created == 5000
    assert Person.objects.count() == 5000
    again = import_people(str(tmp_path / "big.xlsx"), scope=scope, actor=town)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5000)
    assert Person.objects.count() == 5000
    assert list(verify_chain()) == []


def test_person_row_helper_is_valid_for_every_kind_of_row() -> None:
    assert len({person_row(i)[1] for i in range(3000)}) == 3000
