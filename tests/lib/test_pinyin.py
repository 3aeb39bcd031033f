import pytest

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
