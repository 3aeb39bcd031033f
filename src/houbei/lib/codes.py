"""National code tables (性别, 政治面貌, 学历, 民族) as data (docs/domain.md §4.2–§4.5).

Codes are stored; labels are shown. Each table parses what people type: the code
(with or without its leading zero), the full label, the short label or a common alias.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


class CodeError(ValueError):
    """A value that is not in a code table; the message is meant for the user."""


@dataclass(frozen=True)
class CodeTable:
    name: str
    entries: tuple[tuple[str, str, str], ...]  # (code, full label, short label)
    aliases: Mapping[str, str] = field(default_factory=dict, compare=False)
    example: tuple[str, str] = ("", "")
    _lookup: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup = dict(self.aliases)
        for code, label, short in self.entries:
            lookup[label] = code
            lookup[short] = code
        object.__setattr__(self, "_lookup", MappingProxyType(lookup))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _, _ in self.entries)

    @property
    def choices(self) -> list[tuple[str, str]]:
        """(code, short label) pairs for a Django field's choices."""
        return [(code, short) for code, _, short in self.entries]

    def label(self, code: str) -> str:
        """The full label of the standard."""
        return self._entry(code)[1]

    def short_label(self, code: str) -> str:
        """The short label (简称) where the standard or common use has one, else the label."""
        return self._entry(code)[2]

    def parse(self, value: str) -> str:
        """The code for a code, label, short label or alias; CodeError otherwise."""
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))
        code = self._as_code(text) or self._lookup.get(text)
        if code is None:
            near = nearest(text, self._lookup)
            guess = f"；是否应为“{'”或“'.join(near)}”？" if near else "，"
            raise CodeError(
                f"{self.name}“{str(value).strip()}”无法识别{guess}可填写代码或名称，"
                f"如 {self.example[0]} 或 {self.example[1]}"
            )
        return code

    def _as_code(self, text: str) -> str | None:
        match = re.fullmatch(r"(\d{1,2})(\.0+)?", text)
        if match is None:
            return None
        code = str(int(match.group(1))).zfill(len(self.entries[0][0]))
        return code if code in self.codes else None

    def _entry(self, code: str) -> tuple[str, str, str]:
        for entry in self.entries:
            if entry[0] == code:
                return entry
        raise CodeError(f"{self.name}代码“{code}”不存在")


def nearest(word: str, names: Iterable[str], hints: Mapping[str, str] | None = None) -> list[str]:
    """At most two names close to a word that was not recognised, for "did you mean": the
    hint for a common word first (良好 → 健康), then names that contain it or that it contains,
    then names spelled alike (退伍军人 → 退役军人)."""
    names = [name for name in names if not name.isdigit()]
    found = [hints[word]] if hints and word in hints else []
    if len(word) >= 2:
        found += [name for name in names if len(name) >= 2 and (word in name or name in word)]
    found += difflib.get_close_matches(word, names, n=2, cutoff=0.6)
    return list(dict.fromkeys(found))[:2]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _plain(pairs: str) -> tuple[tuple[str, str, str], ...]:
    """'01 汉族 02 蒙古族' -> entries whose short label equals the label."""
    words = pairs.split()
    return tuple((code, label, label) for code, label in zip(words[::2], words[1::2], strict=True))


SEX = CodeTable(
    name="性别",
    entries=(
        ("0", "未知的性别", "未知"),
        ("1", "男", "男"),
        ("2", "女", "女"),
        ("9", "未说明的性别", "未说明"),
    ),
    aliases={"男性": "1", "女性": "2"},
    example=("1", "男"),
)

