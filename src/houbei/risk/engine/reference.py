"""The specification of the risk rules: a plain interpreter of the rule vocabulary.

This module is the meaning of a round's `risk` section, written to be read, not to be fast. The
engine does not call it: it compiles the same rules into Python (scoring.py, about three times
faster than interpreting them) and a development tool compiles them into SQL
(houbei.devtools.risk_sql). A property-based test (tests/risk/test_engine_agreement.py) checks
that all three give every generated village the same score and colour, for generated valid
rules; when they disagree, this module is right.

The vocabulary (the keys of the `risk` section; defaults in houbei.risk.defaults):

- A **measure** is one number the engine computes for a village (rules.MEASURES: members short,
  the secretary's age margin, ratings, conflicts, reserves...) or for a sitting cadre
  (rules.CADRE_MEASURES: age margin, rating, negative, and two texts: intention, attitude).
  A measure may be **missing** (None): a vacant secretary has no age margin, an unsurveyed
  cadre no rating.
- A **factor** scores one measure. Its **weight** is the most it can give; the weights of all
  factors add up to 100. Its **bands** are tried in order: a band holds when the value is at
  least its `min` and at most its `max` (both optional, both inclusive), and the first that
  holds gives its **points** (0 to the weight). The last band has neither bound: it catches
  every other value. A missing value gives the factor's **if_missing** points instead. (If no
  band held, which the validator's catch-all makes impossible, the factor would also give
  if_missing.)
- The **score** is the sum of the factors' points, 0 to 100.
- The **colour bands** (`colours`) go green, yellow, orange, red, each with a `min` score,
  decreasing, red's at most 0: the colour is the first band whose `min` the score reaches (and
  red, the last, if none is reached, which red's `min` makes impossible).
- A **hard rule** names a colour and a list of **conditions** (`all`), each "measure op value"
  with op one of < <= = != >= >. When every condition holds, the village's colour becomes the
  rule's colour if that is worse (severity: red > orange > yellow > green); a hard rule never
  makes a colour better. Every hard rule is tried; those that hold are listed (`fired`).
- A **condition** never holds on a missing value. A number is compared with a number; a text
  (only `=` and `!=`) with a text; a number and a text never match. So `x != 3` does not hold
  when x is missing, and `intention != "retire"` does not hold when no survey gave an intention.
- The **outlook** rules suggest each sitting cadre's fate (进退留转): the first rule whose
  conditions all hold, else `otherwise`.

Everything else in the section (levels, responsibility, override, not_ready_colours,
problem_due_days) is read by other parts of the risk app, not by the scoring.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from houbei.risk.models.choices import SEVERITY, Colour

Value = float | int | str | None


@dataclass(frozen=True)
class Judgement:
    """A village's result: its score, colour, each factor's [points, band index] (-1: missing
    or no band) and the indexes of the hard rules that held."""

    score: int
    colour: str
    points: list[list[int]]
    fired: list[int]


def is_number(value: Value) -> bool:
    """True for int and float values; a text, a missing value (None) or a boolean is not one."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def compare(left: Any, op: str, right: Any) -> bool:
    """The six comparison operators of the rules."""
    if op == "<":
        return bool(left < right)
    if op == "<=":
        return bool(left <= right)
    if op == "=":
        return bool(left == right)
    if op == "!=":
        return bool(left != right)
    if op == ">=":
        return bool(left >= right)
    if op == ">":
        return bool(left > right)
    raise ValueError(f"规则中的比较符无效：{op!r}")


def holds(condition: Mapping[str, Any], values: Mapping[str, Value]) -> bool:
    """Whether one condition {"measure", "op", "value"} holds for the measured values."""
    value, wanted, op = values[condition["measure"]], condition["value"], condition["op"]
    if isinstance(wanted, str):
        return isinstance(value, str) and op in ("=", "!=") and compare(value, op, wanted)
    return is_number(value) and compare(value, op, wanted)


def all_hold(conditions: Sequence[Mapping[str, Any]], values: Mapping[str, Value]) -> bool:
    return all(holds(condition, values) for condition in conditions)


def in_band(value: float, band: Mapping[str, Any]) -> bool:
    """A band holds when the value is within its optional, inclusive min and max."""
    low, high = band.get("min"), band.get("max")
    return (low is None or value >= low) and (high is None or value <= high)


def factor_points(factor: Mapping[str, Any], value: Value) -> tuple[int, int]:
    """(points, index of the band that gave them); band -1 when the value is missing."""
    missing = int(factor.get("if_missing", 0))
    if not isinstance(value, int | float) or isinstance(value, bool):  # missing, or a text
        return missing, -1
    for index, band in enumerate(factor["bands"]):
        if in_band(value, band):
            return int(band["points"]), index
    return missing, -1


def colour_of(score: int, bands: Sequence[Mapping[str, Any]]) -> str:
    """The first colour band whose min the score reaches; the last band otherwise."""
    for band in bands:
        if score >= band["min"]:
            return str(Colour(band["colour"]))
    return str(Colour(bands[-1]["colour"]))


def worse(colour: str, other: str) -> str:
    """The worse of two colours (red is the worst)."""
    return other if SEVERITY[Colour(other)] > SEVERITY[Colour(colour)] else colour


def judge(risk: Mapping[str, Any], values: Mapping[str, Value]) -> Judgement:
    """Score a village's measures (rules.MEASURES name → value) by a `risk` section."""
    points = [list(factor_points(f, values[f["measure"]])) for f in risk["factors"]]
    score = sum(p for p, _ in points)
    colour = colour_of(score, risk["colours"])
    fired = []
    for index, rule in enumerate(risk["hard_rules"]):
        if all_hold(rule["all"], values):
            fired.append(index)
            colour = worse(colour, str(rule["colour"]))
    return Judgement(score, colour, points, fired)


def suggest(outlook: Mapping[str, Any], values: Mapping[str, Value]) -> int:
    """The index of the first outlook rule whose conditions hold for a cadre's values
    (rules.CADRE_MEASURES name → value); the number of rules when none does (`otherwise`)."""
    rules = outlook.get("rules", [])
    for index, rule in enumerate(rules):
        if all_hold(rule["all"], values):
            return index
    return len(rules)
