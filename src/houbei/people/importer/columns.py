"""The columns of the people spreadsheet: Chinese headers, the names people also use for them,
and what each accepts. The template, the reader and the report all read this one table."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from houbei.lib.idnumber import make_id_number


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    note: str
    example: str
    aliases: tuple[str, ...] = ()


# Fictional, built rather than written out, so no real-looking number sits in the source.
EXAMPLE_ID_NUMBER = make_id_number("410782", dt.date(1975, 3, 8), 1)

COLUMNS = (
    Column("name", "姓名", True, "必填，不超过50字", "张三", ("名字",)),
    Column(
        "id_number",
        "公民身份号码",
        True,
        "必填，18位，最后一位可以是 X；请把此列设为“文本”格式，否则 Excel 会丢掉末尾几位",
        EXAMPLE_ID_NUMBER,
        ("身份证号", "身份证号码", "身份证", "公民身份证号码", "身份号码"),
    ),
    Column("sex", "性别", False, "可不填，按身份号码生成；填写时须与号码一致", "男"),
    Column(
        "birth_date",
        "出生日期",
        False,
        "可不填，按身份号码生成；可写 1975-03-08、1975.3.8、1975年3月8日 或 Excel 日期",
        "1975-03-08",
        ("出生年月",),
    ),
    Column("ethnicity", "民族", False, "代码或名称，空白视为汉族", "汉族"),
    Column("political_status", "政治面貌", True, "必填，代码或名称", "中共党员"),
    Column(
        "party_joined_on",
        "入党时间",
        False,
        "党员、预备党员必填，群众不填；可只写年月，如 1998.07",
        "1998-07-01",
        ("入党日期", "入党年月"),
    ),
    Column(
        "education", "学历", True, "必填，代码或名称，如 大学本科毕业、大专、高中", "大学本科毕业"
    ),
    Column("major", "专业", False, "不超过100字", "农学"),
    Column(
        "phone", "联系电话", False, "数字，5至20位", "13800000000", ("电话", "手机", "联系方式")
    ),
    Column(
        "village",
        "户籍村",
        True,
        "必填，村名或12位统计用区划代码（须为您管辖的村）",
        "张屯村",
        ("户籍所在村", "所在村", "村", "村名"),
    ),
    Column(
        "backgrounds", "构成类别", False, "可填多个，用顿号分隔", "退役军人、致富能手", ("来源",)
    ),
    Column("health", "健康状况", False, "健康、一般 或 较差，空白视为健康", "健康", ("健康",)),
    Column("notes", "备注", False, "", ""),
)
BY_KEY = {column.key: column for column in COLUMNS}
HEADERS = tuple(column.header for column in COLUMNS)
_NOISE = re.compile(r"[\s*＊]|（[^）]*）|\([^)]*\)")


def normalize_header(text: object) -> str:
    """'公民身份号码 *' and '身份证号（必填）' read as the bare header."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", str(text)))


def _lookup() -> dict[str, str]:
    names: dict[str, str] = {}
    for column in COLUMNS:
        for name in (column.header, *column.aliases):
            names[normalize_header(name)] = column.key
    return names


HEADER_KEYS = _lookup()


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
