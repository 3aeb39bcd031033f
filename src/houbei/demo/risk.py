"""The demo's risk facts: leadership assignments (分片包干), a survey of every sitting cadre,
village facts, problem lists and a few confirmed outlooks, chosen so that the FIRST assessment
computes 6 red, 12 orange, 14 yellow and 10 green villages (houbei.demo.story). No colour is
stored.

The committees (foundation) and reserves (reserves demo) are already planted when this runs, so
the free facts of each village — survey ratings, the secretary's intention, conflicts and
petitions, past election trouble — are picked from a short list of values natural for its tier,
in order, until the round's own rules give the intended colour. Red villages whose secretary
post is vacant get moderate facts: the hard rule (vacant, nobody ready) is what makes them red,
so filling the post and pooling a ready reserve turns them orange.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from random import Random

from houbei.accounts.types import Actor
from houbei.demo.context import MALE, DemoContext
from houbei.demo.story import DISTRICTS, VillageStory
from houbei.people.models import Person
from houbei.regions.models import Region
from houbei.reserves.models import POOL_STAGES, Candidate, Readiness
from houbei.risk import services
from houbei.risk.engine.context import Context, context_for
from houbei.risk.engine.measures import SECRETARY, VillageInputs, collect, measure
from houbei.risk.engine.scoring import Rules
from houbei.risk.models import Duty, Outlook, ProblemKind
from houbei.risk.rules import risk_rules
from houbei.rounds.rules import core_rules
from houbei.rounds.services import current_rules

TODAY = dt.date(2026, 11, 23)  # the Monday the demo's first assessment belongs to
RATING_PAIRS = {5: (5, 5), 4.5: (5, 4), 4: (4, 4), 3.5: (4, 3), 3: (3, 3), 2.5: (3, 2), 2: (2, 2)}
RATING_PAIRS |= {1.5: (2, 1), 1: (1, 1)}


@dataclass(frozen=True)
class Plan:
    """The free facts of one village."""

    secretary: float
    team: float
    dual: bool
    conflicts: int
    past: int
    clans: int = 0


# Values natural for each tier, most natural first: (secretary, team, dual, conflicts, past).
Choices = tuple[list[float], list[float], list[bool], list[int], list[int]]
CHOICES: dict[str, Choices] = {
    "green": ([5, 4.5], [4.5, 4, 5], [True], [0, 1], [0]),
    "yellow": ([4.5, 4, 5], [3, 3.5, 4], [False], [1, 0, 2], [0, 1]),
    "orange": ([3, 3.5, 2.5, 4], [2.5, 3, 2], [False], [2, 3, 1], [1, 0]),
    "red": ([2, 1.5, 2.5], [2, 2.5, 1.5], [False], [4, 3, 5], [1, 2]),
    "red_vacant": ([3], [3, 3.5], [False], [1, 0], [0]),
}


def build(context: DemoContext) -> None:
    _assign_leaders(context)
    rule_set = current_rules(context.election_round)
    ctx = context_for(context.election_round, rule_set, TODAY)
    villages = Region.objects.filter(pk__in=[v.pk for v in context.villages.values()])
    found = collect(villages, context.election_round, ctx)
    compiled = Rules(risk_rules(rule_set).section)
    for row in context.story:
        village = context.villages[row.name]
        plan = _solve(
            row, found[village.pk], compiled, ctx, context.random(f"risk:plan:{row.code}")
        )
        _plant(context, row, village, plan)


def _options(row: VillageStory, rng: Random) -> Iterator[Plan]:
    tier = "red_vacant" if row.tier == "red" and row.secretary_vacant else row.tier
    secretary, team, dual, conflicts, past = CHOICES[tier]
    first = [rng.choice(secretary), rng.choice(team)]  # some variety between villages
    for s, t, d, c, p in itertools.product(
        [first[0], *secretary], [first[1], *team], dual, conflicts, past
    ):
        yield Plan(s, t, d, c, p, clans=1 if row.tier in ("red", "orange") and c >= 2 else 0)


def _trial(inputs: VillageInputs, plan: Plan) -> VillageInputs:
    surveys = {
        person_id: (
            plan.secretary if roles & SECRETARY else plan.team,
            "dual_role" if plan.dual and roles & SECRETARY else "run_again",
            "stay",
            False,
        )
        for person_id, (_, roles) in inputs.cadres.items()
    }
    petitions = plan.conflicts - plan.clans
    return replace(inputs, surveys=surveys, facts=(0, petitions, plan.clans, plan.past))


def _solve(
    row: VillageStory, inputs: VillageInputs, rules: Rules, ctx: Context, rng: Random
) -> Plan:
    for plan in _options(row, rng):
        if rules.judge(measure(_trial(inputs, plan), ctx)).colour == row.tier:
            return plan
    raise RuntimeError(f"演示数据无法使{row.name}研判为{row.tier}，请检查班子与后备数据")


# Planting -------------------------------------------------------------------------------------


def _plant(context: DemoContext, row: VillageStory, village: Region, plan: Plan) -> None:
    actor = context.users[
        "liaison" if village in context.users["liaison"].villages.all() else "town"
    ]
    rng = context.random(f"risk:survey:{row.code}")
    cutoff_caps = core_rules(current_rules(context.election_round)).age_caps
    for person, roles in _sitting(village):
        rating = plan.secretary if "secretary" in roles else plan.team
        age = person.age_on(context.cutoff)
        over = age > cutoff_caps["secretary" if "secretary" in roles else "member"]
        performance, conduct = RATING_PAIRS[rating]
        services.record_survey(
            village=village,
            person=person,
            election_round=context.election_round,
            fields={
                "source": rng.choice(("talk", "visit", "meeting")),
                "attitude": "leave" if over else rng.choice(("stay", "stay", "undecided")),
                "performance": performance,
                "conduct": conduct,
                "intention": _intention(plan, roles, over),
                "notes": _note(rating, over),
                "surveyed_on": TODAY - dt.timedelta(days=rng.randrange(3, 40)),
            },
            actor=actor,
        )
    _facts(context, row, village, plan, actor)
    _problems(context, row, village, rng)
    _outlooks(context, row, village)


def _sitting(village: Region) -> list[tuple[Person, set[str]]]:
    found: dict[int, tuple[Person, set[str]]] = {}
    for post in village.posts.filter(term_end__isnull=True).select_related("person").order_by("id"):
        found.setdefault(post.person_id, (post.person, set()))[1].add(post.role)
    return list(found.values())


def _intention(plan: Plan, roles: set[str], over: bool) -> str:
    if over:
        return "retire"
    if "secretary" in roles:
        return "dual_role" if plan.dual else "run_again"
    return "run_again"


def _note(rating: float, over: bool) -> str:
    if over:
        return "年龄已超过本届上限，本人表示服从组织安排，愿意退出。"
    if rating >= 4.5:
        return "群众认可度高，履职积极，有带富能力。"
    if rating >= 3.5:
        return "工作认真，能完成上级交办的任务。"
    if rating >= 2.5:
        return "工作一般，开拓精神不足，群众评价平平。"
    return "工作推动不力，群众有意见，需要重点关注。"


def _facts(
    context: DemoContext, row: VillageStory, village: Region, plan: Plan, actor: Actor | None
) -> None:
    focus = row.tier == "red" or (row.tier == "orange" and plan.clans > 0)
    services.save_facts(
        village=village,
        election_round=context.election_round,
        fields={
            "petition_backlog": plan.conflicts - plan.clans,
            "clan_disputes": plan.clans,
            "past_trouble": plan.past,
            "focus_village": focus,
            "focus_reason": row.note if focus else "",
            "notes": row.note,
        },
        version=None,
        actor=actor,
    )


PROBLEMS = {
    "red": [
        (ProblemKind.INCOMPLETE_COMMITTEE, "两委班子缺额，书记人选待定", dt.date(2026, 11, 15)),
        (ProblemKind.PETITION_BACKLOG, "历史信访积案未化解", dt.date(2026, 12, 20)),
        (ProblemKind.PAST_ELECTION_TROUBLE, "上届选举遗留问题待处理", dt.date(2026, 12, 10)),
    ],
    "orange": [
        (ProblemKind.PETITION_BACKLOG, "土地流转纠纷引发信访", dt.date(2026, 12, 15)),
        (ProblemKind.DUAL_ROLE_CANDIDATE, "一肩挑人选尚未确定", dt.date(2026, 11, 20)),
    ],
    "yellow": [(ProblemKind.OTHER, "班子年龄偏大，需培养年轻后备", dt.date(2026, 12, 31))],
    "green": [],
}


def _problems(context: DemoContext, row: VillageStory, village: Region, rng: Random) -> None:
    owners = {"red": "县委常委 高建民", "orange": "镇党委副书记 张红梅", "yellow": "包片领导"}
    for n, (kind, title, due) in enumerate(PROBLEMS[row.tier]):
        if row.tier != "red" and rng.random() < 0.4:
            continue
        problem = services.create_problem(
            village=village,
            election_round=context.election_round,
            fields={
                "kind": kind,
                "title": title,
                "owner_name": owners.get(row.tier, ""),
                "due_on": due,
            },
            actor=context.users["town"],
        )
        services.add_progress(
            problem, note="已入户走访，正在协调处理。", actor=context.users["town"]
        )
        if row.tier == "orange" and n == 1 and rng.random() < 0.5:
            note = "经村党员大会推荐，一肩挑人选已确定并通过资格联审。"
            services.close_problem(problem, note=note, actor=context.users["leader"])


def _outlooks(context: DemoContext, row: VillageStory, village: Region) -> None:
    if row.tier == "green":
        _enter(context, village)
        return
    if row.tier != "red":
        return
    caps = core_rules(current_rules(context.election_round)).age_caps
    for person, roles in _sitting(village):
        if "secretary" in roles and person.age_on(context.cutoff) > caps["secretary"]:
            services.confirm_outlook(
                village=village,
                person=person,
                election_round=context.election_round,
                outlook=Outlook.LEAVE,
                suggested=str(Outlook.LEAVE),
                reason="超过年龄上限，经谈心谈话本人同意退出，拟由县乡选派书记。",
                actor=context.users["leader"],
            )


def _enter(context: DemoContext, village: Region) -> None:
    """The first ready secretary reserve of a green village is expected to enter (进)."""
    ready = (
        Candidate.objects.filter(
            village=village, election_round=context.election_round, stage__in=POOL_STAGES,
            target_post="secretary", readiness=Readiness.READY_NOW,
        )
        .select_related("person")
        .order_by("rank", "id")
        .first()
    )  # fmt: skip
    if ready is not None:
        services.confirm_outlook(
            village=village,
            person=ready.person,
            election_round=context.election_round,
            outlook=Outlook.ENTER,
            suggested=str(Outlook.ENTER),
            reason="成熟的书记后备，拟进入两委班子。",
            actor=context.users["leader"],
        )


# Leadership (分片包干) -----------------------------------------------------------------------

TOWN_LEADERS = (
    (Duty.COUNTY_LEADER, "高建民", "县委常委、组织部部长（包乡县级领导）", None),
    (Duty.PARTY_SECRETARY, "王建军", "吴村镇党委书记", "leader"),
    (Duty.DEPUTY_SECRETARY, "张红梅", "吴村镇党委副书记", None),
    (Duty.PARTY_BUILDING_OFFICE, "李晓燕", "党建办主任", "town"),
    (Duty.DISCIPLINE_OFFICE, "周立平", "镇纪委书记", None),
    (Duty.PETITION_OFFICE, "吴海涛", "信访办主任", None),
)
DISTRICT_LEADERS = ("马国强", "陈淑芬", "杨志刚", "郭玉兰")
DISTRICT_DIRECTORS = ("牛振华", "范建设", "侯卫东", "薛志强")


def _assign_leaders(context: DemoContext) -> None:
    actor = context.users["town"]
    for duty, name, title, username in TOWN_LEADERS:
        user = context.users[username] if username else None
        fields = {"region": context.town, "duty": duty, "name": name, "title": title, "user": user}
        services.create_assignment(fields=fields, actor=actor)
    for n, district in enumerate(DISTRICTS):
        region = context.districts[district]
        services.create_assignment(
            fields={"region": region, "duty": Duty.COVERING_LEADER, "name": DISTRICT_LEADERS[n],
                    "title": "镇党委委员、副镇长（包片领导）"},
            actor=actor,
        )  # fmt: skip
        services.create_assignment(
            fields={"region": region, "duty": Duty.DISTRICT_DIRECTOR,
                    "name": DISTRICT_DIRECTORS[n], "title": f"{district}主任"},
            actor=actor,
        )  # fmt: skip
    rng = context.random("risk:teams")
    for row in context.story:
        if row.tier in ("green", "red"):
            name = context.names.make(rng, sex=MALE)
            services.create_assignment(
                fields={"region": context.villages[row.name], "duty": Duty.RESIDENT_TEAM,
                        "name": name, "title": "驻村第一书记"},
                actor=actor,
            )  # fmt: skip
