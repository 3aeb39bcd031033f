import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from houbei.lib.pinyin import pinyin_full, pinyin_initials, search_keys


def test_a_name_becomes_lower_case_pinyin_without_tones() -> None:
    assert pinyin_full("张三") == "zhangsan"


def test_initials_take_the_first_letter_of_each_syllable() -> None:
    assert pinyin_initials("张三") == "zs"


def test_search_keys_give_both_forms() -> None:
    assert search_keys("李四") == ("lisi", "ls")


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [("单田芳", "shantianfang", "stf"), ("曾小贤", "zengxiaoxian", "zxx"),
     ("解晓东", "xiexiaodong", "xxd"), ("仇英", "qiuying", "qy"), ("区志强", "ouzhiqiang", "ozq")],
)  # fmt: skip
def test_surnames_with_a_special_reading_are_read_as_surnames(
    name: str, full: str, initials: str
) -> None:
    assert search_keys(name) == (full, initials)


def test_compound_surnames_are_read_correctly() -> None:
    assert pinyin_full("尉迟恭") == "yuchigong"
    assert pinyin_full("欧阳修") == "ouyangxiu"


def test_u_umlaut_is_written_v() -> None:
    assert pinyin_full("吕布") == "lvbu"


def test_non_han_characters_are_kept_lower_cased() -> None:
    assert search_keys("张三A") == ("zhangsana", "zsa")
    assert search_keys("Ｌｉ") == ("li", "li")


def test_spaces_and_separator_dots_are_dropped() -> None:
    assert search_keys(" 阿依·买买提 ") == ("ayimaimaiti", "aymmt")


def test_an_empty_name_gives_empty_keys() -> None:
    assert search_keys("") == ("", "")


SURNAMES_AND_PHRASES = list("张王李曾单解仇区查朴乐长重行朝还会了着大都能") + [
    "欧阳",
    "尉迟",
    "建国",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(SURNAMES_AND_PHRASES)
        | st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
        | st.sampled_from(["A", "ｌ", " ", "·", "Σ", "K"]),
        max_size=5,
    ).map("".join)
)
def test_search_keys_read_from_the_character_cache_as_pypinyin_reads_the_whole_name(
    name: str,
) -> None:
    assert search_keys(name) == (pinyin_full(name), pinyin_initials(name))


def test_a_name_holding_a_phrase_is_read_as_the_phrase() -> None:
    assert search_keys("尉迟恭") == ("yuchigong", "ycg")
