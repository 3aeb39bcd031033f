"""The same colours in ONE SQL statement: the baseline of the benchmark (docs/performance.md G5)
and a check on the engine (tests assert both agree on every village). Scores and colours only: no
reasons, no outlooks, no writes. Numbers from the rules are inlined after validation."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from houbei.people.models import Person, Post
from houbei.regions.models import Region
from houbei.reserves.models import POOL_STAGES, Candidate, Readiness, TargetPost
from houbei.risk.engine.context import Context
from houbei.risk.models import SEVERITY, Colour, Survey, VillageFacts
from houbei.rounds.models import ElectionRound


def _num(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"规则中的数值无效：{value!r}")
    return repr(value)


def _date_part(column: str, part: str) -> str:
    if connection.vendor == "sqlite":
        start, length = {"year": (1, 4), "month": (6, 2), "day": (9, 2)}[part]
        return f"CAST(substr({column}, {start}, {length}) AS INTEGER)"
    return f"CAST(EXTRACT({part.upper()} FROM {column}) AS INTEGER)"


def _age(column: str, cutoff: dt.date) -> str:
    birthday = f"({_date_part(column, 'month')} * 100 + {_date_part(column, 'day')})"
    late = f"CASE WHEN {birthday} > {cutoff.month * 100 + cutoff.day} THEN 1 ELSE 0 END"
    return f"({cutoff.year} - {_date_part(column, 'year')} - {late})"


def _band_case(factor: dict[str, Any]) -> str:
    value = f"m.{factor['measure']}"
    parts = [f"WHEN {value} IS NULL THEN {_num(factor.get('if_missing', 0))}"]
    for band in factor["bands"]:
        tests = [f"{value} >= {_num(band['min'])}" if band.get("min") is not None else ""]
        tests.append(f"{value} <= {_num(band['max'])}" if band.get("max") is not None else "")
        test = " AND ".join(t for t in tests if t) or "1 = 1"
        parts.append(f"WHEN {test} THEN {_num(band['points'])}")
    return f"(CASE {' '.join(parts)} ELSE 0 END)"


def _condition(condition: dict[str, Any]) -> str:
    if isinstance(condition["value"], str):
        return "1 = 0"  # every measure is a number: text never matches, as in scoring.holds
    op = "<>" if condition["op"] == "!=" else condition["op"]
    return f"m.{condition['measure']} {op} {_num(condition['value'])}"


def _severity_case(risk: dict[str, Any]) -> str:
    rules = sorted(risk["hard_rules"], key=lambda r: -SEVERITY[Colour(r["colour"])])
    parts = [
        f"WHEN {' AND '.join(_condition(c) for c in rule['all'])} "
        f"THEN {SEVERITY[Colour(rule['colour'])]}"
        for rule in rules
    ]
    return f"(CASE {' '.join(parts)} ELSE 0 END)" if parts else "0"


def _score_severity(risk: dict[str, Any]) -> str:
    parts = [
        f"WHEN s.score >= {_num(band['min'])} THEN {SEVERITY[Colour(band['colour'])]}"
        for band in risk["colours"]
    ]
    return f"(CASE {' '.join(parts)} ELSE {SEVERITY[Colour(risk['colours'][-1]['colour'])]} END)"


def _tables() -> dict[str, str]:
    quote = connection.ops.quote_name
    models = {"region": Region, "post": Post, "person": Person, "survey": Survey}
    models |= {"facts": VillageFacts, "candidate": Candidate}
    return {key: quote(model._meta.db_table) for key, model in models.items()}


def _sitting(ctx: Context, t: dict[str, str]) -> str:
    """pv: each sitting cadre once, with their age at the cut-off and whether they hold the
    secretary's or the chair's post (the engine reads these rows too: cadre_rows)."""
    return f"""pv AS (SELECT p.village_id, p.person_id, {_age("pe.birth_date", ctx.cutoff)} AS age,
         MAX(CASE WHEN p.role = 'secretary' THEN 1 ELSE 0 END) AS is_sec,
         MAX(CASE WHEN p.role = 'chair' THEN 1 ELSE 0 END) AS is_chair
       FROM {t["post"]} p JOIN {t["person"]} pe ON pe.id = p.person_id
       WHERE p.village_id IN (SELECT id FROM v) AND p.term_start <= %(today)s
         AND (p.term_end IS NULL OR p.term_end >= %(today)s)
       GROUP BY p.village_id, p.person_id, pe.birth_date)"""  # noqa: S608 - names and numbers from code and validated rules


def _scope(villages: QuerySet[Region]) -> tuple[str, dict[str, Any]]:
    """The villages' id subquery with named parameters (scope_0, scope_1, ...)."""
    scope_sql, scope_params = villages.order_by().values("pk").query.sql_with_params()
    names = [f"scope_{i}" for i in range(len(scope_params))]
    return scope_sql % tuple(f"%({name})s" for name in names), dict(
        zip(names, scope_params, strict=True)
    )


