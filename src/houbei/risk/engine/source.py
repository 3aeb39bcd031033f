"""The generated source of a round's rules, for `houbei assess --show-source`.

The Python comes from scoring.py. Other forms of the same rules (the SQL twin, a development
tool) register a renderer here, so that the application never imports the tools (CONTRIBUTING.md:
a lower layer looks up what lies above it and copes with its absence).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from houbei.risk.engine.scoring import filename, sources
from houbei.risk.rules import risk_rules
from houbei.rounds.models import ElectionRound
from houbei.rounds.services import current_rules

Renderer = Callable[[ElectionRound, dt.date], str]
OTHER_FORMS: dict[str, Renderer] = {}


def register(title: str, render: Renderer) -> None:
    """Show another form of the rules after the Python (titled, as `render` writes it)."""
    OTHER_FORMS[title] = render


def show(election_round: ElectionRound, today: dt.date) -> str:
    """The generated Python (and the registered forms) of the round's current risk rules."""
    rule_set = current_rules(election_round)
    parts = [f"# {election_round.name}（{election_round.region}）规则第{rule_set.version}版"]
    for name, source in sources(dict(risk_rules(rule_set).section)).items():
        parts += [f"# ---- Python: {name}  {filename(name, source)}", source, ""]
    for title, render in OTHER_FORMS.items():
        parts += [f"-- ---- {title}", render(election_round, today), ""]
    return "\n".join(parts)
