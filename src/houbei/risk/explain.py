"""Why a village has its colour, and what changed since the previous assessment (the why-panel)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from houbei.risk.models import Assessment, Colour


@dataclass
class LineChange:
    label: str
    before_points: int | None
    after_points: int
    before_band: str
    after_band: str
    before_value: Any
    after_value: Any

    @property
    def delta(self) -> int:
        return self.after_points - (self.before_points or 0)


@dataclass
class Changes:
    """The difference between two snapshots of one village, in the words the panel shows."""

    previous: Assessment | None
    lines: list[LineChange] = field(default_factory=list)
    rules_started: list[str] = field(default_factory=list)
    rules_ended: list[str] = field(default_factory=list)
    colour_before: str = ""
    colour_now: str = ""
    score_before: int | None = None

    @property
    def colour_changed(self) -> bool:
        return self.previous is not None and self.colour_before != self.colour_now

    @property
    def any(self) -> bool:
        return bool(self.lines or self.rules_started or self.rules_ended or self.colour_changed)


def colour_label(colour: str) -> str:
    return str(Colour(colour).label) if colour in Colour.values else colour


def changes(current: Assessment, previous: Assessment | None) -> Changes:
    found = Changes(previous=previous, colour_now=current.colour)
    if previous is None:
        return found
    found.colour_before, found.score_before = previous.colour, previous.score
    before = {line["key"]: line for line in previous.lines}
    for line in current.lines:
        old = before.get(line["key"], {})
        if old.get("points") != line["points"] or old.get("value") != line["value"]:
            found.lines.append(
                LineChange(
                    label=line["label"],
                    before_points=old.get("points"),
                    after_points=line["points"],
                    before_band=old.get("band", ""),
                    after_band=line["band"],
                    before_value=old.get("value"),
                    after_value=line["value"],
                )
            )
    was = {rule["key"]: rule["label"] for rule in previous.hard_rules}
    now = {rule["key"]: rule["label"] for rule in current.hard_rules}
    found.rules_started = [label for key, label in now.items() if key not in was]
    found.rules_ended = [label for key, label in was.items() if key not in now]
    return found


def reasons(assessment: Assessment) -> list[str]:
    """The lines that produced the colour, as sentences (exports and the panel's summary)."""
    said = [
        f"硬性规则：{rule['label']}（至少{colour_label(rule['colour'])}色）"
        for rule in assessment.hard_rules
    ]
    lost = [
        f"{line['label']}{line['points']}/{line['weight']}分（{line['band']}）"
        for line in assessment.lines
        if line["points"] < line["weight"]
    ]
    said += [f"失分项：{'；'.join(lost)}"] if lost else []
    if assessment.colour != assessment.computed_colour:
        said.append(
            f"人工调整：由{colour_label(assessment.computed_colour)}色调整为"
            f"{colour_label(assessment.colour)}色"
        )
    return said