def _fetch(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def cadre_rows(villages: QuerySet[Region], ctx: Context) -> list[tuple[Any, ...]]:
    """(village, person, age at cut-off, is secretary, is chair) of every sitting cadre."""
    scope, params = _scope(villages)
    t = _tables()
    sql = f"""WITH v AS (SELECT r.id FROM {t["region"]} r WHERE r.id IN ({scope})),
{_sitting(ctx, t)}
SELECT village_id, person_id, age, is_sec, is_chair FROM pv"""  # noqa: S608 - names and numbers from code and validated rules
    return _fetch(sql, params | {"today": connection.ops.adapt_datefield_value(ctx.today)})


def survey_rows(villages: QuerySet[Region], election_round: ElectionRound) -> list[tuple[Any, ...]]:
    """(village, person, performance, conduct, intention, attitude, negative) of latest surveys."""
    scope, params = _scope(villages)
    sql = f"""SELECT village_id, person_id, performance, conduct, intention, attitude, negative
FROM {_tables()["survey"]} WHERE is_latest AND election_round_id = %(round)s
  AND village_id IN ({scope})"""  # noqa: S608 - names and numbers from code and validated rules
    return _fetch(sql, params | {"round": election_round.pk})


def _ctes(ctx: Context, scope: str) -> str:
    """Sitting cadres once per person (pv), then one pass per village (agg); the bench."""
    t = _tables()
    return f"""
v AS (SELECT r.id, COALESCE(r.committee_size, {ctx.default_size}) AS size
      FROM {t["region"]} r WHERE r.id IN ({scope})),
{_sitting(ctx, t)},
agg AS (SELECT pv.village_id, COUNT(*) AS people, AVG(pv.age * 1.0) AS average_age,
          SUM(CASE WHEN pv.age <= {ctx.young_age} THEN 1 ELSE 0 END) AS young,
          MAX(CASE WHEN pv.is_sec = 1 THEN pv.age END) AS secretary_age,
          MIN(CASE WHEN pv.is_sec = 1 THEN (s.performance + s.conduct) / 2.0 END)
            AS secretary_rating,
          AVG(CASE WHEN pv.is_sec = 0 THEN (s.performance + s.conduct) / 2.0 END) AS team_rating,
          MAX(pv.is_chair) AS has_chair,
          MAX(CASE WHEN pv.is_sec = 1 AND (pv.is_chair = 1 OR s.intention = 'dual_role')
              THEN 1 ELSE 0 END) AS dual
        FROM pv LEFT JOIN {t["survey"]} s ON s.village_id = pv.village_id
          AND s.person_id = pv.person_id AND s.is_latest AND s.election_round_id = %(round)s
        GROUP BY pv.village_id),
bench AS (SELECT village_id, COUNT(*) AS reserves,
          SUM(CASE WHEN target_post = %(secretary_post)s THEN 1 ELSE 0 END) AS secretary,
          SUM(CASE WHEN target_post = %(secretary_post)s AND readiness = %(ready)s
              THEN 1 ELSE 0 END) AS ready
          FROM {t["candidate"]} WHERE election_round_id = %(round)s
            AND stage IN ({", ".join(f"'{s}'" for s in POOL_STAGES)})
            AND village_id IN (SELECT id FROM v) GROUP BY village_id)"""  # noqa: S608 - names and numbers from code and validated rules


def _measures(ctx: Context) -> str:
    t = _tables()
    ready, secretary = "COALESCE(b.ready, 0)", "COALESCE(b.secretary, 0)"
    short = "v.size - COALESCE(agg.people, 0)"
    return f"""
m AS (SELECT v.id,
  CASE WHEN {short} > 0 THEN {short} ELSE 0 END AS members_short,
  CASE WHEN agg.secretary_age IS NULL THEN 1 ELSE 0 END AS secretary_vacant,
  CASE WHEN COALESCE(agg.has_chair, 0) = 1 THEN 0 ELSE 1 END AS chair_vacant,
  {ctx.caps["secretary"]} - agg.secretary_age AS secretary_age_margin,
  agg.secretary_rating AS secretary_rating,
  agg.team_rating AS team_rating,
  COALESCE(f.open_conflicts + f.petition_backlog + f.clan_disputes, 0) AS conflicts,
  COALESCE(f.petition_backlog, 0) AS petition_backlog,
  COALESCE(f.clan_disputes, 0) AS clan_disputes,
  COALESCE(f.past_trouble, 0) AS past_trouble,
  {ready} AS ready_secretary_reserves,
  {secretary} AS secretary_reserves,
  COALESCE(b.reserves, 0) AS reserves,
  CASE WHEN {ready} > 0 AND {secretary} >= {ctx.target} THEN 4 WHEN {ready} > 0 THEN 3
       WHEN {secretary} > 0 THEN 2 WHEN COALESCE(b.reserves, 0) > 0 THEN 1 ELSE 0 END
       AS reserve_bench,
  COALESCE(agg.dual, 0) AS dual_role,
  agg.average_age AS average_age,
  COALESCE(agg.young, 0) AS young_members
 FROM v
 LEFT JOIN agg ON agg.village_id = v.id
 LEFT JOIN {t["facts"]} f ON f.village_id = v.id AND f.election_round_id = %(round)s
 LEFT JOIN bench b ON b.village_id = v.id)"""  # noqa: S608 - names and numbers from code and validated rules


def statement(
    villages: QuerySet[Region], election_round: ElectionRound, risk: dict[str, Any], ctx: Context
) -> tuple[str, dict[str, Any]]:
    scope_sql, scope_params = _scope(villages)
    score = " + ".join(_band_case(f) for f in risk["factors"])
    severity = {SEVERITY[Colour(c)]: str(c) for c in Colour}
    final = (
        f"CASE WHEN s.hard > {_score_severity(risk)} THEN s.hard ELSE {_score_severity(risk)} END"
    )
    colour = " ".join(f"WHEN ({final}) = {k} THEN '{v}'" for k, v in severity.items())
    sql = f"""WITH {_ctes(ctx, scope_sql)},{_measures(ctx)},
s AS (SELECT m.id, {score} AS score, {_severity_case(risk)} AS hard FROM m)
SELECT s.id, s.score, CASE {colour} END AS colour FROM s"""  # noqa: S608 - names and numbers from code and validated rules
    params = {
        "today": connection.ops.adapt_datefield_value(ctx.today),
        "round": election_round.pk,
        "secretary_post": str(TargetPost.SECRETARY),
        "ready": str(Readiness.READY_NOW),
        **scope_params,
    }
    return sql, params


def colours(
    villages: QuerySet[Region], election_round: ElectionRound, risk: dict[str, Any], ctx: Context
) -> dict[int, tuple[int, str]]:
    """Village id → (score, computed colour), in one statement."""
    sql, params = statement(villages, election_round, risk, ctx)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {pk: (int(score), colour) for pk, score, colour in cursor.fetchall()}