POLITICAL_STATUS = CodeTable(
    name="政治面貌",
    entries=(
        ("01", "中国共产党党员", "中共党员"),
        ("02", "中国共产党预备党员", "中共预备党员"),
        ("03", "中国共产主义青年团团员", "共青团员"),
        ("04", "中国国民党革命委员会会员", "民革会员"),
        ("05", "中国民主同盟盟员", "民盟盟员"),
        ("06", "中国民主建国会会员", "民建会员"),
        ("07", "中国民主促进会会员", "民进会员"),
        ("08", "中国农工民主党党员", "农工党党员"),
        ("09", "中国致公党党员", "致公党党员"),
        ("10", "九三学社社员", "九三学社社员"),
        ("11", "台湾民主自治同盟盟员", "台盟盟员"),
        ("12", "无党派民主人士", "无党派人士"),
        ("13", "群众", "群众"),
    ),
    aliases={
        "党员": "01", "共产党员": "01", "正式党员": "01", "中共正式党员": "01",
        "预备党员": "02", "团员": "03", "共青团": "03",
        "民革": "04", "民盟": "05", "民建": "06", "民进": "07", "农工党": "08",
        "致公党": "09", "九三学社": "10", "台盟": "11", "无党派": "12",
    },
    example=("01", "中共党员"),
)  # fmt: skip

EDUCATION = CodeTable(
    name="学历",
    entries=_plain(
        "10 研究生教育 11 博士研究生毕业 12 博士研究生结业 13 博士研究生肄业 14 硕士研究生毕业"
        " 15 硕士研究生结业 16 硕士研究生肄业 17 研究生班毕业 18 研究生班结业 19 研究生班肄业"
        " 20 大学本科教育 21 大学本科毕业 22 大学本科结业 23 大学本科肄业 28 大学普通班毕业"
        " 30 大学专科教育 31 大学专科毕业 32 大学专科结业 33 大学专科肄业"
        " 40 中等职业教育 41 中等专科毕业 42 中等专科结业 43 中等专科肄业"
        " 44 职业高中毕业 45 职业高中结业 46 职业高中肄业"
        " 47 技工学校毕业 48 技工学校结业 49 技工学校肄业"
        " 60 普通高级中学教育 61 普通高中毕业 62 普通高中结业 63 普通高中肄业"
        " 70 初级中学教育 71 初中毕业 73 初中肄业 80 小学教育 81 小学毕业 83 小学肄业 90 其他"
    ),
    aliases={
        "研究生": "14", "硕士": "14", "硕士研究生": "14", "博士": "11", "博士研究生": "11",
        "本科": "21", "大学本科": "21", "大专": "31", "专科": "31", "大学专科": "31",
        "中专": "41", "中等专科": "41", "职高": "44", "职业高中": "44",
        "技校": "47", "技工学校": "47", "高中": "61", "普通高中": "61",
        "初中": "71", "小学": "81",
    },
    example=("21", "大学本科毕业"),
)  # fmt: skip

_ETHNIC_NAMES = _words(
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山"
    " 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米"
    " 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
)

ETHNICITY = CodeTable(
    name="民族",
    entries=tuple((f"{i:02d}", f"{name}族", f"{name}族") for i, name in enumerate(_ETHNIC_NAMES, 1))
    + (("97", "其他", "其他"), ("98", "外国血统中国籍人士", "外国血统中国籍人士")),
    aliases={name: f"{i:02d}" for i, name in enumerate(_ETHNIC_NAMES, 1)},
    example=("01", "汉族"),
)

_EDUCATION_RANKS = {"1": 6, "2": 5, "3": 4, "4": 3, "6": 3, "7": 2, "8": 1, "9": 0}


def education_rank(code: str) -> int:
    """Higher is more education: 研究生 6, 本科 5, 专科 4, 中专/高中 3, 初中 2, 小学 1, 其他 0."""
    return _EDUCATION_RANKS[_education(code)[0]]


def is_college_or_above(code: str) -> bool:
    """大专以上: codes 10-33 (our reading of GB/T 4658; 结业/肄业 included)."""
    return 10 <= int(_education(code)) <= 33


def is_high_school_or_above(code: str) -> bool:
    """高中(中专)以上: codes 10-63 (结业/肄业 included)."""
    return 10 <= int(_education(code)) <= 63


def _education(code: str) -> str:
    return _known(EDUCATION, code)


def _known(table: CodeTable, code: str) -> str:
    table.label(code)  # raises CodeError for a code not in the table
    return code


def is_full_party_member(code: str) -> bool:
    """中共正式党员 (01)."""
    return _known(POLITICAL_STATUS, code) == "01"


def is_party_member(code: str) -> bool:
    """中共党员 including 预备党员 (01, 02)."""
    return _known(POLITICAL_STATUS, code) in ("01", "02")
