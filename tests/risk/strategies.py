"""Hypothesis strategies for the engine agreement test: valid `risk` sections, village measures,
cadre values, and villages to build in the database."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from houbei.risk.defaults import RISK
from houbei.risk.rules import CADRE_MEASURES, COLOUR_NAMES, MEASURES, OPS, OUTLOOK_NAMES

TEXTS = ["run_again", "dual_role", "other_post", "retire", "undecided", "stay", "leave", "x"]
HALVES = [n / 2 for n in range(-4, 141)]


def numbers(*, exact: bool) -> st.SearchStrategy[float | int]:
    """Bounds and values: integers and halves (exact: averages in PostgreSQL's numeric never
    meet them), or any finite float as well."""
    grid = st.integers(-5, 70) | st.sampled_from(HALVES)
    if exact:
        return grid
    return grid | st.floats(-100, 100, allow_nan=False, allow_infinity=False)


@st.composite
def weights(draw: Any, count: int) -> list[int]:
    """`count` non-negative integers adding up to 100."""
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=count - 1, max_size=count - 1)))
    return [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]


@st.composite
def bands(draw: Any, weight: int, exact: bool) -> list[dict[str, Any]]:
    found = []
    for n in range(draw(st.integers(0, 4))):
        band: dict[str, Any] = {"points": draw(st.integers(0, weight)), "label": f"档{n}"}
        low, high = draw(st.none() | numbers(exact=exact)), draw(st.none() | numbers(exact=exact))
        if low is not None and high is not None and low > high:
            low, high = high, low
        band |= {"min": low} if low is not None else {}
        band |= {"max": high} if high is not None else {}
        found.append(band)
    return [*found, {"points": draw(st.integers(0, weight)), "label": "其他情况"}]


@st.composite
def factors(draw: Any, exact: bool) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 6))
    return [
        {
            "key": f"f{n}",
            "label": f"因素{n}",
            "measure": draw(st.sampled_from(sorted(MEASURES))),
            "weight": weight,
            "if_missing": draw(st.integers(0, weight)),
            "bands": draw(bands(weight, exact)),
        }
        for n, weight in enumerate(draw(weights(count)))
    ]


@st.composite
def conditions(draw: Any, measures: dict[str, str], exact: bool) -> list[dict[str, Any]]:
    found = []
    for _ in range(draw(st.integers(1, 3))):
        measure = draw(st.sampled_from(sorted(measures)))
        if draw(st.integers(0, 4)) == 0:
            found.append({"measure": measure, "op": draw(st.sampled_from(["=", "!="])),
                          "value": draw(st.sampled_from(TEXTS))})  # fmt: skip
        else:
            found.append({"measure": measure, "op": draw(st.sampled_from(OPS)),
                          "value": draw(numbers(exact=exact))})  # fmt: skip
    return found


@st.composite
def colour_bands(draw: Any) -> list[dict[str, Any]]:
    red = draw(st.sampled_from([0, -0.5, -10]))
    steps = draw(
        st.lists(st.integers(1, 40) | st.sampled_from([0.5, 12.5]), min_size=3, max_size=3)
    )
    mins = [red + sum(steps[:i]) for i in range(3, -1, -1)]
    order = ["green", "yellow", "orange", "red"]
    return [{"colour": c, "min": m} for c, m in zip(order, mins, strict=True)]


@st.composite
def risk_sections(draw: Any, exact: bool = False) -> dict[str, Any]:
    """A valid `risk` section: generated factors, colours, hard rules and outlook rules; the
    rest (levels, responsibility...) from the defaults."""
    risk = copy.deepcopy(RISK)
    risk["factors"] = draw(factors(exact))
    risk["colours"] = draw(colour_bands())
    colours = st.sampled_from(sorted(COLOUR_NAMES))
    risk["hard_rules"] = [
        {"key": f"h{n}", "label": f"硬性规则{n}", "colour": draw(colours),
         "all": draw(conditions(MEASURES, exact))}
        for n in range(draw(st.integers(0, 4)))
    ]  # fmt: skip
    risk["outlook"] = {
        "rules": [
            {"outlook": draw(st.sampled_from(sorted(OUTLOOK_NAMES))), "label": f"去向{n}",
             "all": draw(conditions(CADRE_MEASURES, exact))}
            for n in range(draw(st.integers(0, 4)))
        ],
        "otherwise": draw(st.sampled_from(sorted(OUTLOOK_NAMES))),
        "otherwise_label": "其他",
    }  # fmt: skip
    return risk


def bounds_of(risk: dict[str, Any]) -> list[float | int]:
    """Every number the rules compare with: the values most worth measuring."""
    found = [b[k] for f in risk["factors"] for b in f["bands"] for k in ("min", "max") if k in b]
    rules = [*risk["hard_rules"], *risk["outlook"]["rules"]]
    found += [c["value"] for r in rules for c in r["all"] if not isinstance(c["value"], str)]
    return found or [0]


def values(risk: dict[str, Any]) -> st.SearchStrategy[float | int | None]:
    return st.none() | st.sampled_from(bounds_of(risk)) | numbers(exact=False)


def measure_rows(risk: dict[str, Any]) -> st.SearchStrategy[list[tuple[Any, ...]]]:
    """Rows of village measures in rules.MEASURES order."""
    row = st.tuples(*[values(risk) for _ in MEASURES])
    return st.lists(row, min_size=1, max_size=8)


def cadre_rows(risk: dict[str, Any]) -> st.SearchStrategy[list[tuple[Any, ...]]]:
    """Rows of cadre values in rules.CADRE_MEASURES order (two of them texts)."""
    text = st.none() | st.sampled_from(TEXTS)
    row = st.tuples(values(risk), values(risk), st.sampled_from([0, 1]), text, text)
    return st.lists(row, min_size=1, max_size=8)


@dataclass
class Cadre:
    age: int
    roles: list[str]
    survey: tuple[int, int, str] | None  # performance, conduct, intention
    ending: bool = False  # a post with an end date ahead (the only way to seat a second head)


@dataclass
class VillagePlan:
    size: int | None
    cadres: list[Cadre]
    facts: tuple[int, int, int, int] | None
    reserves: list[tuple[str, str, str]]  # target post, readiness, stage


SURVEY = st.none() | st.tuples(st.integers(1, 5), st.integers(1, 5), st.sampled_from(TEXTS[:5]))
RESERVE = st.tuples(
    st.sampled_from(["secretary", "member"]),
    st.sampled_from(["ready_now", "developing", ""]),
    st.sampled_from(["pooled", "trained", "nominated"]),
)


def _cadre(roles: list[str], ending: bool = False) -> st.SearchStrategy[Cadre]:
    return st.builds(Cadre, st.integers(22, 70), st.just(roles), SURVEY, st.just(ending))


@st.composite
def village_plans(draw: Any) -> VillagePlan:
    """A committee: a secretary (maybe also the chair), a chair, members, and sometimes a
    second secretary whose post ends later (the engine counts the worst of the two)."""
    heads = draw(st.sampled_from([[], ["secretary"], ["secretary", "chair"], ["chair"]]))
    cadres = [draw(_cadre(heads))] if heads else []
    if heads == ["secretary"] and draw(st.booleans()):
        cadres.append(draw(_cadre(["chair"])))
    cadres += draw(st.lists(_cadre(["member"]), max_size=4))
    cadres += draw(st.lists(_cadre(["secretary"], ending=True), max_size=1))
    facts = draw(st.none() | st.tuples(*[st.integers(0, 5)] * 4))
    reserves = draw(st.lists(RESERVE, max_size=3))
    return VillagePlan(draw(st.none() | st.sampled_from([3, 5, 7])), cadres, facts, reserves)
