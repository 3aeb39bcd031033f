"""The demo town's story: 吴村镇's 42 villages, their districts and the risk tier each is meant to
reach when the risk capability assesses the planted facts.

The tier is *intended*, never stored: the weekly assessment computes colours from facts, so every
module that plants demo data (foundation, reserves, risk) plants facts that fit this table.
docs/design.md §1 step 2 describes the four tiers; in the seed town 6 villages were red, 12 orange,
14 yellow and 10 green.

- red: incomplete committee (secretary vacant in 4 of the 6, committee short by 2 or more), an
  old secretary (61 or older at the round's cut-off date) where there is one, no ready reserve.
- orange: committee complete or short by one, an ageing secretary (57–60), a mediocre team.
- yellow: a capable secretary aged 45–56, a complete but ageing committee (members mostly 55+).
- green: a complete committee, a younger secretary (35–50) who is also the chair (一肩挑),
  college-educated (GB/T 4658 codes 31/21), strong reserves.

Village names: the first 25, in docs/domain.md §5.4 order, are the names a public page gives
for 吴村镇; the other 17 are invented in the same style. The 12-digit codes are FICTIONAL: the
official village codes of 吴村镇 were not found (docs/domain.md §5.4), so the demo numbers its
villagers' committees 201…242 after the observed rule that 村委会 are numbered from 200
(docs/domain.md §4.1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Tier = Literal["red", "orange", "yellow", "green"]
TIERS: tuple[Tier, ...] = ("red", "orange", "yellow", "green")
TIER_COUNTS: dict[Tier, int] = {"red": 6, "orange": 12, "yellow": 14, "green": 10}

TOWN_CODE = "410782106000"
TOWN_NAME = "吴村镇"
FIRST_VILLAGE_NUMBER = 201  # 村委会 numbered from 200 (observed, docs/domain.md §4.1); fictional

# The four districts (管理区) of the demo town; districts have no statistical code.
DISTRICTS = ("张屯管理区", "常务管理区", "邓城管理区", "落安营管理区")


@dataclass(frozen=True)
class VillageStory:
    code: str
    name: str
    district: str
    tier: Tier
    secretary_vacant: bool = False
    chair_vacant: bool = False
    dual_role: bool = False
    note: str = ""


# (village name without the 村 suffix, district index, tier, flags, note); flags: S = secretary
# vacant, C = chair vacant, D = the secretary is also the chair (一肩挑).
_ROWS: tuple[tuple[str, int, Tier, str, str], ...] = (
    ("张屯", 0, "green", "D", "书记兼主任，年轻有学历，后备充足"),
    ("潘村", 0, "yellow", "", "书记能干，班子年龄偏大"),
    ("王展", 0, "orange", "", "书记临近年龄上限，班子平庸"),
    ("团相", 0, "red", "S", "书记空缺，班子不全"),
    ("张村", 0, "yellow", "", "书记能干，班子年龄偏大"),
    ("鲁庄", 0, "orange", "", "书记临近年龄上限，后备难定"),
    ("山阳", 0, "green", "D", "书记兼主任，后备充足"),
    ("五冲河", 0, "yellow", "", "书记能干，班子年龄偏大"),
    ("官店", 2, "green", "D", "书记兼主任，后备充足"),
    ("协店", 2, "orange", "", "书记临近年龄上限，情况复杂"),
    ("邓城", 2, "green", "D", "书记兼主任，年轻有学历"),
    ("杨起营", 2, "red", "SC", "书记、主任均空缺，班子严重不全"),
    ("王范", 2, "orange", "", "书记临近年龄上限，班子平庸"),
    ("张寨", 2, "yellow", "", "书记能干，班子年龄偏大"),
    ("东常务", 1, "yellow", "", "书记能干，班子年龄偏大"),
    ("西常务", 1, "red", "C", "书记年龄超限，主任空缺，班子不全"),
    ("南常务", 1, "orange", "", "书记临近年龄上限，信访积案"),
    ("延和", 1, "yellow", "", "书记能干，班子年龄偏大"),
    ("尚厂", 1, "orange", "", "书记临近年龄上限，后备难定"),
    ("荒里", 1, "red", "S", "书记空缺，班子不全"),
    ("落安营", 3, "yellow", "", "书记能干，班子年龄偏大"),
    ("小庄", 1, "yellow", "", "书记能干，班子年龄偏大"),
    ("三王庄", 1, "orange", "", "书记临近年龄上限，班子平庸"),
    ("王放营", 3, "orange", "", "书记临近年龄上限，情况复杂"),
    ("新落营", 3, "red", "S", "书记空缺，班子不全"),
    # Invented in the same style from here on.
    ("石河", 0, "orange", "", "书记临近年龄上限，班子平庸"),
    ("柳树营", 0, "yellow", "", "书记能干，班子年龄偏大"),
    ("北岭", 0, "green", "D", "书记兼主任，后备充足"),
    ("北常务", 1, "green", "D", "书记兼主任，后备充足"),
    ("前屯", 1, "green", "D", "书记兼主任，年轻有学历"),
    ("后屯", 2, "yellow", "", "书记能干，班子年龄偏大"),
    ("刘店", 2, "red", "D", "书记年龄超限且一肩挑，班子不全"),
    ("马营", 2, "orange", "", "书记临近年龄上限，后备难定"),
    ("孙寨", 2, "yellow", "", "书记能干，班子年龄偏大"),
    ("郭庄", 2, "green", "D", "书记兼主任，后备充足"),
    ("高庄", 3, "green", "D", "书记兼主任，后备充足"),
    ("白庄", 3, "yellow", "", "书记能干，班子年龄偏大"),
    ("东岗", 3, "orange", "", "书记临近年龄上限，班子平庸"),
    ("西岗", 3, "yellow", "", "书记能干，班子年龄偏大"),
    ("宋庄", 3, "orange", "", "书记临近年龄上限，信访积案"),
    ("韩庄", 3, "green", "D", "书记兼主任，后备充足"),
    ("李家营", 3, "yellow", "", "书记能干，班子年龄偏大"),
)


def _village_name(stem: str) -> str:
    return stem if stem.endswith("村") else f"{stem}村"


def _code(number: int) -> str:
    return f"{TOWN_CODE[:9]}{number:03d}"


STORY: tuple[VillageStory, ...] = tuple(
    VillageStory(
        code=_code(FIRST_VILLAGE_NUMBER + index),
        name=_village_name(stem),
        district=DISTRICTS[district],
        tier=tier,
        secretary_vacant="S" in flags,
        chair_vacant="C" in flags,
        dual_role="D" in flags,
        note=note,
    )
    for index, (stem, district, tier, flags, note) in enumerate(_ROWS)
)

# The liaison's villages: four villages of 张屯管理区, one of each tier.
LIAISON_VILLAGES = ("张屯村", "潘村", "王展村", "团相村")


def villages_by_tier(rows: Iterable[VillageStory] = STORY) -> dict[Tier, list[VillageStory]]:
    """The story rows grouped by intended tier, in table order (every tier present)."""
    grouped: dict[Tier, list[VillageStory]] = {tier: [] for tier in TIERS}
    for row in rows:
        grouped[row.tier].append(row)
    return grouped


def story_of(name: str) -> VillageStory:
    """The story row of a village by its name (as stored, e.g. "张屯村")."""
    for row in STORY:
        if row.name == name:
            return row
    raise KeyError(name)
