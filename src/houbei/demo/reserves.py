"""Demo reserve candidates (后备力量) planted to fit each village's intended tier.

About two candidates per village (84), written through the reserves services so every move is in
the timeline and the audit log. What each tier gets (the risk assessment reads the bench through
`houbei.reserves.queries.bench_strength`; the level is the risk rule's `reserve_bench` measure):

- green (10): two secretary reserves in the pool, both ready now (成熟可用), ranked 1 and 2, the
  first marked emergency successor → bench level 4 (target of 2 met, ready reserve).
- yellow (14): one secretary reserve in the pool, ready now, plus a member reserve still on its
  way (screened, recommended, or in joint review with the 公安 opinion pending — the demo
  reviewer's queue; the other departments answered at the town's joint review meeting, entered
  on their behalf by the town staff) or, in one village, moved away and removed → level 3.
- orange (12): one secretary reserve in the pool but only developing (培养中) — "hard to settle"
  → level 2; the second candidate is a member nominee or screened; in 协店 a member removed after
  the court's joint-review opinion said no; in 鲁庄 a screened member candidate with a 不宜 fact
  (refused to sign the pledges, hn2020-s2) waiting for the town leader's decision.
- red (6): nobody in the pool (level 0): a member nominee and a secretary nominee who withdrew; in
  团相 the secretary candidate is stopped by a 不能 fact (a criminal penalty).
- 邓城 (green): its second reserve had a 不宜 fact (unfit after an illness, hn2020-s4) the town
  leader allowed with a recorded reason.

Facts on sitting cadres that the recheck (回头看) finds (all in red or orange villages):
- 西常务 (red): the secretary, a party sanction whose period runs to 2027-06-30 (不宜 hn2020-s5,
  不能 sbx2021-3);
- 南常务 (orange): a committee member, abnormal petitioning (不宜 hn2020-s1, 不能 sbx2021-6);
- 王放营 (orange): the chair, listed as a dishonest debtor (不宜 hn2020-s3, 不能 sbx2021-9c).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from houbei.people.models import Post
from houbei.people.models import Role as PostRole
from houbei.regions.models import Region
from houbei.reserves import services
from houbei.reserves.models import AnswerKind, Candidate, JointReview, ReviewOutcome

if TYPE_CHECKING:
    from houbei.demo.context import DemoContext

BACKGROUNDS = [
    "returning_entrepreneur", "veteran", "graduate", "local_achiever", "migrant_worker",
    "college_village_official", "cooperative_head",
]  # fmt: skip
SOURCES = [
    "field_survey", "party_recommendation", "villager_recommendation", "self_application",
    "organisation_nomination",
]  # fmt: skip
EDUCATION = ["21", "31", "31", "41", "61"]
STEPS = ["nominated", "screened", "recommended", "reviewed", "pooled"]


class Planter:
    """Walks demo candidates through the services, drawing only from the context's generators."""

    def __init__(self, context: DemoContext) -> None:
        self.context = context
        self.town = context.users["town"]
        self.leader = context.users["leader"]
        self.reviewer = context.users["reviewer"]
        self.rng = context.random("reserves:candidates")
        self.day = context.cutoff - dt.timedelta(days=120)

    def when(self, days: int) -> dt.date:
        return self.day + dt.timedelta(days=days)

    def person(self, village: Region, post: str, rng: random.Random) -> Any:
        background = rng.choice(BACKGROUNDS)
        return self.context.new_person(
            village=village,
            age=rng.randint(28, 44) if post == "secretary" else rng.randint(25, 40),
            rng=rng,
            sex="2" if rng.random() < 0.3 else "1",
            education=rng.choice(EDUCATION),
            political_status="01" if post == "secretary" else rng.choice(["01", "03", "13"]),
            backgrounds=[background],
        )

    def nominate(self, village: Region, post: str) -> Candidate:
        rng = self.rng
        person = self.person(village, post, rng)
        return services.nominate(
            person=person,
            village=village,
            election_round=self.context.election_round,
            target_post=post,
            source=rng.choice(SOURCES),
            background=person.backgrounds[0],
            actor=self.town,
        )

    def screen(self, candidate: Candidate) -> None:
        services.record_interview(
            candidate, kind="visit", held_on=self.when(5), participants=self.rng.randint(4, 12),
            summary="入户走访并召开党员群众座谈会，群众评价较好。", actor=self.town,
        )  # fmt: skip
        services.record_screening(
            candidate, result="passed", screened_on=self.when(10), findings="", actor=self.town
        )

    def recommend(self, candidate: Candidate) -> None:
        eligible = self.rng.randint(35, 60)
        attended = eligible - self.rng.randint(1, 5)
        votes_for = attended - self.rng.randint(2, 8)
        services.record_vote(
            candidate, meeting_type="joint", held_on=self.when(20), eligible=eligible,
            attended=attended, votes_for=votes_for, votes_against=attended - votes_for - 1,
            abstentions=1, actor=self.town,
        )  # fmt: skip

    def review(self, candidate: Candidate, *, pending: str = "", failing: str = "") -> None:
        """The demo reviewer answers for 公安; the other departments answer at the town's joint
        review meeting (联审会), entered on their behalf by the town staff."""
        services.send_to_review(candidate, actor=self.town)
        answers = []
        for review in JointReview.objects.filter(candidate=candidate).order_by("department"):
            if review.department == pending:
                continue
            outcome = (
                ReviewOutcome.NOT_PASSED if review.department == failing else ReviewOutcome.PASSED
            )
            note = (
                "该人员被列入失信被执行人名单，尚未履行。"
                if outcome == ReviewOutcome.NOT_PASSED
                else ""
            )
            if review.department == "police":
                services.record_opinion(review, outcome=outcome, note=note, actor=self.reviewer)
            else:
                answers.append(services.DepartmentAnswer(review.department, outcome, note))
        if answers:
            services.record_on_behalf(
                candidate,
                kind=AnswerKind.MEETING,
                reference=f"{self.context.town.name}村级后备力量资格联审会",
                answered_on=min(self.when(30), timezone.localdate()),
                answers=answers,
                actor=self.town,
            )

    def walk(self, village: Region, post: str, stage: str, **options: Any) -> Candidate:
        candidate = self.nominate(village, post)
        reached = STEPS.index(stage)
        if reached >= 1:
            self.screen(candidate)
        if reached >= 2:
            self.recommend(candidate)
        if reached >= 3:
            self.review(
                candidate, pending=options.get("pending", ""), failing=options.get("failing", "")
            )
        if reached >= 4:
            services.pool(
                candidate, readiness=options.get("readiness", "ready_now"), actor=self.town
            )
        candidate.refresh_from_db()
        return candidate

    def standing(self, candidate: Candidate, rank: int, successor: bool = False) -> None:
        services.set_standing(
            candidate, readiness=candidate.readiness, rank=rank,
            emergency_successor=successor, actor=self.town,
        )  # fmt: skip

    def remove(self, candidate: Candidate, reason: str, note: str) -> None:
        services.remove(candidate, reason=reason, note=note, actor=self.town)

    def fact(
        self, person: Any, kind: str, occurred: dt.date, end: dt.date | None, note: str
    ) -> Any:
        return services.record_fact(
            person=person, kind=kind, occurred_on=occurred, period_end=end, note=note,
            source="县级联审数据", actor=self.town,
        )  # fmt: skip


