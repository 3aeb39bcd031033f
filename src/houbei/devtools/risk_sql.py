"""The risk rules in SQL: the same scores and colours as the engine, in ONE statement.

A development tool, not part of the application: the baseline of `houbei bench assess`
(docs/performance.md G5), one of the three forms the property test binds together (the reference
interpreter houbei.risk.engine.reference, the compiled Python houbei.risk.engine.scoring, and
this), and what `houbei assess --show-source` prints beside the Python. Scores and colours only:
no reasons, no outlooks, no writes. Numbers from the rules are inlined after validation.

`judged(risk)` is the rules part, over a relation `m` with one column per measure; `statement`
puts it over the measures computed from the tables, `values_statement` over given measures.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from houbei.regions.models import Region
from houbei.reserves.models import POOL_STAGES, Readiness, TargetPost
from houbei.risk.engine.context import Context, context_for
from houbei.risk.engine.rows import fetch, scope, sitting, tables
from houbei.risk.engine.run import villages_under
from houbei.risk.models import SEVERITY, Colour
from houbei.risk.rules import MEASURES, risk_rules
from houbei.rounds.models import ElectionRound
from houbei.rounds.services import current_rules

Value = float | int | str | None


def _num(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"规则中的数值无效：{value!r}")
    return repr(value)


def _band_case(factor: dict[str, Any]) -> str:
    """A factor's points: if_missing for a missing value or (impossible once validated: the
    last band catches all) when no band holds, as in the reference interpreter."""
    value, missing = f"m.{factor['measure']}", _num(factor.get("if_missing", 0))
    parts = [f"WHEN {value} IS NULL THEN {missing}"]
    for band in factor["bands"]:
        tests = [f"{value} >= {_num(band['min'])}" if band.get("min") is not None else ""]
        tests.append(f"{value} <= {_num(band['max'])}" if band.get("max") is not None else "")
        test = " AND ".join(t for t in tests if t) or "1 = 1"
        parts.append(f"WHEN {test} THEN {_num(band['points'])}")
    return f"(CASE {' '.join(parts)} ELSE {missing} END)"


def _condition(condition: dict[str, Any]) -> str:
    if isinstance(condition["value"], str):
        return "1 = 0"  # every village measure is a number: a text never matches
    op = "<>" if condition["op"] == "!=" else condition["op"]
    return f"m.{condition['measure']} {op} {_num(condition['value'])}"


def _severity_case(risk: dict[str, Any]) -> str:
    """The worst colour's severity among the hard rules that hold (0 when none)."""
    rules = sorted(risk["hard_rules"], key=lambda r: -SEVERITY[Colour(r["colour"])])
    parts = [
        f"WHEN {' AND '.join(_condition(c) for c in rule['all'])} "
        f"THEN {SEVERITY[Colour(rule['colour'])]}"
        for rule in rules
    ]
    if not parts:
        return "0"
    return "(CASE\n      " + "\n      ".join(parts) + "\n      ELSE 0 END)"


def _score_severity(risk: dict[str, Any]) -> str:
    parts = [
        f"WHEN s.score >= {_num(band['min'])} THEN {SEVERITY[Colour(band['colour'])]}"
        for band in risk["colours"]
    ]
    return f"(CASE {' '.join(parts)} ELSE {SEVERITY[Colour(risk['colours'][-1]['colour'])]} END)"


def judged(risk: dict[str, Any]) -> str:
    """The rules over m(id, <measures>): the CTEs s (score, hard rules' severity) and c (the
    score's severity), then SELECT id, score, colour (the worse of the two severities)."""
    score = "\n    + ".join(_band_case(f) for f in risk["factors"])
    names = " ".join(f"WHEN {SEVERITY[c]} THEN '{c}'" for c in Colour)
    return f"""s AS (SELECT m.id,
    {score} AS score,
    {_severity_case(risk)} AS hard
  FROM m),
c AS (SELECT s.id, s.score, s.hard, {_score_severity(risk)} AS by_score FROM s)
SELECT c.id, c.score,
  CASE CASE WHEN c.hard > c.by_score THEN c.hard ELSE c.by_score END {names} END AS colour
FROM c"""  # noqa: S608 - names and numbers from code and validated rules


def _ctes(ctx: Context, scope_sql: str) -> str:
    """Sitting cadres once per person (pv), then one pass per village (agg); the bench."""
    t = tables()
    return f"""
v AS (SELECT r.id, COALESCE(r.committee_size, {ctx.default_size}) AS size
      FROM {t["region"]} r WHERE r.id IN ({scope_sql})),
{sitting(ctx, t)},
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
    t = tables()
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
    """The whole assessment of the villages' scores and colours, from the tables."""
    scope_sql, scope_params = scope(villages)
    sql = f"WITH {_ctes(ctx, scope_sql)},{_measures(ctx)},\n{judged(risk)}"
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
    return {pk: (int(score), colour) for pk, score, colour in fetch(sql, params)}


def values_statement(
    risk: dict[str, Any], rows: Sequence[Sequence[Value]]
) -> tuple[str, dict[str, Any]]:
    """The rules over given measures (each row in rules.MEASURES order; ids 0, 1, ...), every
    value a double precision parameter so that a column of NULLs still compares with numbers."""
    names = ", ".join(MEASURES)
    params: dict[str, Any] = {}
    lines = []
    for n, row in enumerate(rows):
        cells = [str(n)]
        for k, value in enumerate(row):
            params[f"m{n}_{k}"] = value
            cells.append(f"CAST(%(m{n}_{k})s AS DOUBLE PRECISION)")
        lines.append(f"({', '.join(cells)})")
    values = ",\n  ".join(lines)
    return f"WITH m(id, {names}) AS (VALUES\n  {values}),\n{judged(risk)}", params


def colours_of(risk: dict[str, Any], rows: Sequence[Sequence[Value]]) -> list[tuple[int, str]]:
    """(score, colour) of each row of measures, in one statement."""
    sql, params = values_statement(risk, rows)
    found = {pk: (int(score), colour) for pk, score, colour in fetch(sql, params)}
    return [found[n] for n in range(len(rows))]


def round_rules(election_round: ElectionRound, today: dt.date) -> tuple[dict[str, Any], Context]:
    """The round's current risk section and the context its measures need."""
    rule_set = current_rules(election_round)
    ctx = context_for(election_round, rule_set, today)
    return dict(risk_rules(rule_set).section), ctx


def round_source(election_round: ElectionRound, today: dt.date) -> str:
    """The statement for every village of the round, with its parameters (--show-source)."""
    risk, ctx = round_rules(election_round, today)
    sql, params = statement(villages_under(election_round.region), election_round, risk, ctx)
    listed = "\n".join(
        f"--   {name} = {str(value)!r}" if isinstance(value, str) else f"--   {name} = {value!r}"
        for name, value in params.items()
    )
    return f"{sql};\n-- 参数：\n{listed}"
