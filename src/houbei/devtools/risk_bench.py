"""`houbei bench assess --villages 46000`: the weekly assessment at province scale against one
SQL statement computing the same colours (docs/performance.md G5, houbei.devtools.risk_sql).

A synthetic province (regions, committees, surveys, facts and reserves for N villages,
deterministic) is built in a scratch database: on SQLite a temporary file (unless in place); on
PostgreSQL the configured database, which must be empty (for instance the throwaway cluster of
`python -m houbei.devtools.pgcluster -- houbei bench assess ...`).
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, reset_queries, transaction
from django.db.models import F
from django.db.utils import OperationalError, ProgrammingError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from houbei.devtools import risk_sql
from houbei.people.models import Person, Post
from houbei.regions.models import Level, Region
from houbei.reserves.models import Candidate, JointReview, Readiness, Stage, TargetPost
from houbei.risk.engine.run import assess_villages, villages_under
from houbei.risk.models import Assessment, RunSource, Survey, VillageFacts
from houbei.rounds.models import ElectionRound, RuleSet
from houbei.rulebook.registry import DEFAULT_SOURCE, default_rules

CUTOFF = dt.date(2026, 12, 31)
TOWNS_PER_COUNTY, VILLAGES_PER_TOWN = 16, 18
BATCH = 2000


def _save(objs: list[Any]) -> list[Any]:
    if objs:
        type(objs[0]).objects.bulk_create(objs, batch_size=BATCH)
    return objs


def _level(name: str, level: Level, count: int, parent_of: Any) -> list[Region]:
    """`count` regions of a level, each under parent_of(i), ancestors copied; self-links set."""
    rows = []
    for i in range(count):
        parent = parent_of(i)
        rows.append(
            Region(name=f"{name}{i}", level=level, parent=parent, **parent.ancestors_for_child())
        )
    _save(rows)
    if level in (Level.COUNTY, Level.TOWN):
        Region.objects.filter(level=level, **{f"{level}__isnull": True}).update(
            **{str(level): F("pk")}
        )
        for region in rows:
            setattr(region, f"{level}_id", region.pk)
    return rows


def _tree(villages: int, province: Region) -> list[Region]:
    towns_needed = -(-villages // VILLAGES_PER_TOWN)
    city = Region.objects.create(name="基准市", level=Level.CITY, parent=province)
    counties = _level("基准县", Level.COUNTY, -(-towns_needed // TOWNS_PER_COUNTY), lambda i: city)
    towns = _level("基准镇", Level.TOWN, towns_needed, lambda i: counties[i // TOWNS_PER_COUNTY])
    return _level("基准村", Level.VILLAGE, villages, lambda i: towns[i // VILLAGES_PER_TOWN])


@dataclass
class Plan:
    """One village's synthetic committee, drawn from a seeded generator."""

    secretary_age: int | None
    dual: bool
    others: list[int]
    rating: tuple[int, int]


def _plan(rng: random.Random) -> Plan:
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
        self.count += 1
        birth = dt.date(CUTOFF.year - age, rng.randint(1, 12), rng.randint(1, 28))
        return Person(
            name=f"基准{self.count}", sex="1", birth_date=birth, id_number_encrypted="-",
            id_number_hash=f"bench{self.prefix}{self.count:057d}",
            id_number_masked="490000********0000", education="61", village=village,
        )  # fmt: skip

    def post(self, person: Person, role: str) -> Post:
        start = dt.date(2021, 3, 20)
        return Post(
            person=person, village=person.village, organisation="party", role=role, term_start=start
        )

    def survey(self, person: Person, rng: random.Random, rating: tuple[int, int]) -> Survey:
        return Survey(
            election_round=self.round, village=person.village, person=person, source="talk",
            attitude=rng.choice(("stay", "stay", "undecided", "leave")),
            performance=rng.randint(*rating), conduct=rng.randint(*rating),
            intention=rng.choice(("run_again", "run_again", "dual_role", "retire", "other_post")),
            negative=rng.random() < 0.02, surveyed_on=CUTOFF.replace(year=2025),
        )  # fmt: skip

    def candidate(self, person: Person, rng: random.Random) -> Candidate:
        return Candidate(
            person=person, village=person.village, election_round=self.round,
            target_post=rng.choice((TargetPost.SECRETARY, TargetPost.MEMBER)),
            source="field_survey", background="graduate", stage=Stage.REVIEWED,
            note=f"bench:{rng.choice((Stage.POOLED, Stage.TRAINED, Stage.NOMINATED))}",
            readiness=rng.choice((Readiness.READY_NOW, Readiness.DEVELOPING, "")),
        )  # fmt: skip


def put_in_pool(candidates: list[Candidate]) -> None:
    """Into the pool the only way the database allows: a passed joint review first."""
    now = timezone.now()
    _save([
        JointReview(
            candidate=c, department="police", department_name="公安", outcome="passed",
            reviewed_at=now,
        )
        for c in candidates if c.note != f"bench:{Stage.NOMINATED}"
    ])  # fmt: skip
    for stage in (Stage.POOLED, Stage.TRAINED, Stage.NOMINATED):
        Candidate.objects.filter(note=f"bench:{stage}").update(stage=stage)


def _committee(
    factory: Factory, village: Region, rng: random.Random, rows: dict[str, list[Any]]
) -> None:
    plan = _plan(rng)
    seated = []
    if plan.secretary_age is not None:
        secretary = factory.person(village, plan.secretary_age, rng)
        seated.append((secretary, ["secretary", "chair"] if plan.dual else ["secretary"]))
    for n, age in enumerate(plan.others):
        seated.append(
            (factory.person(village, age, rng), ["chair" if n == 0 and not plan.dual else "member"])
        )
    for person, roles in seated:
        rows["people"].append(person)
        rows["posts"] += [factory.post(person, role) for role in roles]
        if rng.random() < 0.9:
            rows["surveys"].append(factory.survey(person, rng, plan.rating))
    for _ in range(rng.randint(0, 3)):
        reserve = factory.person(village, rng.randint(25, 44), rng)
        rows["people"].append(reserve)
        rows["candidates"].append(factory.candidate(reserve, rng))