def plant_green(p: Planter, villages: list[Region]) -> None:
    for index, village in enumerate(villages):
        first = p.walk(village, "secretary", "pooled")
        if village.name == "邓城村":
            second = p.nominate(village, "secretary")
            fact = p.fact(second.person, "unfit", p.when(1), None, "2025年因病住院治疗")
            services.decide(
                second, fact=fact, item_code="hn2020-s4", decision="allow",
                reason="已康复，县医院体检合格，能够胜任", actor=p.leader,
            )  # fmt: skip
            p.screen(second)
            p.recommend(second)
            p.review(second)
            services.pool(second, readiness="ready_now", actor=p.town)
        else:
            readiness = "ready_now" if index % 3 else "ready_in_round"
            second = p.walk(village, "secretary", "pooled", readiness=readiness)
        p.standing(first, rank=1, successor=True)
        second.refresh_from_db()
        p.standing(second, rank=2)


def plant_yellow(p: Planter, villages: list[Region]) -> None:
    later = ["screened", "recommended", "reviewed", "nominated", "reviewed", "recommended"]
    for index, village in enumerate(villages):
        first = p.walk(village, "secretary", "pooled")
        p.standing(first, rank=1)
        stage = later[index % len(later)]
        second = p.walk(village, "member", stage, pending="police")
        if index == len(villages) - 1:
            p.remove(second, "moved_away", "本人已举家外出务工，短期内不回村。")


