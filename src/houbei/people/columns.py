"""A person's columns, written once.

The spreadsheet import (headers, parsers, the SQL it writes), the audit log's tracked fields,
the person form's fields and the exported list all derive theirs from `PERSON_COLUMNS`; what is
particular to one of them (a spreadsheet comment, a form's help text) sits on the column too,
so a new column is one more line here (tests/people/test_columns.py)."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Field

from houbei.lib import codes
from houbei.lib.codes import CodeTable
from houbei.lib.idnumber import make_id_number
from houbei.people.models import Background, Health, Person


class Kind(enum.Enum):
    """What a column holds; each reader (parser, form field, SQL) follows from it."""

    TEXT = "text"  # free text up to max_length
    LONG_TEXT = "long_text"  # free text in a text area; the import limits it to max_length
    ID_NUMBER = "id_number"  # the citizen ID number: sensitive, stored encrypted and masked
    CODE = "code"  # a code of a national table (lib.codes), typed as code or name
    CHOICE = "choice"  # one of `choices`, typed as label or code
    CHOICES = "choices"  # several of `choices`, separated by 、 , ; / or spaces
    DATE = "date"  # a day, typed as people type it
    MONTH = "month"  # a day that may be given as a month only (its first day)
    PHONE = "phone"
    VILLAGE = "village"  # a village (a foreign key), by name or statistical code


DATES = (Kind.DATE, Kind.MONTH)
FREE_TEXT = (Kind.TEXT, Kind.LONG_TEXT)


@dataclass(frozen=True)
class PersonColumn:
    key: str  # the Person attribute, the form field and the importer's key
    header: str  # spreadsheet header, form label and exported header
    kind: Kind
    required: bool = False  # the spreadsheet cell and the form field must be filled in
    codes: CodeTable | None = None  # Kind.CODE
    choices: type[models.TextChoices] | None = None  # Kind.CHOICE and Kind.CHOICES
    max_length: int | None = None
    audited: bool = True  # its changes go into the audit log
    sensitive: bool = False  # never stored or logged in clear: the log keeps `<key>_masked`
    note: str = ""  # the spreadsheet's comment on the header and the template's explanation
    example: str = ""  # the template's example
    aliases: tuple[str, ...] = ()  # other headers people give it
    help_text: str = ""  # the form's
    choose: str | None = None  # the form's empty choice; a select without one is required
    width: int = 12  # in the exported list

    @property
    def attname(self) -> str:
        """The stored attribute: the village's id for the village."""
        return f"{self.key}_id" if self.kind is Kind.VILLAGE else self.key

    @property
    def audit_key(self) -> str:
        return f"{self.key}_masked" if self.sensitive else self.key

    def model_default(self) -> Any:
        """What the Person model stores when nothing is given (None without a default)."""
        field = Person._meta.get_field(self.key)
        assert isinstance(field, Field)
        return field.get_default() if field.has_default() else None

    def nullable(self) -> bool:
        return bool(getattr(Person._meta.get_field(self.audit_key), "null", False))

    def labels(self) -> dict[str, str]:
        """Code -> label, for coded columns; empty otherwise."""
        if self.codes is not None:
            return dict(self.codes.choices)
        if self.choices is not None:
            return {str(code): str(label) for code, label in self.choices.choices}
        return {}


# Fictional, built rather than written out, so no real-looking number sits in the source.
EXAMPLE_ID_NUMBER = make_id_number("410782", dt.date(1975, 3, 8), 1)

PERSON_COLUMNS = (
    PersonColumn(
        "name", "姓名", Kind.TEXT, required=True, max_length=50, width=10,
        note="必填，不超过50字", example="张三", aliases=("名字",),
    ),
    PersonColumn(
        "id_number", "公民身份号码", Kind.ID_NUMBER, required=True, sensitive=True, width=22,
        note="必填，18位，最后一位可以是 X；请把此列设为“文本”格式，否则 Excel 会丢掉末尾几位",
        example=EXAMPLE_ID_NUMBER,
        aliases=("身份证号", "身份证号码", "身份证", "公民身份证号码", "身份号码"),
        help_text="18位，最后一位可以是 X",
    ),
    PersonColumn(
        "sex", "性别", Kind.CODE, codes=codes.SEX, width=6,
        note="可不填，按身份号码生成；填写时须与号码一致", example="男", choose="按身份号码",
    ),
    PersonColumn(
        "birth_date", "出生日期", Kind.DATE,
        note="可不填，按身份号码生成；可写 1975-03-08、1975.3.8、1975年3月8日 或 Excel 日期",
        example="1975-03-08", aliases=("出生年月",),
        help_text="可不填，按身份号码生成；填写时须与号码一致",
    ),
    PersonColumn(
        "ethnicity", "民族", Kind.CODE, codes=codes.ETHNICITY, width=8,
        note="代码或名称，空白视为汉族", example="汉族",
    ),
    PersonColumn(
        "political_status", "政治面貌", Kind.CODE, required=True, codes=codes.POLITICAL_STATUS,
        note="必填，代码或名称", example="中共党员",
    ),
    PersonColumn(
        "party_joined_on", "入党时间", Kind.MONTH,
        note="党员、预备党员必填，群众不填；可只写年月，如 1998.07",
        example="1998-07-01", aliases=("入党日期", "入党年月"), help_text="党员、预备党员必填",
    ),
    PersonColumn(
        "education", "学历", Kind.CODE, required=True, codes=codes.EDUCATION, width=14,
        note="必填，代码或名称，如 大学本科毕业、大专、高中", example="大学本科毕业",
        choose="请选择",
    ),
    PersonColumn(
        "major", "专业", Kind.TEXT, max_length=100, width=14,
        note="不超过100字", example="农学",
    ),
    PersonColumn(
        "phone", "联系电话", Kind.PHONE, max_length=20, width=14,
        note="数字，5至20位", example="13800000000", aliases=("电话", "手机", "联系方式"),
    ),
    PersonColumn(
        "village", "户籍村", Kind.VILLAGE, required=True,
        note="必填，村名或12位统计用区划代码（须为您管辖的村）",
        example="张屯村", aliases=("户籍所在村", "所在村", "村", "村名"),
    ),
    PersonColumn(
        "backgrounds", "构成类别", Kind.CHOICES, choices=Background, width=20,
        note="可填多个，用顿号分隔", example="退役军人、致富能手", aliases=("来源",),
    ),
    PersonColumn(
        "health", "健康状况", Kind.CHOICE, choices=Health, width=8,
        note="健康、一般 或 较差，空白视为健康", example="健康", aliases=("健康",),
    ),
    # The form leaves notes unlimited (a text field); a spreadsheet cell is cut at 2000.
    PersonColumn("notes", "备注", Kind.LONG_TEXT, max_length=2000, width=30),
)  # fmt: skip


def audited_fields(columns: tuple[PersonColumn, ...] = PERSON_COLUMNS) -> tuple[str, ...]:
    """The fields the audit log tracks, as `people.services.snapshot` names them."""
    return tuple(column.audit_key for column in columns if column.audited)


def plain_columns(columns: tuple[PersonColumn, ...] = PERSON_COLUMNS) -> tuple[PersonColumn, ...]:
    """The columns stored as they are given (all but the sensitive ones)."""
    return tuple(column for column in columns if not column.sensitive)
