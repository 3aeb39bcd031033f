"""The `make bench` machinery at toy size (the bench itself is not part of the suite): the
province generator's counts and determinism, the dashboards' rollups after the bulk-loaded
snapshots, and one printed line a goal with a figure and a verdict, from real measurements of a
town (pages through the live server with the load generator). The verdicts are not asserted:
at this size they mean nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.models import Q
from pytest_django.live_server_helper import LiveServer

from houbei.accounts.models import User
from houbei.audit.models import AuditEntry
from houbei.devtools import bench, goals, loadgen, province
from houbei.lib.pinyin import search_keys
from houbei.people.management.commands import bench_import
from houbei.people.models import Person, Post
from houbei.regions.models import Level, Region
from houbei.reserves.models import Candidate
from houbei.risk import rollups
from houbei.risk.models import Assessment, AssessmentRun, TownRollup, TownWeekRollup

PASSWORD = "Bench-Toy-Passw0rd-2026"  # noqa: S105
TOY = province.VILLAGES_PER_TOWN + 2  # two towns, the second with two villages


def _people(code: str) -> list[tuple[Any, ...]]:
    return list(
        Person.objects.filter(village__code__startswith=code[:2])
        .order_by("pk")
        .values_list("name", "sex", "birth_date", "education", "village__code")
    )


@pytest.mark.django_db
def test_the_generator_builds_the_sizes_asked_the_same_for_a_seed() -> None:
    election_round = province.build(TOY)
    regions = Region.objects.filter(code__startswith="49")
    levels = {level: regions.filter(level=level).count() for level in Level}
    assert levels[Level.PROVINCE] == levels[Level.CITY] == levels[Level.COUNTY] == 1
    assert (levels[Level.TOWN], levels[Level.VILLAGE]) == (2, TOY)
    people = _people("49")
    assert TOY * 2 < len(people) < TOY * 12
    assert Post.objects.values("village").distinct().count() == TOY  # a committee everywhere
    assert Candidate.objects.filter(election_round=election_round).count() > 0
    # The same seed under another province code: the same people, village by village.
    province.build(TOY, code="480000000000")
    again = _people("48")
    assert [p[:4] for p in again] == [p[:4] for p in people]
    assert [p[4][2:] for p in again] == [p[4][2:] for p in people]


@pytest.mark.django_db
def test_without_the_roster_the_same_people_who_hold_a_post_or_are_a_reserve() -> None:
    province.build(TOY)
    province.build(TOY, code="480000000000", roster=False)

    def kept(code: str) -> list[tuple[Any, ...]]:
        people = Person.objects.filter(village__code__startswith=code[:2])
        held = people.filter(Q(posts__isnull=False) | Q(candidacies__isnull=False)).distinct()
        return list(
            held.order_by("pk").values_list(
                "name", "sex", "birth_date", "education", "id_number_hash"
            )
        )

    everyone, without = len(_people("49")), len(_people("48"))
    assert without < everyone
    assert [p[:4] for p in kept("48")] == [p[:4] for p in kept("49")]
    assert [p[4][7:] for p in kept("48")] == [p[4][7:] for p in kept("49")]  # numbered alike
    assert len(kept("48")) == without  # nobody else
    posts = Post.objects.filter(village__code__startswith="48").count()
    assert posts == Post.objects.filter(village__code__startswith="49").count()


def test_a_generated_regions_search_keys_are_search_keys() -> None:
    for name in ("基准行政村1", "基准乡镇(街道)23", "基准县450", "基准省49", "基准村"):
        assert province._region_keys(name) == search_keys(name)


def _week_rows() -> list[tuple[Any, ...]]:
    return list(
        TownWeekRollup.objects.order_by("town", "week").values_list(
            "town", "week", "red", "orange", "yellow", "green"
        )
    )


@pytest.mark.django_db
def test_history_writes_a_snapshot_a_village_a_week_and_the_rollups_from_them() -> None:
    election_round = province.build(TOY)
    before = _constraints()

    written = province.history(election_round, weeks=3)

    assert written == Assessment.objects.count() == TOY * 3
    assert AssessmentRun.objects.count() == 3
    assert Assessment.objects.filter(is_latest=True).count() == TOY
    assert TownRollup.objects.count() == 2
    assert TownWeekRollup.objects.values("week").distinct().count() == 3
    towns = TownRollup.objects.all()
    assert sum(row.villages for row in towns) == TOY
    assert sum(row.red + row.orange + row.yellow + row.green for row in towns) == TOY
    assert rollups.differences() == []
    # The week rows counted in one query are the rows `houbei rollups` would write.
    counted = _week_rows()
    assert sum(sum(row[2:]) for row in counted) == TOY * 3
    TownWeekRollup.objects.all().delete()
    rollups.rebuild()
    assert _week_rows() == counted
    # The indexes and keys dropped for the load (on PostgreSQL) are back, the same.
    assert _constraints() == before


def _constraints() -> dict[str, tuple[Any, ...]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Assessment._meta.db_table)
    return {
        name: (c["columns"], c["unique"], c["foreign_key"], c["index"], c.get("orders"))
        for name, c in found.items()
    }


LINE = re.compile(r"^G(\d) \| [^|]+ \| [^|]*\d[^|]* \| baseline [^|]+ \| [^|]*(\d|inf)[^|]*× \|")


@pytest.mark.django_db(transaction=True)
def test_every_goal_gets_a_line_with_its_figure_and_a_verdict(
    live_server: LiveServer, settings: Any, tmp_path: Path
) -> None:
    # The load generator talks to the server as the TLS proxy does (`houbei serve` in the bench).
    settings.ALLOWED_HOSTS = [goals.HOST]
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    election_round = province.build(TOY)
    province.history(election_round, weeks=2)
    said: list[str] = []
    figures = goals.counts() | goals.batch_goals(election_round, 50, said.append)
    bench_import.bench_town(3)
    path = str(tmp_path / "bench.xlsx")
    figures["g1"] = {
        phase: bench_import.run_phase(phase, path, rows=200, villages=3)
        for phase in ("generate", "baseline", "import")
    }
    port = int(live_server.url.rsplit(":", 1)[1])
    figures["web"] = goals.web_goals(
        election_round, 0.6, said.append, port=port, connections=(1, 1), warmup=0
    )

    # G6 counts only the writes of the measured window: warm-up writes are stored but not counted.
    last_entry = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    towns = list(User.objects.filter(username__startswith="bench-town-").order_by("pk"))
    towns[0].set_password(PASSWORD)
    towns[0].save()
    writes = [step for step in goals.mixed_steps(goals._scopes(towns)) if step.name == "write"]
    jar = loadgen.sessions(goals.HOST, port, [(towns[0].username, PASSWORD)])
    run = loadgen.run("writes", goals.HOST, port, writes, connections=1, seconds=0.5,
                      cookies=jar, warmup=1)  # fmt: skip
    assert run.error_count == 0 and run.writes["write"]
    assert goals.writes_stored(run, last_entry) == len(run.writes["write"])
    saved = AuditEntry.objects.filter(action="risk.facts.saved", pk__gt=last_entry).count()
    assert saved > len(run.writes["write"])

    web = figures["web"]
    runs = ("healthz", "town dashboard", "county dashboard", "person list first", "mixed")
    assert all(web[run]["requests"] > 0 and web[run]["errors"] == 0 for run in runs), said
    assert web["writes_stored"] == web["writes_answered"]
    assert figures["g2"]["rows"] == 50
    assert figures["g1"]["import"]["rows"] == 200
    scale = bench.Scale("toy", 2, 0.6, 200, 1)
    printed = bench.lines(figures, figures, scale)
    assert [LINE.match(line).group(1) for line in printed] == list("123456")  # type: ignore[union-attr]
    assert all(line.endswith((" | met", " | NOT MET")) for line in printed)
    assert bench.sizes(figures, scale).startswith(f"sizes: {TOY} villages")
