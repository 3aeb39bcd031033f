"""A fictional province in one call: regions, committees, reserves, surveys and a year of weekly
risk snapshots, deterministic for a seed (docs/performance.md §1 gives the sizes).

    build(villages)                       # regions, people, posts, surveys, candidates, facts
    history(election_round, weeks=52)     # the engine once, then earlier weeks copied in SQL
    bench_users(election_round, password) # a county officer and town leaders for the load runs

Rows get their ids here, so every table is written in one pass without reading ids back: COPY
on PostgreSQL, one executemany INSERT per table on SQLite; the sequences are moved past them at
the end (`Writer.finish`). Only an empty database or a test database should receive it: nothing here
is audited (the rows are not anyone's work) and nothing checks a form.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Count, Model, Q
from django.utils import timezone

from houbei.accounts.capabilities import Role as UserRole
from houbei.accounts.models import User
from houbei.devtools.province.writer import Writer
from houbei.lib.pinyin import search_keys
from houbei.people.models import Person, Post
from houbei.regions.models import Level, Region
from houbei.reserves.choices import REVIEWED_STAGES, RemovalReason
from houbei.reserves.models import Candidate, JointReview, Readiness, Stage, TargetPost
from houbei.risk import rollups
from houbei.risk.engine.run import assess_villages, villages_under
from houbei.risk.models import (
    COLOURS,
    Assessment,
    AssessmentRun,
    RunSource,
    Survey,
    TownWeekRollup,
    VillageFacts,
)
from houbei.rounds.models import ElectionRound, RuleSet
from houbei.rulebook.registry import DEFAULT_SOURCE, default_rules

CUTOFF = dt.date(2026, 12, 31)
VILLAGES_PER_TOWN, TOWNS_PER_COUNTY, COUNTIES_PER_CITY = 18, 30, 6
# `make bench` sizes: a town, a county (~540 villages), a province (Henan: ~46,000 villages).
SIZES = {"town": VILLAGES_PER_TOWN, "county": VILLAGES_PER_TOWN * TOWNS_PER_COUNTY}
SIZES["province"] = 46_000
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
)
GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国红玉峰志文辉鹏海波宇浩凯"
# Every stage of the way through (and removal), weighted roughly as a pool looks mid-round.
STAGE_WEIGHTS = {
    Stage.NOMINATED: 3, Stage.SCREENED: 2, Stage.RECOMMENDED: 2, Stage.REVIEWED: 2,
    Stage.POOLED: 6, Stage.TRAINED: 4, Stage.PLACED: 2, Stage.EVALUATED: 1, Stage.POLLED: 1,
    Stage.APPOINTED: 1, Stage.REMOVED: 1,
}  # fmt: skip
STAGES, CUMULATIVE = list(STAGE_WEIGHTS), list(itertools.accumulate(STAGE_WEIGHTS.values()))
NOTE = "bench:"  # a generated candidate's note names the stage put_in_pool moves it to


_NUMBER = re.compile(r"\d+$")
_PERSON_KEYS: dict[str, tuple[str, str]] = {}


def _region_keys(name: str) -> tuple[str, str]:
    """search_keys of a generated region's name ("基准行政村123"): the keys of its words, read
    once, then its number, which search_keys keeps as it is (tests/devtools/test_bench.py)."""
    number = _NUMBER.search(name)
    digits = number.group() if number else ""
    full, initials = search_keys(name.removesuffix(digits))
    return full + digits, initials + digits


def _person_keys(name: str) -> tuple[str, str]:
    """search_keys, remembered for the generator's ~80,000 possible names."""
    found = _PERSON_KEYS.get(name)
    if found is None:
        found = _PERSON_KEYS[name] = search_keys(name)
    return found


def _with_keys(region: Region) -> Region:
    region.name_pinyin, region.name_initials = _region_keys(region.name)
    return region


