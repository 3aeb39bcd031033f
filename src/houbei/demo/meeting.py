"""The demo's leading groups (领导小组), the judgement meeting (研判会) of the demo's first
assessment week with the actions it assigned, and a 包村干部 named for every green-tier village
(the demo liaison answers for his own; issue 13 §7)."""

from __future__ import annotations

import datetime as dt

from houbei.demo.context import DemoContext
from houbei.demo.names import MALE
from houbei.risk import services
from houbei.risk.models import Duty
from houbei.rounds import leading
from houbei.rounds.models import LeadingGroupMember, LeadingPosition

WEEK = dt.date(2026, 11, 23)  # the Monday of the demo's first assessment (demo.risk.TODAY)
HELD_ON = WEEK + dt.timedelta(days=4)

P = LeadingPosition
# (region: "county" or "town", position, name, title, duty, account)
GROUP = (
    ("county", P.HEAD, "高建民", "县委常委、组织部部长",
     "全面负责全县村（社区）“两委”换届工作", None),
    ("county", P.OFFICE_DIRECTOR, "赵志远", "县委组织部副部长",
     "负责换届办日常工作，汇总各乡镇研判情况", "county"),
    ("town", P.HEAD, "王建军", "吴村镇党委书记", "全面负责全镇换届工作，主抓红色村", "leader"),
    ("town", P.DEPUTY, "张红梅", "吴村镇党委副书记", "协助组长工作，挂帅橙色村", None),
    ("town", P.OFFICE_DIRECTOR, "李晓燕", "党建办主任", "负责研判会组织、台账和周报", "town"),
    ("town", P.MEMBER, "周立平", "镇纪委书记", "负责资格联审和换届纪律监督", None),
    ("town", P.MEMBER, "吴海涛", "信访办主任", "负责矛盾纠纷和信访积案化解", None),
    ("town", P.MEMBER, "刘国栋", "包村干部",
     "负责张屯村、潘村、王展村、团相村的摸排和问题跟踪", "liaison"),
)  # fmt: skip

DECISIONS = (
    "一、团相村、荒里村、新落营村书记空缺，由王建军同志牵头，两周内提出书记人选意见。\n"
    "二、西常务村、刘店村书记年龄超限，责成党建办会同管理区摸排可转任或接替的人选。\n"
    "三、橙色村矛盾纠纷逐件建立问题清单，明确责任人和时限，逾期未销号的在下周研判会通报。"
)
# (task, owner's username, days after the meeting)
ACTIONS = (
    ("到团相村走访党员群众，摸排书记人选，形成书面意见", "liaison", 7),
    ("整理西常务村、刘店村可转任人选名单，提交下周研判会", "town", 10),
    ("约谈荒里村在任班子成员，了解参选意愿", "leader", 5),
)


def build(context: DemoContext) -> None:
    members = _group(context)
    _liaisons(context)
    actor = context.users["town"]
    meeting = services.record_meeting(
        town=context.town,
        held_on=HELD_ON,
        members=[m for m in members if m.region_id == context.town.pk],
        accounts=[],
        decisions=DECISIONS,
        confirmed=[],
        actor=actor,
    )
    for task, username, days in ACTIONS:
        services.assign_action(
            meeting=meeting, task=task, owner=context.users[username],
            due_on=HELD_ON + dt.timedelta(days=days), actor=actor,
        )  # fmt: skip


def _group(context: DemoContext) -> list[LeadingGroupMember]:
    found = []
    for order, (where, position, name, title, duty, username) in enumerate(GROUP, start=1):
        region = context.county if where == "county" else context.town
        user = context.users[username] if username else None
        fields = {"region": region, "user": user, "name": name, "title": title,
                  "position": position, "duty": duty, "order": order}  # fmt: skip
        actor = context.users["county" if where == "county" else "town"]
        found.append(
            leading.add_member(election_round=context.election_round, fields=fields, actor=actor)
        )
    return found


def _liaisons(context: DemoContext) -> None:
    """A 包村干部 for every green-tier village the demo liaison does not cover: the green
    colour's responsibility line names one (the liaison account counts for its own)."""
    covered = set(context.users["liaison"].villages.values_list("pk", flat=True))
    rng = context.random("meeting:liaisons")
    for village in context.villages_by_tier()["green"]:
        if village.pk in covered:
            continue
        services.create_assignment(
            fields={"region": village, "duty": Duty.LIAISON,
                    "name": context.names.make(rng, sex=MALE), "title": "镇机关干部（包村）"},
            actor=context.users["town"],
        )  # fmt: skip
