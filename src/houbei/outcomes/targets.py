"""The round's targets measured live (一降一升 and the rest), for a town or a county.

Three committees per village: before (sitting on the round's start date), projected (sitting
today, without the cadres whose confirmed outlook is 退 or 转, with appointed, proposed and ready
reserves in: a ready secretary or chair reserve takes an empty head seat, the others join as
members) and after (the election's result, once entered). Each figure is set against its target
and the villages that pull it down are named. A constant number of queries whatever the number
of villages (docs/domain.md §6.12).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from houbei.lib import codes
from houbei.outcomes.models import Appointment, AppointmentStatus, ElectedMember
from houbei.outcomes.rules import TargetRules, target_rules
from houbei.people.models import Person, Post, Role
from houbei.regions.models import Region
from houbei.reserves.models import POOL_STAGES, Candidate, Readiness, Stage, TargetPost
from houbei.risk.models import CadreOutlook, Outlook
from houbei.rounds.models import ElectionRound
from houbei.rounds.services import current_rounds, current_rules, rounds_for

COLUMNS = ("before", "projected", "after")


@dataclass(frozen=True)
class Member:
    person_id: int
    age: int
    college: bool
    woman: bool


@dataclass
class Committee:
    secretary: Member | None = None
    chair: Member | None = None
    members: dict[int, Member] = field(default_factory=dict)

    def seat(self, member: Member, role: str) -> None:
        self.members[member.person_id] = member
        if role == Role.SECRETARY:
            self.secretary = member
        elif role == Role.CHAIR:
            self.chair = member


@dataclass
class VillageCommittees:
    village: Region
    before: Committee
    projected: Committee
    after: Committee | None
    secretary_reserves: int
    # The people elected to a head seat (secretary or chair), and those of them from the pool.
    heads_elected: set[int] = field(default_factory=set)
    heads_from_reserve: set[int] = field(default_factory=set)


@dataclass
class Figure:
    key: str
    label: str
    unit: str  # "岁" or "%"
    target_text: str
    values: dict[str, float | None]
    meets: dict[str, bool | None]
    laggards: list[str]


def _member(person: Person, cutoff: dt.date) -> Member:
    return Member(
        person_id=person.pk,
        age=person.age_on(cutoff),
        college=codes.is_college_or_above(person.education),
        woman=person.sex == "2",
    )


def _committees(posts: Iterable[Post], cutoff: dt.date) -> dict[int, Committee]:
    found: dict[int, Committee] = {}
    for post in posts:
        found.setdefault(post.village_id, Committee()).seat(_member(post.person, cutoff), post.role)
    return found


def _project(
    today: Committee, leaving: set[int], ready: list[Candidate], cutoff: dt.date
) -> Committee:
    projected = Committee()
    for member in today.members.values():
        if member.person_id in leaving:
            continue
        role = ""
        if today.secretary and member.person_id == today.secretary.person_id:
            role = Role.SECRETARY
        projected.seat(member, role)
        if today.chair and member.person_id == today.chair.person_id:
            projected.chair = member
    for candidate in ready:
        member = _member(candidate.person, cutoff)
        role = ""
        if candidate.target_post == TargetPost.SECRETARY and projected.secretary is None:
            role = Role.SECRETARY
        elif candidate.target_post == TargetPost.CHAIR and projected.chair is None:
            role = Role.CHAIR
        projected.seat(member, role)
    return projected


def _ready(election_round: ElectionRound, ids: list[int]) -> list[Candidate]:
    """Appointed, proposed for appointment, or ready now in the pool; best rank first."""
    proposed = Appointment.objects.filter(
        candidate=OuterRef("pk"), status=AppointmentStatus.PROPOSED
    )
    found = (
        Candidate.objects.filter(election_round=election_round, village_id__in=ids)
        .filter(stage__in=[*POOL_STAGES, Stage.APPOINTED])
        .annotate(proposed=Exists(proposed))
        .select_related("person")
        .order_by("village_id", "rank", "pk")
    )
    return list(found)


def build(
    villages: Sequence[Region], election_round: ElectionRound, today: dt.date | None = None
) -> list[VillageCommittees]:
    """Each village's three committees (six queries whatever the number of villages)."""
    day = today or timezone.localdate()
    start = election_round.starts_on or day
    cutoff = election_round.cutoff_date
    ids = [v.pk for v in villages] or [0]  # no id matches 0: the queries still run
    sitting = Post.objects.filter(village_id__in=ids).select_related("person")
    before = _committees(sitting.sitting(start), cutoff)
    now = _committees(sitting.sitting(day), cutoff)
    outlooks = CadreOutlook.objects.filter(
        election_round=election_round, village_id__in=ids, outlook__in=[Outlook.LEAVE, Outlook.MOVE]
    ).values_list("village_id", "person_id")
    leaving: dict[int, set[int]] = {}
    for village_id, person_id in outlooks:
        leaving.setdefault(village_id, set()).add(person_id)
    candidates = _ready(election_round, ids)
    elected = ElectedMember.objects.filter(
        result__village_id__in=ids, result__election_round=election_round
    ).select_related("person", "result")
    after: dict[int, Committee] = {}
    heads: dict[int, set[int]] = {}
    from_reserve: dict[int, set[int]] = {}
    for member in elected:
        village_id = member.result.village_id
        after.setdefault(village_id, Committee()).seat(_member(member.person, cutoff), member.role)
        if member.role in (Role.SECRETARY, Role.CHAIR):
            heads.setdefault(village_id, set()).add(member.person_id)
            if member.from_reserve:
                from_reserve.setdefault(village_id, set()).add(member.person_id)
    by_village: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        by_village.setdefault(candidate.village_id, []).append(candidate)
    rows = []
    for village in villages:
        mine = by_village.get(village.pk, [])
        ready = [
            c
            for c in mine
            if c.stage == Stage.APPOINTED
            or getattr(c, "proposed", False)
            or c.readiness == Readiness.READY_NOW
        ]
        bench = [
            c for c in mine if c.stage in POOL_STAGES and c.target_post == TargetPost.SECRETARY
        ]
        rows.append(
            VillageCommittees(
                village=village,
                before=before.get(village.pk, Committee()),
                projected=_project(
                    now.get(village.pk, Committee()), leaving.get(village.pk, set()), ready, cutoff
                ),
                after=after.get(village.pk),
                secretary_reserves=len(bench),
                heads_elected=heads.get(village.pk, set()),
                heads_from_reserve=from_reserve.get(village.pk, set()),
            )
        )
    return rows


