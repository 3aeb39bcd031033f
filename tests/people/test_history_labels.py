"""Audit entries read in Chinese: field labels, value labels, the ID number only masked."""

from __future__ import annotations

from types import SimpleNamespace

from houbei.people.templatetags.history_labels import Change, audit_change


def change(target_type: str, key: str, value: object) -> Change:
    return audit_change(SimpleNamespace(target_type=target_type), key, value)


def test_a_person_field_shows_its_chinese_label_and_value_labels() -> None:
    status = change("people.person", "political_status", {"old": "13", "new": "01"})

    assert (status.label, status.old, status.new) == ("政治面貌", "群众", "中共党员")


def test_backgrounds_and_blanks_read_as_words() -> None:
    backgrounds = change(
        "people.person", "backgrounds", {"old": [], "new": ["veteran", "graduate"]}
    )

    assert (backgrounds.old, backgrounds.new) == ("（空）", "退役军人、高校毕业生")


def test_a_post_role_and_an_id_key_are_labelled() -> None:
    role = change("people.post", "role", "secretary")
    person_id = change("people.post", "person_id", 7)

    assert (role.label, role.value) == ("职务", "党组织书记")
    assert person_id.label == "人员编号"


def test_keys_without_a_model_field_use_the_extra_labels_or_stay_as_they_are() -> None:
    assert change("", "reason", "核对").label == "理由"
    assert change("", "whatever", 1).label == "whatever"
    assert change("people.person", "id_number_masked", "x").label == "公民身份号码"


def test_a_list_of_records_reads_field_by_field_instead_of_failing() -> None:
    answers = change("", "answers", [{"reason": "核对"}, ["a", "b"], "x"])

    assert answers.value == "理由：核对、a、b、x"