def plant_orange(p: Planter, villages: list[Region]) -> None:
    for index, village in enumerate(villages):
        first = p.walk(village, "secretary", "pooled", readiness="developing")
        p.standing(first, rank=1)
        if village.name == "协店村":
            failed = p.walk(village, "member", "reviewed", failing="court")
            p.remove(failed, "failed_review", "法院联审意见：列入失信被执行人名单，不予入库。")
        elif village.name == "鲁庄村":
            waiting = p.walk(village, "member", "screened")
            p.fact(waiting.person, "no_pledge", p.when(15), None, "拒绝签订竞职、创业、辞职承诺书")
        else:
            p.walk(village, "member", "nominated" if index % 2 else "screened")


def plant_red(p: Planter, villages: list[Region]) -> None:
    for village in villages:
        p.walk(village, "member", "nominated")
        if village.name == "团相村":
            stopped = p.walk(village, "secretary", "screened")
            p.fact(
                stopped.person,
                "criminal_penalty",
                dt.date(2015, 6, 1),
                None,
                "2015年因故意伤害被判处有期徒刑一年",
            )
        else:
            withdrew = p.walk(village, "secretary", "nominated")
            p.remove(withdrew, "withdrew", "本人在外经营企业，表示暂不回村任职。")


def _sitting(village: Region, role: str) -> Any:
    posts = Post.objects.sitting().filter(village=village).select_related("person")
    post = posts.filter(role=role).first() or posts.exclude(role=PostRole.SECRETARY).first()
    return post.person if post else None


def plant_cadre_facts(p: Planter) -> None:
    villages = p.context.villages
    sanction_end = dt.date(2027, 6, 30)
    plants = [
        (
            "西常务村",
            PostRole.SECRETARY,
            "sanction",
            dt.date(2025, 6, 30),
            sanction_end,
            "严重警告",
        ),
        ("南常务村", PostRole.MEMBER, "abnormal_petition", dt.date(2025, 3, 1), None, "越级上访"),
        ("王放营村", PostRole.CHAIR, "dishonest_debtor", dt.date(2024, 9, 1), None, "失信被执行人"),
    ]
    for name, role, kind, occurred, end, note in plants:
        person = _sitting(villages[name], role)
        if person is not None:
            p.fact(person, kind, occurred, end, note)


def plant_talks(p: Planter) -> None:
    villages = p.context.villages
    for name in ("西常务村", "王展村", "尚厂村"):
        person = _sitting(villages[name], PostRole.SECRETARY)
        if person is None:
            continue
        services.record_talk(
            kind="talk", village=villages[name], person=person, held_on=p.when(30),
            talked_by="镇党委书记 王建军", topic="换届去留谈心谈话",
            summary="本人年龄已接近或超过上限，表示理解换届政策，愿意支持年轻人接班。",
            follow_up="换届前再谈一次，安排其做好传帮带。", actor=p.leader,
        )  # fmt: skip
    services.record_talk(
        kind="briefing", village=villages["张屯村"], held_on=p.when(40),
        talked_by="镇党委副书记", attendees="张屯管理区各村两委干部", topic="换届纪律吹风会",
        summary="讲解换届纪律“十个严禁”和候选人资格条件，要求不得拉票贿选。",
        actor=p.leader,
    )  # fmt: skip


def build(context: DemoContext) -> None:
    planter = Planter(context)
    tiers = context.villages_by_tier()
    plant_green(planter, tiers["green"])
    plant_yellow(planter, tiers["yellow"])
    plant_orange(planter, tiers["orange"])
    plant_red(planter, tiers["red"])
    plant_cadre_facts(planter)
    plant_talks(planter)
