"""Writes to reserve candidates: one typed, atomic, audited function per move."""

from houbei.lib.locking import ConflictError
from houbei.reserves.services.approvals import (
    decide_approval,
    may_decide,
    request_outlook,
    request_removal,
)
from houbei.reserves.services.common import GuardError
from houbei.reserves.services.disqualifiers import (
    Hit,
    candidate_hits,
    decide,
    note_facts_read,
    record_fact,
    withdraw_fact,
)
from houbei.reserves.services.guards import (
    MOVES,
    all_blockers,
    applies,
    blockers_for,
    load_state,
    move_blockers,
    nominate_blockers,
)
from houbei.reserves.services.on_behalf import (
    CandidateAnswer,
    DepartmentAnswer,
    record_batch_on_behalf,
    record_on_behalf,
    waiting_for_department,
)
from houbei.reserves.services.pipeline import (
    nominate,
    nominate_new_person,
    record_interview,
    record_screening,
    record_vote,
    send_to_review,
)
from houbei.reserves.services.pool import pool, record_opinion, remove, set_standing
from houbei.reserves.services.recheck import RecheckRow, recheck
from houbei.reserves.services.talks import record_talk

__all__ = [
    "MOVES",
    "CandidateAnswer",
    "ConflictError",
    "DepartmentAnswer",
    "GuardError",
    "Hit",
    "RecheckRow",
    "all_blockers",
    "applies",
    "blockers_for",
    "candidate_hits",
    "decide",
    "decide_approval",
    "load_state",
    "may_decide",
    "move_blockers",
    "nominate",
    "nominate_blockers",
    "nominate_new_person",
    "note_facts_read",
    "pool",
    "recheck",
    "record_fact",
    "record_interview",
    "record_batch_on_behalf",
    "record_on_behalf",
    "record_opinion",
    "record_screening",
    "record_talk",
    "record_vote",
    "remove",
    "waiting_for_department",
    "request_outlook",
    "request_removal",
    "send_to_review",
    "set_standing",
    "withdraw_fact",
]
