"""A person's columns are written once (people.columns); the importer, the audit log and the
person form take theirs from that list."""

from __future__ import annotations

import pytest

from houbei.people.columns import PERSON_COLUMNS, Kind, PersonColumn, audited_fields
from houbei.people.exporter import SHEET as EXPORTED
from houbei.people.forms import PersonForm
from houbei.people.forms.person import SERVICE_FIELDS, form_fields
from houbei.people.importer import tables
from houbei.people.importer.cells import PARSERS, parser_for
from houbei.people.importer.changes import KEYS
from houbei.people.importer.columns import HEADER_KEYS, HEADERS, header_keys
from houbei.people.services import TRACKED

HOMETOWN = PersonColumn("hometown", "籍贯", Kind.TEXT, max_length=20, aliases=("祖籍",))
WITH_HOMETOWN = (*PERSON_COLUMNS, HOMETOWN)


def test_the_importers_headers_are_the_lists_headers_in_its_order() -> None:
    assert tuple(column.header for column in PERSON_COLUMNS) == HEADERS
    assert header_keys(PERSON_COLUMNS) == HEADER_KEYS
    assert set(PARSERS) == {c.key for c in PERSON_COLUMNS if c.kind is not Kind.VILLAGE}


def test_the_audited_fields_are_the_lists_with_the_id_number_masked() -> None:
    assert audited_fields(PERSON_COLUMNS) == TRACKED
    assert "id_number_masked" in TRACKED and "id_number" not in TRACKED
    assert set(KEYS) == set(TRACKED)


def test_the_person_forms_fields_are_the_lists_in_its_order_then_the_version() -> None:
    fields = PersonForm.base_fields

    assert list(fields) == [*(column.key for column in PERSON_COLUMNS), "version"]
    assert [str(fields[c.key].label) for c in PERSON_COLUMNS] == list(HEADERS)
    assert tuple(c.key for c in PERSON_COLUMNS if not c.sensitive) == SERVICE_FIELDS


def test_the_importers_sql_and_the_export_follow_the_list() -> None:
    stored = tuple(c.attname for c in PERSON_COLUMNS if not c.sensitive)

    assert stored == tables.ROW_COLUMNS
    assert tables.INSERTED[1 : 1 + len(stored)] == stored
    assert tables.UPDATED[: len(stored)] == stored
    assert tuple(EXPORTED.headers) == HEADERS


def test_a_column_added_to_the_list_reaches_the_importer_the_audit_log_and_the_form() -> None:
    assert header_keys(WITH_HOMETOWN)["籍贯"] == "hometown"
    assert header_keys(WITH_HOMETOWN)["祖籍"] == "hometown"
    assert "hometown" in audited_fields(WITH_HOMETOWN)
    field = form_fields(WITH_HOMETOWN)["hometown"]
    assert (str(field.label), field.required, getattr(field, "max_length", None)) == (
        "籍贯",
        False,
        20,
    )
    parse = parser_for(HOMETOWN)
    assert parse(" 河南新乡 ") == "河南新乡"
    with pytest.raises(ValueError, match="籍贯不能超过20字"):
        parse("长" * 21)


def test_a_column_left_out_of_the_audit_log_or_sensitive_is_not_logged_in_clear() -> None:
    quiet = PersonColumn("nickname", "小名", Kind.TEXT, max_length=20, audited=False)
    secret = PersonColumn("passport", "护照号码", Kind.TEXT, max_length=20, sensitive=True)

    logged = audited_fields((*PERSON_COLUMNS, quiet, secret))

    assert "nickname" not in logged
    assert "passport" not in logged and "passport_masked" in logged


def test_a_required_column_refuses_a_blank_cell_in_the_import_and_in_the_form() -> None:
    required = PersonColumn("hometown", "籍贯", Kind.TEXT, max_length=20, required=True)

    with pytest.raises(ValueError, match="籍贯不能为空"):
        parser_for(required)("  ")
    assert form_fields((required,))["hometown"].required