def _level(
    writer: Writer, level: Level, count: int, parent_of: Callable[[int], Region], code: str
) -> list[Region]:
    """`count` regions of a level under parent_of(i), ancestors copied, statistical codes from
    the province's two digits (PP CC XX TTT VVV); a county's and a town's own column is itself."""
    rows = []
    for i in range(count):
        parent = parent_of(i)
        rows.append(
            _with_keys(
                Region(
                    name=f"基准{level.label}{i + 1}",
                    level=level,
                    parent_id=parent.pk,
                    code=_code(code, level, i),
                    **parent.ancestors_for_child(),
                )
            )
        )
    writer.number(rows)
    if level in (Level.COUNTY, Level.TOWN):
        for region in rows:
            setattr(region, f"{level}_id", region.pk)
    return writer.write(rows)  # type: ignore[return-value]


def _code(province: str, level: Level, i: int) -> str:
    head = province[:2]
    if level == Level.CITY:
        return f"{head}{i + 1:02d}00000000"
    if level == Level.COUNTY:
        return f"{head}{i // COUNTIES_PER_CITY + 1:02d}{i % COUNTIES_PER_CITY + 1:02d}000000"
    if level == Level.TOWN:
        county = i // TOWNS_PER_COUNTY
        city, within = county // COUNTIES_PER_CITY + 1, county % COUNTIES_PER_CITY + 1
        return f"{head}{city:02d}{within:02d}{i % TOWNS_PER_COUNTY + 1:03d}000"
    town = i // VILLAGES_PER_TOWN
    county = town // TOWNS_PER_COUNTY
    city, within = county // COUNTIES_PER_CITY + 1, county % COUNTIES_PER_CITY + 1
    number = town % TOWNS_PER_COUNTY + 1
    return f"{head}{city:02d}{within:02d}{number:03d}{i % VILLAGES_PER_TOWN + 201:03d}"