# The figures ----------------------------------------------------------------------------------


def _committee(row: VillageCommittees, column: str) -> Committee | None:
    found: Committee | None = getattr(row, column)
    return found


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def _secretaries(rows: Sequence[VillageCommittees], column: str) -> list[Member] | None:
    committees = [_committee(row, column) for row in rows]
    if column == "after" and not any(committees):
        return None
    return [c.secretary for c in committees if c is not None and c.secretary is not None]


def _per_village(
    rows: Sequence[VillageCommittees], column: str, test: object
) -> tuple[float | None, list[str]]:
    """The share of villages whose committee passes `test`, and the names of those that fail
    (for `after`, only villages with an entered result count)."""
    hits, total, failing = 0, 0, []
    for row in rows:
        committee = _committee(row, column)
        if committee is None:
            continue
        total += 1
        if test(committee):  # type: ignore[operator]
            hits += 1
        else:
            failing.append(row.village.name)
    return _share(hits, total), failing


def _laggard_column(values: dict[str, float | None]) -> str:
    return "after" if values.get("after") is not None else "projected"


def _age_figure(rows: Sequence[VillageCommittees], rules: TargetRules) -> Figure:
    values = {}
    for column in COLUMNS:
        found = _secretaries(rows, column)
        values[column] = None if found is None else _mean([m.age for m in found])
    base = values["before"]
    target = None if base is None else round(base - rules.secretary_age_drop, 1)
    meets = {c: None if v is None or target is None else v <= target for c, v in values.items()}
    meets["before"] = None
    column = _laggard_column(values)
    laggards = [
        row.village.name
        for row in rows
        if (c := _committee(row, column)) is not None
        and (c.secretary is None or (target is not None and c.secretary.age > target))
    ]
    text = f"较换届前下降至少 {rules.secretary_age_drop} 岁" + (
        f"（不高于 {target} 岁）" if target is not None else ""
    )
    return Figure("secretary_age", "村党组织书记平均年龄", "岁", text, values, meets, laggards)


def _college_figure(rows: Sequence[VillageCommittees], rules: TargetRules) -> Figure:
    values: dict[str, float | None] = {}
    for column in COLUMNS:
        found = _secretaries(rows, column)
        values[column] = (
            None if found is None else _share(sum(m.college for m in found), len(found))
        )
    base = values["before"]
    target = None if base is None else round(base + rules.secretary_college_rise, 4)
    meets = {
        c: None if v is None or target is None else v >= target - 1e-9 for c, v in values.items()
    }
    meets["before"] = None
    column = _laggard_column(values)
    laggards = [
        row.village.name
        for row in rows
        if (c := _committee(row, column)) is not None
        and (c.secretary is None or not c.secretary.college)
    ]
    text = f"较换届前上升至少 {rules.secretary_college_rise * 100:g} 个百分点"
    return Figure("secretary_college", "书记大专及以上学历比例", "%", text, values, meets, laggards)


