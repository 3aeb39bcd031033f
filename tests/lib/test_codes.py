import pytest

from houbei.lib.codes import (
    EDUCATION,
    ETHNICITY,
    POLITICAL_STATUS,
    SEX,
    CodeError,
    CodeTable,
    education_rank,
    is_college_or_above,
    is_full_party_member,
    is_high_school_or_above,
    is_party_member,
)

TABLES = [SEX, POLITICAL_STATUS, EDUCATION, ETHNICITY]


def test_the_tables_have_the_sizes_of_their_standards() -> None:
    assert len(SEX.choices) == 4
    assert len(POLITICAL_STATUS.choices) == 13
    assert len(EDUCATION.choices) == 40
    assert len(ETHNICITY.choices) == 58


@pytest.mark.parametrize("table", TABLES)
def test_every_code_label_and_short_label_parses_back_to_its_code(table: CodeTable) -> None:
    for code in table.codes:
        assert table.parse(code) == code
        assert table.parse(table.label(code)) == code
        assert table.parse(table.short_label(code)) == code


@pytest.mark.parametrize("table", TABLES)
def test_choices_are_code_and_display_label_pairs(table: CodeTable) -> None:
    assert [code for code, _ in table.choices] == list(table.codes)
    assert all(isinstance(label, str) and label for _, label in table.choices)


@pytest.mark.parametrize(
    ("table", "value", "code"),
    [
        (SEX, "男", "1"), (SEX, "女", "2"), (SEX, "女性", "2"), (SEX, "01", "1"),
        (POLITICAL_STATUS, "党员", "01"), (POLITICAL_STATUS, "中共党员", "01"),
        (POLITICAL_STATUS, "1", "01"), (POLITICAL_STATUS, "1.0", "01"),
        (POLITICAL_STATUS, "预备党员", "02"), (POLITICAL_STATUS, "团员", "03"),
        (POLITICAL_STATUS, "群众", "13"), (POLITICAL_STATUS, " 群 众 ", "13"),
        (ETHNICITY, "汉", "01"), (ETHNICITY, "汉族", "01"), (ETHNICITY, "土", "30"),
        (ETHNICITY, "土家", "15"), (ETHNICITY, "98", "98"),
        (EDUCATION, "本科", "21"), (EDUCATION, "大学本科", "21"), (EDUCATION, "大专", "31"),
        (EDUCATION, "专科", "31"), (EDUCATION, "高中", "61"), (EDUCATION, "中专", "41"),
        (EDUCATION, "初中", "71"), (EDUCATION, "小学", "81"), (EDUCATION, "研究生", "14"),
        (EDUCATION, "硕士", "14"), (EDUCATION, "博士", "11"), (EDUCATION, "２１", "21"),
    ],
)  # fmt: skip
def test_common_aliases_are_understood(table: CodeTable, value: str, code: str) -> None:
    assert table.parse(value) == code


def test_an_unknown_value_is_refused_with_an_example_of_what_is_accepted() -> None:
    with pytest.raises(CodeError) as caught:
        POLITICAL_STATUS.parse("党")
    assert str(caught.value) == (
        "政治面貌“党”无法识别；是否应为“党员”？可填写代码或名称，如 01 或 中共党员"
    )


def test_an_unknown_value_without_a_near_name_gets_no_guess() -> None:
    with pytest.raises(CodeError) as caught:
        POLITICAL_STATUS.parse("xyz")
    assert str(caught.value) == "政治面貌“xyz”无法识别，可填写代码或名称，如 01 或 中共党员"


@pytest.mark.parametrize(("table", "value"), [(SEX, "3"), (EDUCATION, "24"), (ETHNICITY, "99")])
def test_codes_outside_the_table_are_refused(table: CodeTable, value: str) -> None:
    with pytest.raises(CodeError):
        table.parse(value)


def test_labels_are_the_full_names_and_short_labels_the_common_ones() -> None:
    assert POLITICAL_STATUS.label("01") == "中国共产党党员"
    assert POLITICAL_STATUS.short_label("01") == "中共党员"
    assert ("01", "中共党员") in POLITICAL_STATUS.choices
    assert EDUCATION.label("21") == "大学本科毕业"
    assert ETHNICITY.label("56") == "基诺族"


def test_label_of_an_unknown_code_is_refused() -> None:
    with pytest.raises(CodeError, match="学历代码“99”不存在"):
        EDUCATION.label("99")


def test_education_ranks_follow_the_levels() -> None:
    ranks = [education_rank(code) for code in ("11", "21", "31", "41", "61", "71", "81", "90")]
    assert ranks == sorted(ranks, reverse=True)
    assert education_rank("41") == education_rank("61")
    assert education_rank("14") > education_rank("28") > education_rank("33")


def test_college_or_above_means_codes_10_to_33() -> None:
    college = [code for code in EDUCATION.codes if is_college_or_above(code)]
    assert college == [code for code in EDUCATION.codes if "10" <= code <= "33"]
    assert not is_college_or_above("41")


def test_high_school_or_above_means_codes_10_to_63() -> None:
    assert is_high_school_or_above("63")
    assert is_high_school_or_above("44")
    assert not is_high_school_or_above("71")


def test_education_helpers_refuse_unknown_codes() -> None:
    with pytest.raises(CodeError):
        is_college_or_above("50")


def test_a_probationary_member_is_a_party_member_but_not_a_full_one() -> None:
    assert is_party_member("01") and is_full_party_member("01")
    assert is_party_member("02") and not is_full_party_member("02")
    assert not is_party_member("03")
    assert not is_party_member("13")
