"""The seed town's cultivation plan (培养先行) in the demo, as of the demo's date (2026-11-23,
the Monday of the first risk assessment, houbei.demo.risk.TODAY).

- Ten classes of 3 hours (30 in all), Thursdays from 2026-10-15 to 2026-12-22, on the seed
  town's topics; the six held by the demo's date have their sign-in: most present, a few late, a
  few on leave with a reason, and one trainee absent twice (6 hours, more than a seventh of 30),
  proposed for withdrawal (调整出列) by the over-limit flag.
- The town tested the theory part after the sixth class (2026-11-21): one trainee failed and
  failed the resit (2026-11-23), proposed for removal and waiting for the town leader; the others
  passed (培训合格).
- Six of those who passed started their practice posts (实岗锻炼) on 2026-11-21, as assistants or
  work-team members with duty areas from the rules and the village secretary as mentor; the first
  four have a work log entry for each day since.

Nobody leaves the pool (the proposals wait for the leader), so the bench the risk assessment
reads, and the demo's 6/12/14/10 colours, do not change. Only the context's generators are drawn
from; no code slips are issued (their codes are random by design).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from houbei.cultivation import services
from houbei.cultivation.models import Trainee
from houbei.people.models import Post
from houbei.people.models import Role as PostRole

if TYPE_CHECKING:
    from houbei.demo.context import DemoContext

DEMO_DAY = dt.date(2026, 11, 23)
TEST_DAY = dt.date(2026, 11, 21)
CLASSES = [
    (dt.date(2026, 10, 15), "学习贯彻党的路线方针政策", "镇党委书记 王建军"),
    (dt.date(2026, 10, 22), "“五星”支部创建", "县委组织部 组织科"),
    (dt.date(2026, 10, 29), "信访工作法治化", "县信访局 刘明"),
    (dt.date(2026, 11, 5), "矛盾纠纷排查调解", "镇司法所 陈静"),
    (dt.date(2026, 11, 12), "耕地保护和宅基地管理", "镇自然资源所 赵刚"),
    (dt.date(2026, 11, 19), "村级议事决策“四议两公开”", "县委党校 孙丽"),
    (dt.date(2026, 11, 26), "发展壮大村集体经济", "镇农经站 周强"),
    (dt.date(2026, 12, 3), "换届纪律和选举程序", "县委组织部 组织科"),
    (dt.date(2026, 12, 10), "基层党组织建设和党员管理", "县委党校 孙丽"),
    (dt.date(2026, 12, 22), "乡村振兴与产业发展", "镇党委副书记 李华"),
]
LEAVE_REASONS = ["外出务工请假", "家中有事", "身体不适", "村里防汛值班", "参加县里会议"]
ROLES = ["secretary_assistant", "chair_assistant", "work_team"]
LOGS = [
    "随村书记入户走访，了解困难群众医保缴费情况",
    "参加村“两委”例会，记录议事过程",
    "协助调解一起宅基地边界纠纷",
    "整理村党支部“五星”创建台账",
]


def _add_classes(plan: Any, town: Any) -> list[Any]:
    return [
        services.add_session(
            plan=plan,
            held_on=day,
            starts_at=dt.time(14, 30),
            ends_at=dt.time(17, 30),
            hours=Decimal(3),
            topic=topic,
            teacher=teacher,
            venue="吴村镇党员活动中心",
            actor=town,
        )  # fmt: skip
        for day, topic, teacher in CLASSES
    ]


def _marks(trainees: list[Trainee], index: int, context: DemoContext, taken: set[int]) -> list[Any]:
    rng = context.random(f"cultivation:attendance:{index}")
    marks = []
    for position, trainee in enumerate(trainees):
        draw = rng.random()
        if position == 7 and index in (2, 4):  # the trainee over the leave limit
            marks.append(services.Mark(trainee, "absent"))
        elif draw < 0.05 and trainee.pk not in taken and position != 7:
            taken.add(trainee.pk)
            marks.append(services.Mark(trainee, "leave", rng.choice(LEAVE_REASONS)))
        else:
            marks.append(services.Mark(trainee, "late" if draw > 0.95 else "present"))
    return marks


def _test(trainees: list[Trainee], context: DemoContext, town: Any) -> list[Trainee]:
    rng = context.random("cultivation:test")
    passed = []
    for position, trainee in enumerate(trainees):
        if position == 7:  # proposed for withdrawal already; not tested
            continue
        score = Decimal(52) if position == 3 else Decimal(rng.randint(64, 96))
        services.record_exam(trainee=trainee, score=score, taken_on=TEST_DAY, actor=town)
        if position == 3:
            services.record_exam(trainee=trainee, score=Decimal(57), taken_on=DEMO_DAY, actor=town)
        else:
            passed.append(trainee)
    return passed


def _secretary(village: Any) -> Any:
    post = Post.objects.sitting(DEMO_DAY).filter(village=village, role=PostRole.SECRETARY).first()
    return post.person if post else None


def _place(passed: list[Trainee], context: DemoContext, town: Any, liaison: Any) -> None:
    """Work logs are entered by the liaison for their own villages' trainees, else the office."""
    rng = context.random("cultivation:placements")
    own = set(liaison.villages.values_list("pk", flat=True))
    areas = ["党建", "信访", "医保", "治安"]
    for position, trainee in enumerate(passed[:6]):
        trainee.refresh_from_db()
        village = trainee.village if position % 2 == 0 else passed[position + 1].village
        placement = services.place(
            trainee=trainee, village=village, role=ROLES[position % 3],
            duty_areas=sorted(rng.sample(areas, 2), key=areas.index),
            mentor=_secretary(village), starts_on=TEST_DAY, actor=town,
        )  # fmt: skip
        if position < 4:
            for offset in (1, 2):
                services.add_work_log(
                    placement=placement,
                    logged_on=TEST_DAY + dt.timedelta(days=offset),
                    text=LOGS[(position + offset) % len(LOGS)],
                    actor=liaison if trainee.village_id in own else town,
                )


def build(context: DemoContext) -> None:
    town = context.users["town"]
    plan = services.create_plan(
        election_round=context.election_round,
        town=context.town,
        title="吴村镇2026年村级后备力量培养计划",
        actor=town,
    )
    sessions = _add_classes(plan, town)
    services.enroll_pooled(plan=plan, actor=town)
    trainees = list(
        Trainee.objects.filter(plan=plan).order_by("village__code", "candidate__rank", "pk")
    )
    taken: set[int] = set()
    for index, session in enumerate(s for s in sessions if s.held_on <= DEMO_DAY):
        marks = _marks(trainees, index, context, taken)
        services.mark_roster(session=session, marks=marks, actor=town)
    passed = _test(trainees, context, town)
    _place(passed, context, town, context.users["liaison"])
