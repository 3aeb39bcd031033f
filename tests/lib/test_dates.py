from collections.abc import Callable
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from houbei.lib.dates import DateError, age_on, parse_date

BIRTH = date(1975, 3, 8)

FORMATS: list[Callable[[date], str]] = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}-{d.month}-{d.day}",
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
    lambda d: f"{d.year}{d.month:02d}{d.day:02d}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}年{d.month:02d}月{d.day:02d}日",
    lambda d: f"  {d.isoformat()} 00:00:00 ",
]

MONTH_FORMATS: list[Callable[[date], str]] = [
    lambda d: f"{d.year}.{d.month}",
    lambda d: f"{d.year}-{d.month:02d}",
    lambda d: f"{d.year}年{d.month}月",
    lambda d: f"{d.year}{d.month:02d}",
]

dates = st.dates(min_value=date(1000, 1, 1))


@given(dates, st.sampled_from(FORMATS))
def test_every_date_round_trips_through_every_day_format(
    value: date, fmt: Callable[[date], str]
) -> None:
    assert parse_date(fmt(value)) == value


@given(dates, st.sampled_from(MONTH_FORMATS))
def test_month_forms_give_the_first_of_the_month_when_allowed(
    value: date, fmt: Callable[[date], str]
) -> None:
    assert parse_date(fmt(value), allow_month=True) == value.replace(day=1)


@pytest.mark.parametrize("text", ["1975.3", "1975-03", "1975年3月", "197503"])
def test_month_forms_are_refused_unless_allowed(text: str) -> None:
    with pytest.raises(DateError):
        parse_date(text)


def test_date_and_datetime_objects_are_taken_as_they_are() -> None:
    assert parse_date(BIRTH) == BIRTH
    assert parse_date(datetime(1975, 3, 8, 14, 30)) == BIRTH


def test_an_excel_serial_number_is_a_day_in_the_1900_date_system() -> None:
    assert parse_date(27461) == BIRTH
    assert parse_date(27461.75) == BIRTH
    assert parse_date(1) == date(1900, 1, 1)
    assert parse_date(59) == date(1900, 2, 28)
    assert parse_date(61) == date(1900, 3, 1)


def test_excels_nonexistent_29_february_1900_is_refused() -> None:
    with pytest.raises(DateError):
        parse_date(60)


def test_an_eight_digit_number_cell_is_read_as_year_month_day() -> None:
    assert parse_date(19750308) == BIRTH
    assert parse_date(19750308.0) == BIRTH


def test_a_number_that_looks_like_a_year_dot_month_is_refused_as_ambiguous() -> None:
    with pytest.raises(DateError, match="1月也可能是10月"):
        parse_date(1975.1, allow_month=True)


def test_full_width_digits_and_surrounding_spaces_are_accepted() -> None:
    assert parse_date("　１９７５年３月８日　") == BIRTH


@pytest.mark.parametrize(
    "value", ["1975-13-01", "1975-02-30", "75-3-8", "1975-3/8", "", "明天", None, True, -5]
)
def test_what_is_not_a_date_is_refused(value: object) -> None:
    with pytest.raises(DateError):
        parse_date(value)


def test_the_refusal_message_shows_the_value_and_the_expected_formats() -> None:
    with pytest.raises(DateError) as caught:
        parse_date("1975-13-01")
    assert (
        str(caught.value) == "日期“1975-13-01”无法识别，请按 1975-03-08 或 1975年3月8日 的格式填写"
    )


def test_age_counts_full_years() -> None:
    assert age_on(BIRTH, date(2025, 3, 7)) == 49
    assert age_on(BIRTH, date(2025, 3, 8)) == 50
    assert age_on(BIRTH, BIRTH) == 0


def test_someone_born_on_29_february_turns_older_on_1_march_in_common_years() -> None:
    leap = date(2000, 2, 29)
    assert age_on(leap, date(2023, 2, 28)) == 22
    assert age_on(leap, date(2023, 3, 1)) == 23
    assert age_on(leap, date(2024, 2, 29)) == 24


def test_age_on_a_day_before_birth_is_refused() -> None:
    with pytest.raises(DateError):
        age_on(BIRTH, date(1975, 3, 7))