def _village_figure(
    rows: Sequence[VillageCommittees], key: str, label: str, text: str, test: object, target: float
) -> Figure:
    values: dict[str, float | None] = {}
    failing: dict[str, list[str]] = {}
    for column in COLUMNS:
        values[column], failing[column] = _per_village(rows, column, test)
    meets = {c: None if v is None else v >= target - 1e-9 for c, v in values.items()}
    return Figure(key, label, "%", text, values, meets, failing[_laggard_column(values)])


def figures(rows: Sequence[VillageCommittees], rules: TargetRules) -> list[Figure]:
    young, women = rules.young_per_village, rules.women_per_village
    age = rules.young_member_age

    def dual(c: Committee) -> bool:
        return c.secretary is not None and c.chair is not None and c.secretary == c.chair

    def has_young(c: Committee) -> bool:
        return sum(m.age <= age for m in c.members.values()) >= young

    def has_women(c: Committee) -> bool:
        return sum(m.woman for m in c.members.values()) >= women

    found = [
        _age_figure(rows, rules),
        _college_figure(rows, rules),
        _village_figure(
            rows,
            "dual_role",
            "一肩挑比例",
            f"不低于 {rules.dual_role_share:.0%}",
            dual,
            rules.dual_role_share,
        ),
        _village_figure(
            rows, "young", f"有{age}岁及以下成员的村", f"每村至少 {young} 人", has_young, 1.0
        ),
        _village_figure(rows, "women", "有女性成员的村", f"每村至少 {women} 人", has_women, 1.0),
    ]
    short = [
        r.village.name for r in rows if r.secretary_reserves < rules.secretary_reserves_per_village
    ]
    share = _share(len(rows) - len(short), len(rows))
    found.append(
        Figure(
            "reserves",
            "书记后备人选达标的村",
            "%",
            f"每村至少 {rules.secretary_reserves_per_village} 名书记后备（现状）",
            {"before": None, "projected": share, "after": None},
            {"before": None, "projected": None if share is None else share >= 1.0, "after": None},
            short,
        )
    )
    found.append(_reserve_elected_figure(rows))
    return found


def _reserve_elected_figure(rows: Sequence[VillageCommittees]) -> Figure:
    """后备干部当选率: of the people elected secretary or chair, the share who were in the round's
    pool (after the election only; a figure without a target). The villages named are those
    that elected a head from outside the pool."""
    elected = sum(len(row.heads_elected) for row in rows)
    from_pool = sum(len(row.heads_from_reserve) for row in rows)
    outside = [row.village.name for row in rows if row.heads_elected - row.heads_from_reserve]
    return Figure(
        "reserve_elected",
        "后备干部当选率（新当选书记、主任）",
        "%",
        "—（不设目标）",
        {"before": None, "projected": None, "after": _share(from_pool, elected)},
        {"before": None, "projected": None, "after": None},
        outside,
    )


@dataclass
class Measured:
    """The figures of one region (a town, or the whole table)."""

    name: str
    villages: int
    figures: list[Figure]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


def measure(
    villages: Sequence[Region],
    election_round: ElectionRound,
    rules: TargetRules,
    *,
    total_name: str,
) -> tuple[Measured, list[Measured]]:
    """The whole set and each town in it (villages with `town` selected)."""
    rows = build(villages, election_round)
    by_town: dict[int | None, list[VillageCommittees]] = {}
    for row in rows:
        by_town.setdefault(row.village.town_id, []).append(row)
    towns = [
        Measured(
            group[0].village.town.name if group[0].village.town else "—",
            len(group),
            figures(group, rules),
        )
        for group in by_town.values()
    ]
    return Measured(total_name, len(rows), figures(rows, rules)), towns


def target_figures(villages: QuerySet[Region]) -> dict[str, Any]:
    """For `houbei stats`: each current round's figures over the villages it applies to (before
    / projected / after and whether each meets its target). Every current round is measured, with
    no village or many, so the number of queries does not depend on the scope."""
    by_county = rounds_for(villages)
    listed = list(villages.order_by("code"))
    found: dict[str, Any] = {}
    for election_round in current_rounds():
        mine = [v for v in listed if by_county.get(v.county_id or 0) == election_round]
        rules = target_rules(current_rules(election_round))
        measured = figures(build(mine, election_round), rules)
        if mine:
            found[election_round.name] = {
                f.key: {"values": f.values, "meets": f.meets, "short": len(f.laggards)}
                for f in measured
            }
    return found
