"""The person form: each message next to the field at fault, derived facts, codes stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from houbei.lib.idnumber import make_id_number
from houbei.people.forms import PersonForm

pytestmark = pytest.mark.django_db

NUMBER = make_id_number("410782", dt.date(1975, 3, 8), 13)  # a man born 1975-03-08


def wrong_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def data(tree: Any, **changes: Any) -> dict[str, Any]:
    values = {
        "name": "张三",
        "id_number": NUMBER,
        "ethnicity": "01",
        "political_status": "13",
        "education": "21",
        "village": tree["a1"].pk,
        "health": "healthy",
    }
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


def form(personas: Any, tree: Any, user: str = "town", person: Any = None, **changes: Any) -> Any:
    return PersonForm(data(tree, **changes), user=personas[user], person=person)


def test_a_wrong_check_character_is_reported_next_to_the_id_number_only(
    personas: Any, tree: Any
) -> None:
    bound = form(personas, tree, id_number=wrong_check(NUMBER))

    assert not bound.is_valid()
    assert list(bound.errors) == ["id_number"]
    assert "校验位错误" in bound.errors["id_number"][0]


def test_birth_date_and_sex_are_derived_from_the_id_number_when_left_blank(
    personas: Any, tree: Any
) -> None:
    bound = form(personas, tree)

    assert bound.is_valid(), bound.errors
    fields = bound.service_fields()
    assert (fields["birth_date"], fields["sex"]) == (dt.date(1975, 3, 8), "1")
    assert fields["id_number"] == NUMBER


@pytest.mark.parametrize("typed", ["1975-03-08", "1975.3.8", "1975年3月8日", "19750308"])
def test_a_birth_date_typed_as_people_type_it_is_read(personas: Any, tree: Any, typed: str) -> None:
    bound = form(personas, tree, birth_date=typed)

    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["birth_date"] == dt.date(1975, 3, 8)


def test_a_birth_date_that_disagrees_with_the_id_number_is_reported_on_the_birth_date(
    personas: Any, tree: Any
) -> None:
    bound = form(personas, tree, birth_date="1975-03-09")

    assert not bound.is_valid()
    assert bound.errors["birth_date"] == ["出生日期与公民身份号码不符：号码中为1975年3月8日"]


def test_a_sex_that_disagrees_with_the_id_number_is_reported_on_the_sex(
    personas: Any, tree: Any
) -> None:
    bound = form(personas, tree, sex="2")

    assert not bound.is_valid()
    assert bound.errors["sex"] == ["性别与公民身份号码不符：号码中为男"]


def test_an_unreadable_date_says_how_to_write_it(personas: Any, tree: Any) -> None:
    bound = form(personas, tree, birth_date="三月八号")

    assert not bound.is_valid()
    assert "1975-03-08" in bound.errors["birth_date"][0]


def test_a_party_member_needs_a_party_joining_date(personas: Any, tree: Any) -> None:
    bound = form(personas, tree, political_status="01")

    assert not bound.is_valid()
    assert bound.errors["party_joined_on"] == ["政治面貌为中共党员或预备党员时，须填写入党时间"]


def test_a_party_joining_date_may_be_a_month(personas: Any, tree: Any) -> None:
    bound = form(personas, tree, political_status="02", party_joined_on="1998.7")

    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["party_joined_on"] == dt.date(1998, 7, 1)


def test_the_masses_are_refused_a_party_joining_date(personas: Any, tree: Any) -> None:
    bound = form(personas, tree, political_status="13", party_joined_on="1998-07-01")

    assert not bound.is_valid()
    assert bound.errors["party_joined_on"] == ["政治面貌为群众时不应填写入党时间"]


def test_coded_fields_offer_labels_and_keep_codes(personas: Any, tree: Any) -> None:
    bound = form(personas, tree, political_status="03", education="31", ethnicity="03")

    assert bound.is_valid(), bound.errors
    assert ("03", "共青团员") in bound.fields["political_status"].choices
    fields = bound.service_fields()
    assert (fields["political_status"], fields["education"], fields["ethnicity"]) == (
        "03",
        "31",
        "03",
    )


def test_backgrounds_are_chosen_from_the_list(personas: Any, tree: Any) -> None:
    bound = form(personas, tree, backgrounds=["veteran", "graduate"])

    assert bound.is_valid(), bound.errors
    assert bound.service_fields()["backgrounds"] == ["veteran", "graduate"]


def test_only_the_users_villages_can_be_chosen(personas: Any, tree: Any) -> None:
    bound = form(personas, tree, village=tree["b1"].pk)

    assert not bound.is_valid()
    assert list(bound.errors) == ["village"]
    village_ids = {v.pk for v in bound.fields["village"].queryset}
    assert village_ids == {tree["a1"].pk, tree["a2"].pk, tree["a3"].pk}


def test_a_bad_phone_number_is_reported(personas: Any, tree: Any) -> None:
    bound = form(personas, tree, phone="打我电话")

    assert not bound.is_valid()
    assert "联系电话" in bound.errors["phone"][0]


def test_editing_without_a_new_id_number_checks_against_the_stored_one(
    personas: Any, tree: Any, make_person: Any
) -> None:
    person = make_person(birth=dt.date(1980, 5, 6))

    blank_id = form(personas, tree, person=person, id_number="", version=1)
    wrong_birth = form(
        personas, tree, person=person, id_number="", version=1, birth_date="1980-5-7"
    )

    assert blank_id.is_valid(), blank_id.errors
    assert "id_number" not in blank_id.service_fields()
    assert blank_id.service_fields()["birth_date"] == dt.date(1980, 5, 6)
    assert not wrong_birth.is_valid()
    assert "号码中为1980年5月6日" in wrong_birth.errors["birth_date"][0]


def test_the_edit_form_never_shows_the_stored_id_number(
    personas: Any, tree: Any, make_person: Any
) -> None:
    person = make_person()

    html = str(PersonForm(user=personas["town"], person=person))

    assert "已登记" in html
    assert person.id_number_masked not in html  # beside the birth date it would give it away
    assert 'value="410782' not in html
