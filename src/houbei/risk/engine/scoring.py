"""Scoring a village's measures against a round's `risk` rules (points per factor, total, hard
rules, colour) and suggesting each cadre's outlook (进退留转).

A run scores ~46,000 villages and ~230,000 cadres in Python (docs/performance.md G5), so the rules
are compiled once per run into two plain functions, about three times faster than interpreting them
(docs/decisions/0010-rule-engine-compiled.md): their source is generated from the validated
rules (measure names from a fixed vocabulary, operators from a fixed set, numbers and texts as
Python literals) and nothing else. The meaning of the rules is reference.py, a plain interpreter;
a property test checks this module and the SQL twin (houbei.devtools.risk_sql) against it.

The generated source is kept in `linecache` under a readable pseudo-filename ("<risk rules:
judge 1a2b3c4d5e6f>"), so a traceback shows the generated line, and `sources()` returns it for
`houbei assess --show-source`.
"""

from __future__ import annotations

import hashlib
import linecache
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from houbei.risk.models.choices import SEVERITY, Colour
from houbei.risk.rules import CADRE_MEASURES, MEASURES, OPS

Value = float | int | str | None
_PY_OP = {"<": "<", "<=": "<=", "=": "==", "!=": "!=", ">=": ">=", ">": ">"}


def literal(value: Value) -> str:
    """A JSON literal for a measure's value (numbers and None; texts are quoted safely)."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"规则中的数值无效：{value!r}")
    return repr(value)


def _name(measure: Any, vocabulary: Mapping[str, str]) -> str:
    if measure not in vocabulary:
        raise ValueError(f"规则引用了不存在的指标：{measure!r}")
    return f"v_{measure}"


def _condition(condition: Mapping[str, Any], vocabulary: Mapping[str, str]) -> str:
    name, op, wanted = _name(condition["measure"], vocabulary), condition["op"], condition["value"]
    if op not in OPS:
        raise ValueError(f"规则中的比较符无效：{op!r}")
    if isinstance(wanted, str):
        if op not in ("=", "!="):
            return "False"
        return f"(type({name}) is str and {name} {_PY_OP[op]} {wanted!r})"
    return f"({name}.__class__ in _NUM and {name} {_PY_OP[op]} {_number(wanted)})"


def _all(conditions: Sequence[Mapping[str, Any]], vocabulary: Mapping[str, str]) -> str:
    return " and ".join(_condition(c, vocabulary) for c in conditions) or "True"


def _band_test(name: str, band: Mapping[str, Any]) -> str:
    tests = [f"{name} >= {_number(band['min'])}"] if band.get("min") is not None else []
    tests += [f"{name} <= {_number(band['max'])}"] if band.get("max") is not None else []
    return " and ".join(tests) or "True"


def _factor_source(n: int, factor: Mapping[str, Any]) -> list[str]:
    name = _name(factor["measure"], MEASURES)
    lines = [f"    if {name}.__class__ not in _NUM:"]
    lines.append(f"        p{n}, b{n} = {_number(int(factor.get('if_missing', 0)))}, -1")
    for i, band in enumerate(factor["bands"]):
        lines.append(f"    elif {_band_test(name, band)}:")
        lines.append(f"        p{n}, b{n} = {_number(int(band['points']))}, {i}")
    lines.append(f"    else:\n        p{n}, b{n} = {_number(int(factor.get('if_missing', 0)))}, -1")
    return lines


def _colour(value: Any) -> str:
    return str(Colour(value))


def _judge_source(risk: Mapping[str, Any]) -> str:
    factors, rules = risk["factors"], risk["hard_rules"]
    lines = ["def judge(" + ", ".join(_name(k, MEASURES) for k in MEASURES) + "):"]
    for n, factor in enumerate(factors):
        lines += _factor_source(n, factor)
    lines.append("    total = " + " + ".join(f"p{n}" for n in range(len(factors))))
    bands = risk["colours"]
    for i, band in enumerate(bands):
        keyword = "if" if i == 0 else "elif"
        lines.append(f"    {keyword} total >= {_number(band['min'])}:")
        lines.append(f"        colour = {_colour(band['colour'])!r}")
    lines.append(f"    else:\n        colour = {_colour(bands[-1]['colour'])!r}")
    lines.append("    fired = []")
    for i, rule in enumerate(rules):
        colour = _colour(rule["colour"])
        lines.append(f"    if {_all(rule['all'], MEASURES)}:")
        lines.append(f"        fired.append('{i}')")
        lines.append(f"        if _SEVERITY[{colour!r}] > _SEVERITY[colour]:")
        lines.append(f"            colour = {colour!r}")
    points = ",".join(f"[{{p{n}}},{{b{n}}}]" for n in range(len(factors)))
    lines.append(f'    return total, colour, f"[{points}]", "[" + ",".join(fired) + "]"')
    return "\n".join(lines)


def _suggest_source(outlook: Mapping[str, Any]) -> str:
    lines = ["def suggest(" + ", ".join(f"v_{k}" for k in CADRE_MEASURES) + "):"]
    for i, rule in enumerate(outlook.get("rules", [])):
        lines.append(f"    if {_all(rule['all'], CADRE_MEASURES)}:\n        return {i}")
    lines.append(f"    return {len(outlook.get('rules', []))}")
    return "\n".join(lines)


def sources(risk: Mapping[str, Any]) -> dict[str, str]:
    """The generated Python of a `risk` section: {"judge": source, "suggest": source}."""
    return {"judge": _judge_source(risk), "suggest": _suggest_source(risk["outlook"])}


def filename(name: str, source: str) -> str:
    """The pseudo-filename of generated source in tracebacks: its function and a digest."""
    return f"<risk rules: {name} {hashlib.sha256(source.encode()).hexdigest()[:12]}>"


def _compile(source: str, name: str) -> Callable[..., Any]:
    namespace: dict[str, Any] = {
        "_NUM": (int, float),
        "_SEVERITY": {str(k): v for k, v in SEVERITY.items()},
    }
    path = filename(name, source)
    # No mtime: linecache.checkcache keeps the entry. One entry per distinct source.
    lines = [line + "\n" for line in source.splitlines()]
    linecache.cache[path] = (len(source), None, lines, path)
    # The source holds only names from fixed vocabularies and literals checked above.
    exec(compile(source, path, "exec"), namespace)  # noqa: S102
    return namespace[name]  # type: ignore[no-any-return]


@dataclass
class Verdict:
    score: int
    colour: str
    points_json: str
    fired_json: str


class Rules:
    """A round's `risk` section, compiled."""

    def __init__(self, risk: Mapping[str, Any]) -> None:
        self.levels = {str(k): str(v) for k, v in risk["levels"].items()}
        generated = sources(risk)
        self._judge = _compile(generated["judge"], "judge")
        self._suggest = _compile(generated["suggest"], "suggest")
        self._suggested: dict[tuple[Value, ...], int] = {}
        outlook = risk["outlook"]
        self.outlooks = [
            (str(r["outlook"]), str(r.get("label", ""))) for r in outlook.get("rules", [])
        ]
        self.outlooks.append((str(outlook["otherwise"]), str(outlook.get("otherwise_label", ""))))

    def judge(self, measures: Sequence[Value]) -> Verdict:
        """Scores measures given in rules.MEASURES order (engine.measures.measure)."""
        return Verdict(*self._judge(*measures))

    def judge_raw(self, measures: Sequence[Value]) -> tuple[int, str, str, str]:
        """(score, colour, points JSON, fired JSON): judge without the dataclass, for runs."""
        return self._judge(*measures)  # type: ignore[no-any-return]

    def suggest_index(
        self, age_margin: Value, rating: Value, negative: Value, intention: Value, attitude: Value
    ) -> int:
        """The index (into self.outlooks) of the first outlook rule that holds for a cadre;
        cadres share few distinct values, so the answers are remembered."""
        key = (age_margin, rating, negative, intention, attitude)
        found = self._suggested.get(key)
        if found is None:
            found = self._suggested[key] = int(self._suggest(*key))
        return found

    def suggest(self, values: Mapping[str, Value]) -> tuple[str, str]:
        """(suggested outlook, reason) of one sitting cadre."""
        return self.outlooks[self.suggest_index(*(values.get(k) for k in CADRE_MEASURES))]