def _tree(writer: Writer, villages: int, province: Region, code: str) -> list[Region]:
    towns = -(-villages // VILLAGES_PER_TOWN)
    counties = -(-towns // TOWNS_PER_COUNTY)
    cities = _level(writer, Level.CITY, -(-counties // COUNTIES_PER_CITY), lambda i: province, code)
    county_rows = _level(
        writer, Level.COUNTY, counties, lambda i: cities[i // COUNTIES_PER_CITY], code
    )
    town_rows = _level(
        writer, Level.TOWN, towns, lambda i: county_rows[i // TOWNS_PER_COUNTY], code
    )
    return _level(
        writer, Level.VILLAGE, villages, lambda i: town_rows[i // VILLAGES_PER_TOWN], code
    )


@dataclass
class Plan:
    """One village's synthetic committee, drawn from a seeded generator."""

    secretary_age: int | None
    dual: bool
    others: list[int]
    rating: tuple[int, int]


def plan(rng: random.Random) -> Plan:
    kind = rng.random()
    if kind < 0.06:
        return Plan(None, False, [rng.randint(50, 66) for _ in range(rng.randint(1, 3))], (1, 3))
    if kind < 0.16:
        return Plan(
            rng.randint(61, 66),
            False,
            [rng.randint(50, 66) for _ in range(rng.randint(2, 3))],
            (1, 3),
        )
    if kind < 0.45:
        return Plan(
            rng.randint(55, 60),
            False,
            [rng.randint(45, 63) for _ in range(rng.randint(3, 4))],
            (2, 4),
        )
    if kind < 0.8:
        return Plan(rng.randint(45, 56), False, [rng.randint(50, 64) for _ in range(4)], (3, 5))
    return Plan(
        rng.randint(35, 50), True, [rng.randint(26, 55) for _ in range(rng.randint(4, 5))], (4, 5)
    )


class Factory:
    """Unsaved rows for the synthetic province; persons numbered for unique blind indexes."""

    def __init__(self, election_round: ElectionRound, prefix: str) -> None:
        self.round, self.count, self.prefix = election_round, 0, prefix

    def person(self, village: Region, age: int, rng: random.Random) -> Person:
        name, sex, birth, education = self.draw(age, rng)
        full, initials = _person_keys(name)
        return Person(
            name=name, name_pinyin=full, name_initials=initials, sex=sex,
            birth_date=birth, id_number_encrypted="-",
            id_number_hash=f"bench{self.prefix}{self.count:057d}",
            id_number_masked="490000********0000", education=education,
            village_id=village.pk,
        )  # fmt: skip

    def draw(self, age: int, rng: random.Random) -> tuple[str, str, dt.date, str]:
        """A person's name, sex, birth date and education, numbered: the draws `person` makes,
        also made for a person left out (`build(roster=False)`), so the others stay the same."""
        self.count += 1
        birth = dt.date(CUTOFF.year - age, rng.randint(1, 12), rng.randint(1, 28))
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        return name, rng.choice("12"), birth, rng.choice(("61", "71", "21"))

    def post(self, person: Person, role: str) -> Post:
        start = dt.date(2021, 3, 20)
        return Post(
            person=person,
            village_id=person.village_id,
            organisation="party",
            role=role,
            term_start=start,
        )

    def survey(self, person: Person, rng: random.Random, rating: tuple[int, int]) -> Survey:
        return Survey(
            election_round_id=self.round.pk, village_id=person.village_id, person=person,
            source="talk",
            attitude=rng.choice(("stay", "stay", "undecided", "leave")),
            performance=rng.randint(*rating), conduct=rng.randint(*rating),
            intention=rng.choice(("run_again", "run_again", "dual_role", "retire", "other_post")),
            negative=rng.random() < 0.02, surveyed_on=CUTOFF.replace(year=2025),
        )  # fmt: skip

    def candidate(self, person: Person, rng: random.Random) -> Candidate:
        # Cumulative weights given: the same draw as `weights=`, without summing them each time.
        stage = rng.choices(STAGES, cum_weights=CUMULATIVE)[0]
        return Candidate(
            person=person, village_id=person.village_id, election_round_id=self.round.pk,
            target_post=rng.choice((TargetPost.SECRETARY, TargetPost.MEMBER)),
            source="field_survey", background="graduate", stage=Stage.REVIEWED,
            note=f"{NOTE}{stage}",
            readiness=rng.choice((Readiness.READY_NOW, Readiness.DEVELOPING, "")),
        )  # fmt: skip


def put_in_pool(candidates: Iterable[Candidate], writer: Writer | None = None) -> None:
    """Each candidate to the stage its note names, the only way the database allows: a passed
    joint review first for the pool and later stages; a reason for a removal."""
    now, writer = timezone.now(), writer or Writer()
    writer.write([
        JointReview(
            candidate=c, department="police", department_name="公安", outcome="passed",
            reviewed_at=now,
        )
        for c in candidates if c.note.removeprefix(NOTE) in REVIEWED_STAGES
    ])  # fmt: skip
    for stage in Stage:
        if stage == Stage.REVIEWED:
            continue
        moved = Candidate.objects.filter(note=f"{NOTE}{stage}")
        if stage == Stage.REMOVED:
            moved.update(stage=stage, removal_reason=RemovalReason.WITHDREW)
        else:
            moved.update(stage=stage)


def _committee(
    factory: Factory,
    village: Region,
    rng: random.Random,
    rows: dict[str, list[Any]],
    roster: bool = True,
) -> None:
    drawn = plan(rng)
    seated = []
    if drawn.secretary_age is not None:
        secretary = factory.person(village, drawn.secretary_age, rng)
        seated.append((secretary, ["secretary", "chair"] if drawn.dual else ["secretary"]))
    for n, age in enumerate(drawn.others):
        role = "chair" if n == 0 and not drawn.dual else "member"
        seated.append((factory.person(village, age, rng), [role]))
    for person, roles in seated:
        rows["people"].append(person)
        rows["posts"] += [factory.post(person, role) for role in roles]
        if rng.random() < 0.9:
            rows["surveys"].append(factory.survey(person, rng, drawn.rating))
    for _ in range(rng.randint(0, 3)):
        reserve = factory.person(village, rng.randint(25, 44), rng)
        rows["people"].append(reserve)
        rows["candidates"].append(factory.candidate(reserve, rng))
    # Party members and others on the roster who hold no post: ~7.8 people a village in all.
    # Without `roster` they are drawn and left out.
    for _ in range(rng.randint(0, 3)):
        age = rng.randint(22, 70)
        if roster:
            rows["people"].append(factory.person(village, age, rng))
        else:
            factory.draw(age, rng)


def _facts(election_round: ElectionRound, village: Region, rng: random.Random) -> VillageFacts:
    return VillageFacts(
        election_round_id=election_round.pk, village_id=village.pk,
        open_conflicts=rng.choice((0, 0, 1, 2)),
        petition_backlog=rng.choice((0, 0, 0, 1, 3)), clan_disputes=rng.choice((0, 0, 0, 1)),
        past_trouble=rng.choice((0, 0, 0, 1, 2)),
    )  # fmt: skip


@transaction.atomic
def build(
    villages: int, seed: int = 2026, code: str = "490000000000", *, roster: bool = True
) -> ElectionRound:
    """A province (its code given) with a current round and `villages` villages. Without
    `roster`, only the people who hold a post or are a reserve (about four in five): what the
    assessment (G5) reads and enough for the export (G2), as `make bench` builds SQLite's half;
    the others are the same people."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    writer = Writer()
    province = _with_keys(Region(name=f"基准省{code[:2]}", level=Level.PROVINCE, code=code))
    writer.write([province])
    regions = _tree(writer, villages, province, code)
    election_round = ElectionRound(
        name="基准换届", year=2026, region=province, cutoff_date=CUTOFF, is_current=True
    )
    writer.write([election_round])
    writer.write(
        [
            RuleSet(
                election_round=election_round,
                version=1,
                rules=default_rules(),
                source_document=DEFAULT_SOURCE,
            )
        ]
    )
    factory = Factory(election_round, code[:2])
    rows: dict[str, list[Any]] = {"people": [], "posts": [], "surveys": [], "candidates": []}
    for village in regions:
        _committee(factory, village, rng, rows, roster)
    writer.write(rows["people"])
    for kind in ("posts", "surveys", "candidates"):
        for row in rows[kind]:
            row.person_id = row.person.pk
        writer.write(rows[kind])
    put_in_pool(rows["candidates"], writer)
    writer.write([_facts(election_round, v, rng) for v in regions if rng.random() < 0.7])
    writer.finish()
    return election_round


def _shifted_colour(k: str) -> str:
    """A past week's colour: most villages as now, some a step worse or better."""
    return (
        f"CASE WHEN (a.village_id + {k}) %% 9 = 0 THEN "
        "(CASE a.colour WHEN 'green' THEN 'yellow' WHEN 'yellow' THEN 'orange' ELSE 'red' END) "
        f"WHEN (a.village_id + {k}) %% 9 = 1 THEN "
        "(CASE a.colour WHEN 'red' THEN 'orange' WHEN 'orange' THEN 'yellow' ELSE 'green' END) "
        "ELSE a.colour END"
    )


@transaction.atomic
def history(election_round: ElectionRound, weeks: int = 52) -> int:
    """This week's snapshots from the engine itself, then `weeks - 1` earlier weekly runs
    derived from them in one INSERT … SELECT (about 2.4 million rows for a province's year),
    then the dashboards' rollups rebuilt from them. Returns the snapshots written."""
    villages = villages_under(election_round.region)
    run = assess_villages(
        region=election_round.region, villages=villages, actor=None, source=RunSource.COMMAND
    )
    if weeks <= 1:
        rollups.rebuild()
        return run.villages
    writer = Writer()
    earlier = [
        AssessmentRun(
            region=run.region, week=run.week - dt.timedelta(weeks=k), source=run.source,
            started_at=run.started_at - dt.timedelta(weeks=k), seconds=run.seconds,
            villages=run.villages, counts=run.counts, rule_versions=run.rule_versions,
        )
        for k in range(1, weeks)
    ]  # fmt: skip
    writer.write(earlier)
    writer.finish()
    ops = connection.ops
    values, params = [], []
    for k, past in enumerate(earlier, start=1):
        values.append("(%s, %s, %s, %s)")
        assessed = ops.adapt_datetimefield_value(past.started_at)
        params += [k, past.pk, ops.adapt_datefield_value(past.week), assessed]
    derived = {
        "run_id": "w.column2",
        "week": "w.column3",
        "assessed_at": "w.column4",
        "colour": _shifted_colour("w.column1"),
        "computed_colour": _shifted_colour("w.column1"),
        "baseline_colour": "''",
        "previous_id": "NULL",
        "override_id": "NULL",
        "is_latest": "FALSE" if connection.vendor == "postgresql" else "0",
    }
    fields = [f.column for f in Assessment._meta.concrete_fields if not f.primary_key]
    quote = ops.quote_name
    # Names from the model, numbers as parameters.
    table, columns = quote(Assessment._meta.db_table), ", ".join(map(quote, fields))
    chosen = ", ".join(derived.get(c, f"a.{quote(c)}") for c in fields)
    statement = f"INSERT INTO {table} ({columns}) SELECT {chosen} FROM {table} a "  # noqa: S608
    statement += f"CROSS JOIN (VALUES {', '.join(values)}) w WHERE a.run_id = %s"
    with connection.cursor() as cursor, _indexed_after(cursor, Assessment):
        cursor.execute(statement, [*params, run.pk])
        written = run.villages + int(cursor.rowcount)
    # The snapshots went in beside the services: the dashboards' rollups from them, every town
    # and every week, as `houbei rollups` (houbei.risk.rollups.rebuild) would leave them.
    week_rollups([run.week, *(past.week for past in earlier)])
    rollups.refresh_towns(None)
    return written


@contextmanager
def _indexed_after(cursor: Any, model: type[Model]) -> Iterator[None]:
    """On PostgreSQL, the table's indexes (but its primary key) and foreign keys dropped for a
    bulk insert and created again after it: one sort and one join each, instead of an index
    entry and a deferred key check for every row (2.4 million snapshots: docs/performance.md
    §4.6). Elsewhere nothing is dropped."""
    if connection.vendor != "postgresql":
        yield
        return
    quote, table = connection.ops.quote_name, model._meta.db_table
    # The checks already queued for the table (the engine's run) first: a table with pending
    # trigger events cannot be altered.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
        [table],
    )
    keys = cursor.fetchall()
    cursor.execute(
        "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index x "
        "JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = %s::regclass "
        "AND NOT x.indisprimary ORDER BY c.relname",
        [table],
    )
    indexes = cursor.fetchall()
    for name, _ in keys:
        cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for _, definition in indexes:
        cursor.execute(definition)
    for name, definition in keys:
        cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's keys are initially deferred


def week_rollups(weeks: Iterable[dt.date]) -> int:
    """The dashboards' week rows (houbei.risk.rollups.TownWeekRollup) of these weeks, counted
    in one query over every week instead of one a week. The generator writes one snapshot a
    village a week, so each snapshot is its village's last of the week, the one the rows
    count. Returns the rows written."""
    weeks = sorted(set(weeks))
    counts = (
        Assessment.objects.filter(week__in=weeks, village__town__isnull=False)
        .values_list("village__town_id", "week")
        .annotate(**{colour: Count("pk", filter=Q(colour=colour)) for colour in COLOURS})
        .order_by()
    )
    rows = [
        TownWeekRollup(town_id=town_id, week=week, **dict(zip(COLOURS, found, strict=True)))
        for town_id, week, *found in counts
    ]
    TownWeekRollup.objects.filter(week__in=weeks).delete()
    writer = Writer()
    writer.write(rows)
    writer.finish()
    return len(rows)


def bench_users(election_round: ElectionRound, password: str, towns: int = 30) -> list[User]:
    """The first county's officer (`bench-county`) and its first towns' leaders
    (`bench-town-1` …), all with the same password, none asked to change it."""
    county = Region.objects.filter(
        level=Level.COUNTY, parent__parent=election_round.region
    ).order_by("pk")[0]
    town_rows = list(Region.objects.filter(level=Level.TOWN, county=county).order_by("pk")[:towns])
    hashed, now = make_password(password), timezone.now()
    users = [User(username="bench-county", role=UserRole.COUNTY_OFFICER, region=county)]
    users += [
        User(username=f"bench-town-{i}", role=UserRole.TOWN_LEADER, region=town)
        for i, town in enumerate(town_rows, start=1)
    ]
    for user in users:
        user.password, user.password_changed_at, user.full_name = hashed, now, user.username
    return list(User.objects.bulk_create(users))
