import pytest

from houbei.lib.regioncode import (
    PROVINCES,
    RegionCode,
    RegionCodeError,
    is_community,
    parent_code,
    parse_region_code,
    prefix,
    town_kind,
)


def test_a_village_code_splits_into_its_five_parts() -> None:
    assert parse_region_code("410782112232") == RegionCode(
        "410782112232", "41", "07", "82", "112", "232", "village"
    )


@pytest.mark.parametrize(
    ("code", "level", "short"),
    [("410000000000", "province", "41"), ("410700000000", "city", "4107"),
     ("410782000000", "county", "410782"), ("410782106000", "town", "410782106"),
     ("410782106201", "village", "410782106201")],
)  # fmt: skip
def test_the_level_and_prefix_follow_the_trailing_zeros(code: str, level: str, short: str) -> None:
    assert parse_region_code(code).level == level
    assert prefix(code) == short


def test_there_are_34_province_codes() -> None:
    assert len(PROVINCES) == 34
    assert PROVINCES["41"] == "河南省"


def test_spaces_and_full_width_digits_are_accepted() -> None:
    assert parse_region_code(" ４１０７８２ 106000").code == "410782106000"


@pytest.mark.parametrize("code", ["41078210600", "4107821060000", "41078210600A", ""])
def test_wrong_length_or_non_digits_are_refused(code: str) -> None:
    with pytest.raises(RegionCodeError, match="应为12位数字"):
        parse_region_code(code)


@pytest.mark.parametrize("code", ["000000000000", "990000000000", "160000000000", "700000000000"])
def test_an_unknown_province_is_refused(code: str) -> None:
    with pytest.raises(RegionCodeError, match="不是省级代码"):
        parse_region_code(code)


@pytest.mark.parametrize("code", ["410700106000", "410082000000", "410782000201"])
def test_a_zero_part_followed_by_a_non_zero_part_is_refused(code: str) -> None:
    with pytest.raises(RegionCodeError, match="不完整"):
        parse_region_code(code)


def test_towns_of_cities_without_counties_are_accepted() -> None:
    assert parse_region_code("441900003000").level == "town"
    assert parent_code("441900003000") == "441900000000"


def test_town_digits_above_599_are_refused() -> None:
    with pytest.raises(RegionCodeError, match="001–599"):
        parse_region_code("410782600000")


@pytest.mark.parametrize(
    ("code", "kind"),
    [("410782001000", "街道"), ("410782106000", "镇"), ("410782203201", "乡"),
     ("410782399000", "乡"), ("410782400000", "政企合一"), ("410782599000", "政企合一")],
)  # fmt: skip
def test_town_kind_follows_the_town_digit_ranges(code: str, kind: str) -> None:
    assert town_kind(code) == kind


def test_town_kind_needs_a_town_or_village_code() -> None:
    with pytest.raises(RegionCodeError, match="不是乡级代码"):
        town_kind("410782000000")


def test_communities_are_numbered_below_200_and_villages_from_200() -> None:
    assert is_community("440983102001")
    assert is_community("440983102199")
    assert not is_community("440983102201")


def test_is_community_needs_a_village_level_code() -> None:
    with pytest.raises(RegionCodeError, match="不是村级代码"):
        is_community("440983102000")


def test_parent_code_goes_one_level_up() -> None:
    assert parent_code("410782106201") == "410782106000"
    assert parent_code("410782106000") == "410782000000"
    assert parent_code("410782000000") == "410700000000"
    assert parent_code("410700000000") == "410000000000"
    assert parent_code("410000000000") is None
