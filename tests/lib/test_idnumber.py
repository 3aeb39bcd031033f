from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from houbei.lib.idnumber import (
    IdNumber,
    IdNumberError,
    check_character,
    cross_check,
    make_id_number,
    mask,
    parse_id_number,
)

TODAY = date(2025, 6, 1)

addresses = st.from_regex(r"[1-8][0-9]{5}", fullmatch=True)
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)


@st.composite
def valid_numbers(draw: st.DrawFn) -> tuple[str, date, int]:
    birth = draw(births)
    seq = draw(sequences)
    return make_id_number(draw(addresses), birth, seq), birth, seq


def parse(raw: str) -> IdNumber:
    return parse_id_number(raw, today=TODAY)


def test_the_worked_example_from_the_domain_notes_gives_check_character_x() -> None:
    assert check_character("34052419800101001") == "X"


def test_a_known_valid_number_is_parsed_into_birth_date_and_sex() -> None:
    parsed = parse("34052419800101001X")
    assert parsed == IdNumber("34052419800101001X", date(1980, 1, 1), "1")
    assert parsed.address_code == "340524"


def test_lower_case_x_and_spaces_are_accepted() -> None:
    assert parse(" 340524 19800101 001x ").number == "34052419800101001X"


def test_full_width_digits_are_accepted() -> None:
    assert parse("３４０５２４１９８００１０１００１Ｘ").number == "34052419800101001X"


def test_an_even_seventeenth_digit_means_female() -> None:
    assert parse(make_id_number("410782", date(1975, 3, 8), 2)).sex == "2"


@given(valid_numbers())
def test_every_generated_valid_number_is_accepted_and_round_trips(
    case: tuple[str, date, int],
) -> None:
    number, birth, seq = case
    parsed = parse(number)
    assert parsed.number == number
    assert parsed.birth_date == birth
    assert parsed.sex == ("1" if seq % 2 else "2")


@given(valid_numbers(), st.integers(min_value=0, max_value=17), st.sampled_from("0123456789X"))
def test_any_single_character_change_is_refused(
    case: tuple[str, date, int], position: int, char: str
) -> None:
    number = case[0]
    changed = number[:position] + char + number[position + 1 :]
    if changed != number:
        with pytest.raises(IdNumberError):
            parse(changed)


@given(st.text(alphabet="0123456789", max_size=30).filter(lambda text: len(text) != 18))
def test_wrong_lengths_are_refused(text: str) -> None:
    with pytest.raises(IdNumberError, match=f"公民身份号码应为18位，当前为{len(text)}位"):
        parse(text)


def test_a_fifteen_digit_old_number_gets_a_hint() -> None:
    with pytest.raises(IdNumberError, match="15位旧号码"):
        parse("340524800101001")


def test_letters_inside_the_number_are_refused_with_their_position() -> None:
    with pytest.raises(IdNumberError, match="第7位“A”"):
        parse("340524A9800101001X")


def test_an_impossible_birth_date_is_refused() -> None:
    first17 = "41078219750230001"
    with pytest.raises(IdNumberError, match="出生日期 19750230 不存在"):
        parse(first17 + check_character(first17))


def test_a_birth_date_in_the_future_is_refused() -> None:
    with pytest.raises(IdNumberError, match="晚于今天"):
        parse(make_id_number("410782", date(2025, 6, 2), 1))


def test_a_birth_date_before_1900_is_refused() -> None:
    with pytest.raises(IdNumberError, match="早于1900年"):
        parse(make_id_number("410782", date(1899, 12, 31), 1))


def test_a_wrong_check_character_names_the_expected_one() -> None:
    with pytest.raises(IdNumberError, match="第18位应为 X，实际为 5"):
        parse("340524198001010015")


def test_an_old_address_code_is_not_refused() -> None:
    assert parse(make_id_number("419001", date(1960, 1, 1), 11)).address_code == "419001"


def test_without_an_explicit_today_the_current_date_is_used() -> None:
    assert parse_id_number("34052419800101001X").birth_date == date(1980, 1, 1)


def test_mask_keeps_the_first_six_and_last_four_characters() -> None:
    assert mask("34052419800101001x") == "340524********001X"


def test_mask_hides_a_short_value_completely() -> None:
    assert mask("12345") == "*****"


def test_cross_check_is_silent_when_entered_data_agrees() -> None:
    parsed = parse("34052419800101001X")
    assert cross_check(parsed, birth_date=date(1980, 1, 1), sex="1") == []
    assert cross_check(parsed, birth_date=None, sex=None) == []


def test_cross_check_reports_a_different_birth_date_in_chinese() -> None:
    parsed = parse(make_id_number("410782", date(1975, 3, 8), 1))
    assert cross_check(parsed, birth_date=date(1975, 3, 9), sex=None) == [
        "出生日期与公民身份号码不符：号码中为1975年3月8日"
    ]


def test_cross_check_reports_a_different_sex() -> None:
    parsed = parse(make_id_number("410782", date(1975, 3, 8), 1))
    assert cross_check(parsed, birth_date=None, sex="2") == ["性别与公民身份号码不符：号码中为男"]


def test_cross_check_does_not_treat_unknown_sex_as_a_contradiction() -> None:
    parsed = parse(make_id_number("410782", date(1975, 3, 8), 2))
    assert cross_check(parsed, birth_date=None, sex="9") == []


def test_make_id_number_refuses_a_bad_address_or_sequence() -> None:
    with pytest.raises(ValueError):
        make_id_number("4107", date(1975, 3, 8), 1)
    with pytest.raises(ValueError):
        make_id_number("410782", date(1975, 3, 8), 1000)


def test_check_character_needs_seventeen_digits() -> None:
    with pytest.raises(ValueError):
        check_character("1234")
