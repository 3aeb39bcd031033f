"""The cadre appointment form (干部任免审批表) as LRMX 3.0 XML (docs/domain.md §4.7).

Writing: xml.etree builds the tree, so every value is escaped. Reading: defusedxml refuses DTDs
and entity tricks; the reading is lenient where the files people receive vary (unknown elements
ignored, dates as 197503 or 1975.03, a GB2312/GBK declaration accepted, code-table values by
label, short label or alias: docs/domain.md §4.2–§4.5) and strict where a person's identity is
at stake (the ID number must be valid and agree with the birth month and sex given)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET  # noqa: S405 - writing only; reading goes through defusedxml
from dataclasses import dataclass, field
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from houbei.lib import codes
from houbei.lib.codes import CodeError
from houbei.lib.dates import DateError, parse_date
from houbei.lib.idnumber import IdNumberError, parse_id_number
from houbei.people.models import Health

VERSION = "3.2.1.6"
MAX_BYTES = 5 * 1024 * 1024  # a form with a photo is some hundred kilobytes
# The elements of an LRMX 3.0 file, in the order the appointment-form software writes them,
# with the Chinese name of the form's box (used in every message about the element).
ELEMENTS = {
    "XingMing": "姓名",
    "XingBie": "性别",
    "ChuShengNianYue": "出生年月",
    "MinZu": "民族",
    "JiGuan": "籍贯",
    "ChuShengDi": "出生地",
    "RuDangShiJian": "入党时间",
    "CanJiaGongZuoShiJian": "参加工作时间",
    "JianKangZhuangKuang": "健康状况",
    "ZhuanYeJiShuZhiWu": "专业技术职务",
    "ShuXiZhuanYeYouHeZhuanChang": "熟悉专业有何专长",
    "QuanRiZhiJiaoYu_XueLi": "全日制教育学历",
    "QuanRiZhiJiaoYu_XueWei": "全日制教育学位",
    "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "全日制教育毕业院校",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": "全日制教育系及专业",
    "ZaiZhiJiaoYu_XueLi": "在职教育学历",
    "ZaiZhiJiaoYu_XueWei": "在职教育学位",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi": "在职教育毕业院校",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi": "在职教育系及专业",
    "XianRenZhiWu": "现任职务",
    "NiRenZhiWu": "拟任职务",
    "NiMianZhiWu": "拟免职务",
    "JianLi": "简历",
    "JiangChengQingKuang": "奖惩情况",
    "NianDuKaoHeJieGuo": "年度考核结果",
    "RenMianLiYou": "任免理由",
    "JiaTingChengYuan": "家庭主要成员及重要社会关系",
    "ChengBaoDanWei": "呈报单位",
    "JiSuanNianLingShiJian": "计算年龄时间",
    "TianBiaoShiJian": "填表时间",
    "TianBiaoRen": "填表人",
    "ShenFenZheng": "身份证号",
    "ZhaoPian": "照片",
    "Version": "版本",
}
FAMILY = ("ChengWei", "XingMing", "ChuShengRiQi", "ZhengZhiMianMao", "GongZuoDanWeiJiZhiWu")
# How appointment forms write education beyond the national table's own words.
EDUCATION_WORDS = {
    "大学": "21", "大学本科": "21", "大学学历": "21", "研究生": "14", "大学专科": "31",
    "中专": "41", "中等专业学校": "41", "高中": "61", "初中": "71", "小学": "81",
    "省委党校大学": "21", "中央党校大学": "21", "省委党校研究生": "14", "中央党校研究生": "14",
    "省委党校大专": "31", "中央党校大专": "31", "党校大专": "31", "党校大学": "21",
}  # fmt: skip
HEALTH_WORDS = {"健康": Health.HEALTHY, "良好": Health.HEALTHY, "一般": Health.FAIR,
                "较差": Health.POOR, "差": Health.POOR}  # fmt: skip
PROBATION = "预备党员"


class LrmxError(ValueError):
    """A file that cannot be read as an appointment form; the message names the element."""


def label(element: str) -> str:
    return f"{element}（{ELEMENTS.get(element, element)}）"


def month(day: dt.date | None) -> str:
    """LRMX's year-month form: 197503."""
    return f"{day:%Y%m}" if day else ""


# ---- writing -------------------------------------------------------------------------------


def write(values: dict[str, Any]) -> bytes:
    """The LRMX file of `values` (element -> text; JianLi a list of lines; JiaTingChengYuan a
    list of dicts keyed by FAMILY). Elements not given are written empty, as the software does."""
    root = ET.Element("Person")
    for element in ELEMENTS:
        node = ET.SubElement(root, element)
        value = values.get(element, "")
        if element == "JiaTingChengYuan":
            for member in value or []:
                item = ET.SubElement(node, "Item")
                for key in FAMILY:
                    ET.SubElement(item, key).text = str(member.get(key, ""))
        elif element == "JianLi":
            node.text = "\n".join(value or [])
        elif element == "Version":
            node.text = VERSION
        else:
            node.text = str(value)
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


# ---- reading -------------------------------------------------------------------------------


@dataclass
class Parsed:
    """What an LRMX file says of a person, in houbei's terms."""

    id_number: str
    fields: dict[str, Any]  # Person fields (codes, dates), only those the file gives
    resume: list[str] = field(default_factory=list)  # 简历 lines, read but not kept
    family: list[dict[str, str]] = field(default_factory=list)  # read but not kept
    ignored: list[str] = field(default_factory=list)  # unknown elements


