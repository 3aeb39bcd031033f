"""Fictional names and birth dates for the demo's people.

Names are drawn from lists of common surnames and given names; any likeness to a real person is
chance. Every name is unique within one demo build, so a search by name finds one person.
"""

from __future__ import annotations

import datetime as dt
import random

from houbei.lib.dates import age_on

# Common surnames, the most frequent in Henan first and repeated to weigh the draw.
SURNAMES = tuple(
    "王王王李李李张张张刘刘刘陈陈杨杨赵赵黄周吴徐孙孙胡朱高高林何郭郭马马罗梁宋宋郑谢韩韩"
    "唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏田任姜范方石姚谭邹金陆"
    "郝孔白崔康毛秦史侯邵孟段雷钱汤尹常武乔贺申牛原焦"
)
MALE_GIVEN = (
    "建国",
    "建军",
    "国强",
    "国庆",
    "卫东",
    "卫国",
    "志刚",
    "志强",
    "志军",
    "海军",
    "红军",
    "振华",
    "德胜",
    "保国",
    "永生",
    "长江",
    "新民",
    "文斌",
    "文杰",
    "学军",
    "庆丰",
    "满仓",
    "铁柱",
    "金锁",
    "春生",
    "秋生",
    "玉林",
    "玉山",
    "宝山",
    "东升",
    "利民",
    "富强",
    "俊杰",
    "浩然",
    "子豪",
    "宇航",
    "鹏飞",
    "晓东",
    "晓峰",
    "立新",
    "立军",
    "国栋",
    "广平",
    "新华",
    "明亮",
    "亮",
    "军",
    "伟",
    "刚",
    "勇",
    "磊",
    "涛",
    "斌",
    "超",
    "鑫",
    "杰",
    "凯",
    "森",
)
FEMALE_GIVEN = (
    "秀英",
    "桂兰",
    "玉梅",
    "丽娟",
    "红霞",
    "凤英",
    "素芳",
    "淑珍",
    "春梅",
    "秀兰",
    "爱华",
    "巧云",
    "丽萍",
    "晓燕",
    "海燕",
    "彩霞",
    "文静",
    "雪梅",
    "翠萍",
    "艳",
    "静",
    "敏",
    "娜",
    "丽",
    "萍",
    "婷婷",
    "佳慧",
    "梦瑶",
    "欣怡",
    "雨萱",
)
MALE = "1"
FEMALE = "2"


class NameMaker:
    """Unique fictional names; a village's own clan surname comes up often, as it does."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def make(self, rng: random.Random, *, sex: str, clan: str = "") -> str:
        given = MALE_GIVEN if sex == MALE else FEMALE_GIVEN
        for _ in range(200):
            surname = clan if clan and rng.random() < 0.4 else rng.choice(SURNAMES)
            name = surname + rng.choice(given)
            if name not in self._used:
                self._used.add(name)
                return name
        raise RuntimeError("演示数据姓名用尽")


def clan_of(village_name: str) -> str:
    """The surname a village is named after (张屯 → 张), or "" when it has none."""
    first = village_name[:1]
    return first if first in SURNAMES else ""


def birth_for_age(age: int, cutoff: dt.date, rng: random.Random) -> dt.date:
    """A birth date that makes someone exactly `age` full years old on the cut-off date."""
    latest = _years_before(cutoff, age)
    earliest = _years_before(cutoff, age + 1) + dt.timedelta(days=1)
    birth = earliest + dt.timedelta(days=rng.randrange((latest - earliest).days + 1))
    assert age_on(birth, cutoff) == age
    return birth


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year - years, day=28)
