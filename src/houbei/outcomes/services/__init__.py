"""Writes of the outcome area: one keyword-only, atomic, audited function per act."""

from houbei.outcomes.services.appointment import commend, decide_appointment, propose_appointment
from houbei.outcomes.services.election import enter_result
from houbei.outcomes.services.evaluation import evaluate
from houbei.outcomes.services.poll import (
    cast_ballot,
    close_poll,
    confirm_tally,
    enter_tally,
    issue_poll_slips,
    open_poll,
)

__all__ = [
    "cast_ballot",
    "close_poll",
    "commend",
    "confirm_tally",
    "decide_appointment",
    "enter_result",
    "enter_tally",
    "evaluate",
    "issue_poll_slips",
    "open_poll",
    "propose_appointment",
]