_GB_DECLARATION = re.compile(
    rb"^\s*<\?xml[^>]*encoding=[\"'](gb2312|gbk|gb18030)[\"'][^>]*\?>", re.I
)


def _root(content: bytes) -> Any:
    if len(content) > MAX_BYTES:
        raise LrmxError(f"文件超过 {MAX_BYTES // 1024 // 1024} MB，不是一份任免审批表。")
    text: bytes | str = content
    if _GB_DECLARATION.match(content):  # expat reads no multi-byte Chinese encodings itself
        text = _GB_DECLARATION.sub(b"", content).decode("gb18030", errors="strict")
    elif content.startswith(b"\xef\xbb\xbf"):
        text = content[3:]
    try:
        root = fromstring(text)
    except DefusedXmlException as error:
        raise LrmxError("文件含有不允许的 DTD 或实体声明，出于安全原因拒绝读取。") from error
    except (ET.ParseError, UnicodeDecodeError, ValueError) as error:
        raise LrmxError(f"文件不是有效的 XML，无法读取（{error}）。") from error
    if root.tag != "Person":
        raise LrmxError(f"不是任免审批表（LRMX）文件：根元素应为 Person，实为 {root.tag}。")
    return root


def _text(root: Any, element: str) -> str:
    node = root.find(element)
    return (node.text or "").strip() if node is not None else ""


def _code(table: codes.CodeTable, element: str, value: str, words: dict[str, str]) -> str:
    compact = re.sub(r"\s+", "", value)
    if compact in words:
        return words[compact]
    try:
        return table.parse(compact)
    except CodeError as error:
        raise LrmxError(f"{label(element)}：{error}") from None


def _date(element: str, value: str) -> dt.date:
    try:
        return parse_date(value, allow_month=True)
    except DateError:
        raise LrmxError(f"{label(element)}：“{value}”不是日期，应写作 197503 或 1975.03") from None


def _identity(root: Any) -> tuple[str, dict[str, Any]]:
    name = re.sub(r"\s+", "", _text(root, "XingMing"))
    if not name:
        raise LrmxError(f"{label('XingMing')}不能为空。")
    raw = _text(root, "ShenFenZheng")
    if not raw:
        raise LrmxError(f"{label('ShenFenZheng')}不能为空：houbei 按公民身份号码确定人员。")
    try:
        parsed = parse_id_number(raw)
    except IdNumberError as error:
        raise LrmxError(f"{label('ShenFenZheng')}：{error}") from None
    fields: dict[str, Any] = {"name": name[:50]}
    born = _text(root, "ChuShengNianYue")
    if born:
        given = _date("ChuShengNianYue", born)
        if (given.year, given.month) != (parsed.birth_date.year, parsed.birth_date.month):
            raise LrmxError(
                f"{label('ChuShengNianYue')}：{born} 与身份号码中的出生日期"
                f"（{parsed.birth_date:%Y.%m}）不一致。"
            )
    sex = _text(root, "XingBie")
    if sex:
        fields["sex"] = _code(codes.SEX, "XingBie", sex, {})
        if fields["sex"] != parsed.sex:
            raise LrmxError(f"{label('XingBie')}：“{sex}”与身份号码中的性别不一致。")
    return parsed.number, fields


def _party(root: Any) -> dict[str, Any]:
    """RuDangShiJian holds the date a member joined (199807, with 预备党员 for a probationer), or
    the party or status of a non-member (民盟, 群众); empty means 群众."""
    value = _text(root, "RuDangShiJian")
    if not value:
        return {}
    found = re.match(r"\s*(\d{4}[.\-/年]?\d{1,2}月?)", value)
    if found:
        status = "02" if PROBATION in value else "01"
        return {"political_status": status, "party_joined_on": _date("RuDangShiJian", found[1])}
    return {"political_status": _code(codes.POLITICAL_STATUS, "RuDangShiJian", value, {})}


def _education(root: Any) -> dict[str, Any]:
    for element in ("QuanRiZhiJiaoYu_XueLi", "ZaiZhiJiaoYu_XueLi"):
        value = _text(root, element)
        if value:
            return {"education": _code(codes.EDUCATION, element, value, EDUCATION_WORDS)}
    return {}


def _other(root: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    ethnicity = _text(root, "MinZu")
    if ethnicity:
        fields["ethnicity"] = _code(codes.ETHNICITY, "MinZu", ethnicity, {})
    health = re.sub(r"\s+", "", _text(root, "JianKangZhuangKuang"))
    if health:
        if health not in HEALTH_WORDS:
            raise LrmxError(
                f"{label('JianKangZhuangKuang')}：“{health}”无法识别，应为 健康、一般 或 较差。"
            )
        fields["health"] = str(HEALTH_WORDS[health])
    major = _text(root, "ShuXiZhuanYeYouHeZhuanChang")
    if major:
        fields["major"] = major[:100]
    return fields


def read(content: bytes) -> Parsed:
    """The person an LRMX file describes; LrmxError names the element at fault."""
    root = _root(content)
    id_number, fields = _identity(root)
    fields |= _party(root) | _education(root) | _other(root)
    family = [
        {key: (item.findtext(key) or "").strip() for key in FAMILY}
        for item in root.findall("JiaTingChengYuan/Item")
    ]
    resume = [line.strip() for line in _text(root, "JianLi").splitlines() if line.strip()]
    ignored = sorted({child.tag for child in root if child.tag not in ELEMENTS})
    return Parsed(id_number, fields, resume, family, ignored)
