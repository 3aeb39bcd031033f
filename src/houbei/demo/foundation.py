"""The demo's foundation: the county and town, 42 villages in 4 districts, about 200 sitting
cadres whose committees fit each village's intended tier (houbei.demo.story), the 2026 round and
one account per role.

Committee size is the round's default (5). What each tier gets, ages at the round's cut-off date:

- red: secretary vacant (4 villages) or aged 61–66; 2–3 people, so short by 2 or more.
- orange: secretary aged 57–60, not the chair; 5 people or 4 (short by one); little schooling.
- yellow: secretary aged 45–56 with 高中 or 大专; 5–6 people, the members mostly 55 or older.
- green: secretary aged 35–50 who is also the chair (一肩挑), 大专 or 本科; 5–6 people, one
  member at most 35.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from houbei.accounts.capabilities import Role as UserRole
from houbei.accounts.models import User
from houbei.accounts.services import profile
from houbei.audit import record
from houbei.audit.services import diff
from houbei.demo.context import FEMALE, MALE, DemoContext
from houbei.demo.story import DISTRICTS, LIAISON_VILLAGES, STORY, TOWN_CODE, Tier, VillageStory
from houbei.people.models import Background, Health
from houbei.people.models import Role as PostRole
from houbei.people.services import appoint_to_post
from houbei.regions.models import Level, Region
from houbei.regions.reference import load_huixian
from houbei.regions.services import create_region
from houbei.rulebook.services import create_round

PASSWORD = "Houbei-Demo-2026"  # noqa: S105 - documented demo password, demo data only
# Age is counted at the end of the election year: someone who turns 61 during 2026 counts as 61.
# One date for every village; the county changes it on the round.
CUTOFF = dt.date(2026, 12, 31)
ROUND_STARTS = dt.date(2025, 9, 1)
TERM_START = dt.date(2021, 3, 20)  # the 2021 round's committees took office in spring 2021
EXTRA_ROLES = (
    PostRole.MEMBER,
    PostRole.VICE_CHAIR,
    PostRole.MEMBER,
    PostRole.MEMBER,
    PostRole.MEMBER,
)


@dataclass(frozen=True)
class Seat:
    """One person on a committee: the roles they hold and who they are."""

    roles: tuple[PostRole, ...]
    age: int
    education: str
    political_status: str = "01"
    sex: str = MALE


# (username, role, region: "county" / "town" / None, full name, department)
ACCOUNTS = (
    ("county", UserRole.COUNTY_OFFICER, "county", "赵志远", ""),
    ("leader", UserRole.TOWN_LEADER, "town", "王建军", ""),
    ("town", UserRole.TOWN_STAFF, "town", "李晓燕", ""),
    ("liaison", UserRole.LIAISON, "town", "刘国栋", ""),
    ("reviewer", UserRole.REVIEWER, "county", "陈立新", "police"),  # 公安, by its rule code
    ("auditor", UserRole.AUDITOR, "county", "孙敏", ""),
    ("sysadmin", UserRole.SYSADMIN, None, "系统管理员", ""),
    ("secadmin", UserRole.SECURITY_ADMIN, None, "安全管理员", ""),
)


def build() -> DemoContext:
    county = load_huixian()
    town = Region.objects.get(code=TOWN_CODE)
    districts = {
        name: create_region(name=name, level=Level.DISTRICT, parent=town) for name in DISTRICTS
    }
    villages = {
        row.name: create_region(
            name=row.name, level=Level.VILLAGE, parent=districts[row.district], code=row.code
        )
        for row in STORY
    }
    election_round = create_round(
        name="2026年村（社区）“两委”换届",
        year=2026,
        region=county,
        cutoff_date=CUTOFF,
        starts_on=ROUND_STARTS,
        ends_on=CUTOFF,
        actor=None,
    )
    context = DemoContext(county, town, districts, villages, election_round, {}, STORY)
    for row in STORY:
        seat_committee(context, row)
    context.users.update(create_accounts(context))
    return context


def seat_committee(context: DemoContext, row: VillageStory) -> None:
    rng = context.random(f"committee:{row.code}")
    village = context.villages[row.name]
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


def _term_start(rng: random.Random) -> dt.date:
    if rng.random() < 0.15:  # filled mid-term
        return dt.date(2022, 6, 1) + dt.timedelta(days=rng.randrange(700))
    return TERM_START + dt.timedelta(days=rng.randrange(30))


def _backgrounds(seat: Seat, rng: random.Random) -> list[str]:
    found = [str(Background.SITTING_CADRE)]
    if seat.sex == MALE and rng.random() < 0.15:
        found.append(str(Background.VETERAN))
    if rng.random() < 0.15:
        found.append(str(Background.LOCAL_ACHIEVER))
    return found


def _extras(count: int, make: Callable[[PostRole], Seat]) -> list[Seat]:
    return [make(role) for role in EXTRA_ROLES[:count]]


def _member(role: PostRole, age: int, education: str, rng: random.Random) -> Seat:
    """A member; party-committee members are party members, the vice chair may not be."""
    sex = FEMALE if rng.random() < 0.3 else MALE
    if role == PostRole.VICE_CHAIR:
        status = rng.choice(("01", "01", "13"))
    else:
        status = "02" if age < 40 and rng.random() < 0.4 else "01"
    return Seat((role,), age, education, status, sex)


def plan_red(row: VillageStory, rng: random.Random) -> list[Seat]:
    """At most 3 people on a committee of 5; any secretary is 61 or older."""
    schooling = ("71", "71", "81", "61")
    heads: list[Seat] = []
    if not row.secretary_vacant:
        roles = (PostRole.SECRETARY, PostRole.CHAIR) if row.dual_role else (PostRole.SECRETARY,)
        heads.append(Seat(roles, rng.randint(61, 66), rng.choice(("71", "81"))))
    if not row.chair_vacant and not row.dual_role:
        heads.append(Seat((PostRole.CHAIR,), rng.randint(50, 63), "71"))
    count = max(1, rng.choice((2, 3)) - len(heads))  # 2 or 3 people in all
    members = _extras(count, lambda r: _member(r, rng.randint(58, 68), rng.choice(schooling), rng))
    return heads + members


def plan_orange(row: VillageStory, rng: random.Random) -> list[Seat]:
    secretary = Seat(
        (PostRole.SECRETARY,), rng.randint(57, 60), rng.choice(("71", "71", "61", "41"))
    )
    chair = Seat((PostRole.CHAIR,), rng.randint(50, 62), rng.choice(("71", "61")))
    count = 2 if rng.random() < 0.45 else 3  # short by one, or complete
    low = ("71", "71", "61", "81")
    members = _extras(count, lambda r: _member(r, rng.randint(45, 63), rng.choice(low), rng))
    return [secretary, chair, *members]


def plan_yellow(row: VillageStory, rng: random.Random) -> list[Seat]:
    secretary = Seat(
        (PostRole.SECRETARY,), rng.randint(45, 56), rng.choice(("61", "31", "61", "41"))
    )
    chair = Seat((PostRole.CHAIR,), rng.randint(55, 62), rng.choice(("61", "71")))
    count = 4 if rng.random() < 0.3 else 3
    ages = [rng.randint(55, 64) for _ in range(count - 1)] + [rng.randint(42, 64)]
    members = [
        _member(role, age, rng.choice(("71", "61", "71")), rng)
        for role, age in zip(EXTRA_ROLES, ages, strict=False)
    ]
    return [secretary, chair, *members]


def plan_green(row: VillageStory, rng: random.Random) -> list[Seat]:
    sex = FEMALE if rng.random() < 0.2 else MALE
    roles = (PostRole.SECRETARY, PostRole.CHAIR) if row.dual_role else (PostRole.SECRETARY,)
    secretary = Seat(roles, rng.randint(35, 50), rng.choice(("31", "21", "31")), "01", sex)
    count = 5 if rng.random() < 0.3 else 4
    ages = [rng.randint(26, 35)] + [rng.randint(30, 55) for _ in range(count - 1)]
    schooling = ("31", "61", "21", "71", "31")
    members = [
        _member(role, age, rng.choice(schooling), rng)
        for role, age in zip(EXTRA_ROLES, ages, strict=False)
    ]
    return [secretary, *members]


PLANNERS: dict[Tier, Callable[[VillageStory, random.Random], list[Seat]]] = {
    "red": plan_red,
    "orange": plan_orange,
    "yellow": plan_yellow,
    "green": plan_green,
}


def create_accounts(context: DemoContext) -> dict[str, User]:
    """The demo accounts share a documented password and need no change at first login: they
    exist only in demo data (accounts.services.create_user gives real ones a one-time password).
    """
    regions = {"county": context.county, "town": context.town, None: None}
    users: dict[str, User] = {}
    for username, role, region, full_name, department in ACCOUNTS:
        user = User(
            username=username,
            role=role,
            region=regions[region],
            full_name=full_name,
            department=department,
        )
        user.set_password(PASSWORD)
        user.save()
        if role == UserRole.LIAISON:
            user.villages.set([context.villages[name] for name in LIAISON_VILLAGES])
        changes = {**diff({}, profile(user)), "source": "demo"}
        record(None, "accounts.user.created", user, changes)
        users[username] = user
    return users
