"""The engine's two raw reads, in SQL for speed: each sitting cadre once (with their age at the
cut-off) and the latest surveys. The SQL twin of the whole assessment (houbei.devtools.risk_sql)
builds on the same pieces, so both count the same cadres."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from houbei.people.models import Person, Post
from houbei.regions.models import Region
from houbei.reserves.models import Candidate
from houbei.risk.engine.context import Context
from houbei.risk.models import Survey, VillageFacts
from houbei.rounds.models import ElectionRound


def date_part(column: str, part: str) -> str:
    if connection.vendor == "sqlite":
        start, length = {"year": (1, 4), "month": (6, 2), "day": (9, 2)}[part]
        return f"CAST(substr({column}, {start}, {length}) AS INTEGER)"
    return f"CAST(EXTRACT({part.upper()} FROM {column}) AS INTEGER)"


def age(column: str, cutoff: dt.date) -> str:
    """SQL for the age at the cut-off date of a birth date column."""
    birthday = f"({date_part(column, 'month')} * 100 + {date_part(column, 'day')})"
    late = f"CASE WHEN {birthday} > {cutoff.month * 100 + cutoff.day} THEN 1 ELSE 0 END"
    return f"({cutoff.year} - {date_part(column, 'year')} - {late})"


def tables() -> dict[str, str]:
    """The quoted table names the reads use."""
    quote = connection.ops.quote_name
    models = {"region": Region, "post": Post, "person": Person, "survey": Survey}
    models |= {"facts": VillageFacts, "candidate": Candidate}
    return {key: quote(model._meta.db_table) for key, model in models.items()}


def sitting(ctx: Context, t: dict[str, str]) -> str:
    """pv: each sitting cadre once, with their age at the cut-off and whether they hold the
    secretary's or the chair's post."""
    return f"""pv AS (SELECT p.village_id, p.person_id, {age("pe.birth_date", ctx.cutoff)} AS age,
         MAX(CASE WHEN p.role = 'secretary' THEN 1 ELSE 0 END) AS is_sec,
         MAX(CASE WHEN p.role = 'chair' THEN 1 ELSE 0 END) AS is_chair
       FROM {t["post"]} p JOIN {t["person"]} pe ON pe.id = p.person_id
       WHERE p.village_id IN (SELECT id FROM v) AND p.term_start <= %(today)s
         AND (p.term_end IS NULL OR p.term_end >= %(today)s)
       GROUP BY p.village_id, p.person_id, pe.birth_date)"""  # noqa: S608 - names and numbers from code and validated rules


def scope(villages: QuerySet[Region]) -> tuple[str, dict[str, Any]]:
    """The villages' id subquery with named parameters (scope_0, scope_1, ...)."""
    scope_sql, scope_params = villages.order_by().values("pk").query.sql_with_params()
    names = [f"scope_{i}" for i in range(len(scope_params))]
    return scope_sql % tuple(f"%({name})s" for name in names), dict(
        zip(names, scope_params, strict=True)
    )


def fetch(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def cadre_rows(villages: QuerySet[Region], ctx: Context) -> list[tuple[Any, ...]]:
    """(village, person, age at cut-off, is secretary, is chair) of every sitting cadre."""
    ids, params = scope(villages)
    t = tables()
    sql = f"""WITH v AS (SELECT r.id FROM {t["region"]} r WHERE r.id IN ({ids})),
{sitting(ctx, t)}
SELECT village_id, person_id, age, is_sec, is_chair FROM pv"""  # noqa: S608 - names and numbers from code and validated rules
    return fetch(sql, params | {"today": connection.ops.adapt_datefield_value(ctx.today)})


def survey_rows(villages: QuerySet[Region], election_round: ElectionRound) -> list[tuple[Any, ...]]:
    """(village, person, performance, conduct, intention, attitude, negative) of latest surveys."""
    ids, params = scope(villages)
    sql = f"""SELECT village_id, person_id, performance, conduct, intention, attitude, negative
FROM {tables()["survey"]} WHERE is_latest AND election_round_id = %(round)s
  AND village_id IN ({ids})"""  # noqa: S608 - names and numbers from code and validated rules
    return fetch(sql, params | {"round": election_round.pk})