def _facts(election_round: ElectionRound, village: Region, rng: random.Random) -> VillageFacts:
    return VillageFacts(
        election_round=election_round, village=village, open_conflicts=rng.choice((0, 0, 1, 2)),
        petition_backlog=rng.choice((0, 0, 0, 1, 3)), clan_disputes=rng.choice((0, 0, 0, 1)),
        past_trouble=rng.choice((0, 0, 0, 1, 2)),
    )  # fmt: skip


@transaction.atomic
def build(villages: int, seed: int = 2026, code: str = "490000000000") -> ElectionRound:
    """A province (its code given) with a current round and `villages` villages."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    province = Region.objects.create(name=f"基准省{code[:2]}", level=Level.PROVINCE, code=code)
    regions = _tree(villages, province)
    election_round = ElectionRound.objects.create(
        name="基准换届", year=2026, region=province, cutoff_date=CUTOFF, is_current=True
    )
    RuleSet.objects.create(
        election_round=election_round,
        version=1,
        rules=default_rules(),
        source_document=DEFAULT_SOURCE,
    )
    factory = Factory(election_round, code[:2])
    rows: dict[str, list[Any]] = {"people": [], "posts": [], "surveys": [], "candidates": []}
    for village in regions:
        _committee(factory, village, rng, rows)
    _save(rows["people"])
    for kind in ("posts", "surveys", "candidates"):
        for row in rows[kind]:
            row.person_id = row.person.pk
        _save(rows[kind])
    put_in_pool(rows["candidates"])
    _save([_facts(election_round, v, rng) for v in regions if rng.random() < 0.7])
    return election_round


def analyse() -> None:
    """Planner statistics after the bulk load, as autovacuum (or a DBA) would have them."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@dataclass
class Timing:
    villages: int
    engine_seconds: float
    engine_queries: int
    sql_seconds: float
    disagreements: dict[int, tuple[Any, Any]]

    @property
    def agree(self) -> bool:
        return not self.disagreements

    @property
    def ratio(self) -> float:
        return self.engine_seconds / self.sql_seconds if self.sql_seconds else float("inf")


def _engine(villages: Any) -> tuple[float, int]:
    reset_queries()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        started = time.perf_counter()
        assess_villages(region=None, villages=villages, actor=None, source=RunSource.COMMAND)
        seconds = time.perf_counter() - started
    return seconds, len(queries)


def measure(election_round: ElectionRound, today: dt.date) -> Timing:
    villages = villages_under(election_round.region)
    _engine(villages)  # the first week: no previous snapshots
    engine_seconds, engine_queries = _engine(villages)  # a later week: the steady state
    risk, ctx = risk_sql.round_rules(election_round, today)
    started = time.perf_counter()
    found = risk_sql.colours(villages, election_round, risk, ctx)
    sql_seconds = time.perf_counter() - started
    engine = {
        pk: (score, colour)
        for pk, score, colour in Assessment.objects.filter(is_latest=True).values_list(
            "village_id", "score", "computed_colour"
        )
    }
    differ = {pk: (engine.get(pk), found.get(pk)) for pk in set(engine) | set(found)}
    differ = {pk: pair for pk, pair in differ.items() if pair[0] != pair[1]}
    return Timing(len(engine), engine_seconds, engine_queries, sql_seconds, differ)


# The command (houbei.devtools.management.commands.bench) -----------------------------------


def use_scratch_sqlite(path: Path, write: Callable[[str], Any]) -> None:
    connections["default"].close()
    connections["default"].settings_dict["NAME"] = str(path)
    write(f"临时 SQLite 数据库：{path}")


def prepare() -> None:
    """Refuse a database holding data; migrate; JIT off as the engine has it for its reads."""
    try:
        if Region.objects.exists():
            raise CommandError("数据库不为空：基准只在空库或临时库中运行，以免改动真实数据。")
    except (OperationalError, ProgrammingError):
        connection.close()  # no tables yet: a fresh database
    call_command("migrate", verbosity=0, interactive=False)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")


def run(villages: int, write: Callable[[str], Any]) -> None:
    started = time.perf_counter()
    election_round = build(villages)
    analyse()
    write(f"生成 {villages} 个村的数据用时 {time.perf_counter() - started:.1f} 秒")
    timing = measure(election_round, timezone.localdate())
    if not timing.agree:
        sample = list(timing.disagreements.items())[:5]
        raise CommandError(
            f"引擎与单条 SQL 的计算结果不一致：{len(timing.disagreements)} 个村，"
            f"如（村编号: (引擎得分, 颜色), (SQL得分, 颜色)）{sample}"
        )
    write(
        f"数据库 {connection.vendor}；村 {timing.villages}；"
        f"引擎（含写入快照） {timing.engine_seconds:.2f} 秒，{timing.engine_queries} 条查询；"
        f"单条 SQL {timing.sql_seconds:.2f} 秒；倍数 {timing.ratio:.2f}；结果一致"
    )


def bench_assess(villages: int, *, in_place: bool, write: Callable[[str], Any]) -> None:
    """`houbei bench assess`: in a temporary SQLite file unless in place or on PostgreSQL."""
    with tempfile.TemporaryDirectory(prefix="houbei-bench-") as folder:
        if connection.vendor == "sqlite" and not in_place:
            use_scratch_sqlite(Path(folder) / "bench.sqlite3", write)
        prepare()
        run(villages, write)
