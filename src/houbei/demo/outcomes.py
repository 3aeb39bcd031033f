"""The end of the candidate's way in the demo (考评与奖退), as of the demo's date (2026-11-23):

- the six trainees on practice posts have a mentor's rating for November and a rating at the
  observation meeting held that day; four of them are scored (综合评分): three pass, one (rated
  一般 and 较差) falls under the pass line and stays placed;
- of the three who passed, one passes a paper poll at the party members' meeting (entered by the
  office, confirmed by the town leader) and is proposed for appointment as a committee member,
  waiting for the leader (whose approval waits for the practice post's end, 2027-01-20); another's
  paper poll is void: too few ballots came back for the quorum; the third has not been polled.

Nobody is appointed or removed, so the pool the risk assessment reads, and the demo's 6/12/14/10
colours, stay as they were. The targets table shows before (committees at the round's start) and
projected values; the after column stays empty until an election is entered. Only the context's
generators are drawn from; no code slips are issued (their codes are random by design).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from houbei.cultivation import services as cultivation
from houbei.cultivation.models import Placement
from houbei.demo.cultivation import DEMO_DAY
from houbei.outcomes import services
from houbei.reserves.models import Candidate

if TYPE_CHECKING:
    from houbei.demo.context import DemoContext

RATINGS = [
    ("优秀", "良好"),
    ("良好", "优秀"),
    ("良好", "良好"),
    ("一般", "较差"),
    ("良好", "一般"),
    ("优秀", "优秀"),
]
NOTES = [
    "工作主动，群众认可",
    "熟悉村情，协调能力较强",
    "踏实肯干",
    "出勤不够稳定",
    "进步明显",
    "表现突出",
]


def _rate(placements: list[Placement], context: DemoContext) -> None:
    town = context.users["town"]
    plan = placements[0].trainee.plan
    meeting = cultivation.hold_meeting(
        plan=plan,
        held_on=DEMO_DAY,
        place="吴村镇党员活动中心",
        attendees="镇党委副书记、组织委员、各管理区书记",
        actor=town,
    )
    for n, placement in enumerate(placements):
        mentor, panel = RATINGS[n % len(RATINGS)]
        cultivation.rate_month(
            placement=placement, month=DEMO_DAY, rating=mentor, note=NOTES[n], actor=town
        )
        cultivation.rate_at_meeting(
            meeting=meeting, placement=placement, rating=panel, comments="", actor=town
        )


def _poll(candidate: Candidate, context: DemoContext, *, returned: int, counts: list[int]) -> None:
    poll = services.open_poll(
        candidate=candidate,
        electorate="party_members",
        scale="satisfaction",
        way="paper",
        held_on=DEMO_DAY,
        eligible=46,
        actor=context.users["town"],
    )
    services.enter_tally(
        poll=poll,
        issued=returned,
        returned=returned,
        valid=sum(counts),
        invalid=returned - sum(counts),
        counts=counts,
        actor=context.users["town"],
    )
    services.confirm_tally(poll=poll, actor=context.users["leader"])


def build(context: DemoContext) -> None:
    town = context.users["town"]
    placements = list(
        Placement.objects.select_related("candidate", "trainee__plan").order_by(
            "candidate__village__code", "candidate__pk"
        )
    )
    if not placements:
        return
    _rate(placements, context)
    evaluated = []
    for placement in placements[:4]:
        evaluation = services.evaluate(
            candidate=placement.candidate, evaluated_on=DEMO_DAY, actor=town
        )
        if evaluation.passed:
            evaluated.append(placement.candidate)
    rng = context.random("outcomes:poll")
    first, second = evaluated[0], evaluated[1]
    _poll(first, context, returned=44, counts=[31 + rng.randint(0, 4), 6, 2])
    _poll(second, context, returned=21, counts=[15, 4, 2])  # 21 of 46 is not more than half
    first.refresh_from_db()
    services.propose_appointment(
        candidate=first,
        role="member",
        term_start=dt.date(2027, 1, 21),
        term_until=dt.date(2031, 12, 31),
        document="吴村镇党委关于吸纳后备干部进村“两委”班子的决定（拟）",
        actor=town,
    )
