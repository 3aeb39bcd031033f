"""12-digit statistical division codes (统计用区划代码), docs/domain.md §4.1.

Layout: 2 province + 2 city (prefecture) + 2 county (GB/T 2260) + 3 town (GB/T 10114)
+ 3 village (国家统计局). A code's level is its last non-zero part. Town digits: 001-099
街道, 100-199 镇, 200-399 乡, 400-599 政企合一单位.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

PROVINCES = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省",
    "36": "江西省", "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
    "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
}  # fmt: skip

# Prefecture-level cities without a county level: their towns sit directly under the
# city, so the county part is 00 (东莞 441900003000 东城街道, 中山, 儋州).
CITIES_WITHOUT_COUNTIES = frozenset({"4419", "4420", "4604"})

LEVELS = ("province", "city", "county", "town", "village")
_LEVEL_NAMES = ("省级", "地级", "县级", "乡级", "村级")
_BOUNDS = (0, 2, 4, 6, 9, 12)
LENGTH = 12


class RegionCodeError(ValueError):
    """A code that cannot be a statistical division code; the message is for the user."""


@dataclass(frozen=True)
class RegionCode:
    code: str
    province: str
    city: str
    county: str
    town: str
    village: str
    level: str

    @property
    def parts(self) -> tuple[str, str, str, str, str]:
        return (self.province, self.city, self.county, self.town, self.village)

    @property
    def prefix(self) -> str:
        """The code without its trailing zero parts: 2, 4, 6, 9 or 12 digits."""
        return self.code[: _BOUNDS[LEVELS.index(self.level) + 1]]


def parse_region_code(code: str) -> RegionCode:
    """Validate a 12-digit code and split it into its parts."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", code))
    if len(text) != LENGTH or not text.isascii() or not text.isdigit():
        raise RegionCodeError(f"区划代码“{code.strip()}”应为12位数字")
    parts = [text[start:end] for start, end in pairwise(_BOUNDS)]
    _check_province(text, parts[0])
    _check_no_gaps(text, parts)
    _check_town(text, parts[3])
    level = LEVELS[max(i for i, part in enumerate(parts) if int(part) or i == 0)]
    province, city, county, town, village = parts
    return RegionCode(text, province, city, county, town, village, level)


def _check_province(text: str, province: str) -> None:
    if province not in PROVINCES:
        raise RegionCodeError(f"区划代码“{text}”的前两位 {province} 不是省级代码")


def _check_no_gaps(text: str, parts: list[str]) -> None:
    for i in range(1, len(parts) - 1):
        if int(parts[i]) == 0 and any(int(part) for part in parts[i + 1 :]):
            if i == 2 and text[:4] in CITIES_WITHOUT_COUNTIES:
                continue
            raise RegionCodeError(
                f"区划代码“{text}”不完整：{_LEVEL_NAMES[i]}部分为 {parts[i]}，其后的部分却不为零"
            )


def _check_town(text: str, town: str) -> None:
    if int(town) > 599:
        raise RegionCodeError(f"区划代码“{text}”的乡级部分 {town} 超出 001–599 的范围")


def town_kind(code: str) -> str:
    """街道 (001-099), 镇 (100-199), 乡 (200-399) or 政企合一 (400-599)."""
    town = int(_at_least(code, "town").town)
    if town < 100:
        return "街道"
    if town < 200:
        return "镇"
    return "乡" if town < 400 else "政企合一"


def is_community(code: str) -> bool:
    """True for a 居委会/社区 (village digits 001-199), False for a 村委会 (200+).

    Observed, not quoted: every published sample numbers 居委会 from 001 and 村委会 from
    200, but the written rule for the village block was not found (docs/domain.md §4.1).
    """
    region = _at_least(code, "village")
    return int(region.village) < 200


def parent_code(code: str) -> str | None:
    """The 12-digit code one level up (None for a province). A town of 东莞 has the city
    as its parent, since there is no county level in between."""
    region = parse_region_code(code)
    if region.level == "province":
        return None
    index = LEVELS.index(region.level)
    kept = "".join(region.parts[:index])
    return parse_region_code(kept.ljust(LENGTH, "0")).code


def prefix(code: str) -> str:
    """The code without trailing zero parts: 2, 4, 6, 9 or 12 digits (for prefix search)."""
    return parse_region_code(code).prefix


def _at_least(code: str, level: str) -> RegionCode:
    region = parse_region_code(code)
    if LEVELS.index(region.level) < LEVELS.index(level):
        raise RegionCodeError(f"区划代码“{region.code}”不是{_LEVEL_NAMES[LEVELS.index(level)]}代码")
    return region
