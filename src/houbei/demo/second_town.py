"""A second, small demo town in the same county, so the county officer's towns page compares
two towns with work in them (not 吴村镇 beside twenty-one empty towns).

南村镇 (a reference town of 辉县市) gets six invented villages directly under the town, each with
a committee fitting its tier (the foundation's planners), a few open problems (two overdue), and
early reserve candidates only (nominated, screened or recommended): nobody in the pool and no
joint review, so the county sees a weaker town with no ready secretary reserve anywhere, and the
demo reviewer's queue and 吴村镇's figures stay as they were. No account is tied to 南村镇: the
county officer sees it; the town's own staff are not part of the demo. Written through the
services with no actor (the demo's town accounts belong to 吴村镇); the audit log holds it all.
Cheap on purpose: about 30 people, so `make run`'s demo stays fast.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from houbei.demo.foundation import PLANNERS, _backgrounds, _term_start
from houbei.demo.story import Tier, VillageStory
from houbei.people.models import Health
from houbei.people.services import appoint_to_post
from houbei.regions.models import Level, Region
from houbei.regions.services import create_region
from houbei.reserves import services as reserves
from houbei.risk import services as risk
from houbei.risk.models import ProblemKind

if TYPE_CHECKING:
    from houbei.demo.context import DemoContext

TOWN_CODE = "410782107000"  # 南村镇 in the reference list (houbei.regions.data.huixian)
# (code, name, tier, flags as in houbei.demo.story: S secretary vacant, D 一肩挑, note); the
# names and codes are invented, numbered from 201 as 吴村镇's are.
ROWS: tuple[tuple[str, str, Tier, str, str], ...] = (
    ("410782107201", "南村", "red", "S", "书记空缺，班子不全"),
    ("410782107202", "井湾村", "orange", "", "书记临近年龄上限，后备难定"),
    ("410782107203", "东沙窑村", "orange", "", "书记临近年龄上限，班子平庸"),
    ("410782107204", "西岭村", "yellow", "", "书记能干，班子年龄偏大"),
    ("410782107205", "柏树庄村", "yellow", "", "书记能干，班子年龄偏大"),
    ("410782107206", "马坊村", "green", "D", "书记兼主任，年轻有学历"),
)
STORY: tuple[VillageStory, ...] = tuple(
    VillageStory(
        code=code,
        name=name,
        district="",
        tier=tier,
        secretary_vacant="S" in flags,
        dual_role="D" in flags,
        note=note,
    )
    for code, name, tier, flags, note in ROWS
)
# (village, kind, title, due date): two are overdue by the demo's date.
PROBLEMS = (
    ("南村", ProblemKind.OTHER, "书记人选尚未物色到", dt.date(2026, 11, 10)),
    ("南村", ProblemKind.PETITION_BACKLOG, "宅基地纠纷多次上访", dt.date(2026, 11, 25)),
    ("井湾村", ProblemKind.OTHER, "班子不团结，需调整分工", dt.date(2026, 12, 20)),
    ("东沙窑村", ProblemKind.PETITION_BACKLOG, "采砂补偿款分配有争议", dt.date(2026, 12, 31)),
)
# (village, target post, the furthest step reached).
CANDIDATES = (
    ("南村", "secretary", "nominated"),
    ("井湾村", "member", "screened"),
    ("西岭村", "secretary", "recommended"),
    ("柏树庄村", "member", "nominated"),
    ("马坊村", "secretary", "recommended"),
)
STEPS = ("nominated", "screened", "recommended")


def build(context: DemoContext) -> None:
    town = Region.objects.get(code=TOWN_CODE)
    villages = {
        row.name: create_region(name=row.name, level=Level.VILLAGE, parent=town, code=row.code)
        for row in STORY
    }
    for row in STORY:
        _seat(context, row, villages[row.name])
    for name, kind, title, due in PROBLEMS:
        risk.create_problem(
            village=villages[name],
            election_round=context.election_round,
            fields={"kind": kind, "title": title, "owner_name": "镇党委副书记", "due_on": due},
            actor=None,
        )
    for name, post, step in CANDIDATES:
        _walk(context, villages[name], post, step)


def _seat(context: DemoContext, row: VillageStory, village: Region) -> None:
    rng = context.random(f"second-town:committee:{row.code}")
    for seat in PLANNERS[row.tier](row, rng):
        person = context.new_person(
            village=village,
            age=seat.age,
            rng=rng,
            sex=seat.sex,
            education=seat.education,
            political_status=seat.political_status,
            backgrounds=_backgrounds(seat, rng),
            health=Health.FAIR if seat.age >= 64 else Health.HEALTHY,
        )
        start = _term_start(rng)
        for role in seat.roles:
            appoint_to_post(person=person, village=village, role=role, term_start=start, actor=None)


def _walk(context: DemoContext, village: Region, post: str, step: str) -> None:
    rng = context.random(f"second-town:candidate:{village.code}")
    day = context.cutoff - dt.timedelta(days=100)
    person = context.new_person(
        village=village,
        age=rng.randint(28, 42),
        rng=rng,
        education="31",
        political_status="01",
        backgrounds=["returning_entrepreneur"],
    )
    candidate = reserves.nominate(
        person=person,
        village=village,
        election_round=context.election_round,
        target_post=post,
        source="field_survey",
        background="returning_entrepreneur",
        actor=None,
    )
    reached = STEPS.index(step)
    if reached >= 1:
        reserves.record_interview(
            candidate, kind="visit", held_on=day, participants=rng.randint(5, 10),
            summary="入户走访，群众评价较好。", actor=None,
        )  # fmt: skip
        reserves.record_screening(
            candidate, result="passed", screened_on=day + dt.timedelta(days=5), findings="",
            actor=None,
        )  # fmt: skip
    if reached >= 2:
        candidate.refresh_from_db()
        reserves.record_vote(
            candidate, meeting_type="joint", held_on=day + dt.timedelta(days=15), eligible=40,
            attended=37, votes_for=33, votes_against=3, abstentions=1, actor=None,
        )  # fmt: skip
