"""Writes to cultivation: one keyword-only, atomic, audited function per act."""

from houbei.cultivation.services.exam import record_exam, record_exams
from houbei.cultivation.services.plan import (
    Mark,
    add_session,
    create_plan,
    enroll_person,
    enroll_pooled,
    flag_over_limit,
    mark_roster,
)
from houbei.cultivation.services.practice import (
    add_work_log,
    hold_meeting,
    place,
    rate_at_meeting,
    rate_month,
)
from houbei.cultivation.services.proposals import decide_removal, propose_removal
from houbei.cultivation.services.sheets import import_attendance, import_scores
from houbei.cultivation.services.signin import issue_session_slips, sign_in_with_code

__all__ = [
    "Mark",
    "add_session",
    "add_work_log",
    "create_plan",
    "decide_removal",
    "enroll_person",
    "enroll_pooled",
    "flag_over_limit",
    "hold_meeting",
    "import_attendance",
    "import_scores",
    "issue_session_slips",
    "mark_roster",
    "place",
    "propose_removal",
    "rate_at_meeting",
    "rate_month",
    "record_exam",
    "record_exams",
    "sign_in_with_code",
]
