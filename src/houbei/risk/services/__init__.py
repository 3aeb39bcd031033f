"""Every write of the risk area: atomic, validated, audited (one module per kind of work)."""

from houbei.lib.locking import ConflictError
from houbei.risk.services.assessment import decide_override, propose_override, run_assessment
from houbei.risk.services.leadership import (
    create_assignment,
    delete_assignment,
    update_assignment,
)
from houbei.risk.services.meetings import (
    assign_action,
    complete_action,
    confirm_changes,
    record_meeting,
    week_changes,
)
from houbei.risk.services.problems import (
    add_progress,
    close_problem,
    create_problem,
    update_problem,
    void_problem,
)
from houbei.risk.services.surveys import (
    confirm_outlook,
    record_survey,
    save_facts,
    update_survey,
    void_survey,
)

__all__ = [
    "ConflictError",
    "add_progress",
    "assign_action",
    "complete_action",
    "confirm_changes",
    "close_problem",
    "confirm_outlook",
    "create_assignment",
    "create_problem",
    "decide_override",
    "delete_assignment",
    "propose_override",
    "record_meeting",
    "record_survey",
    "run_assessment",
    "save_facts",
    "update_assignment",
    "update_problem",
    "update_survey",
    "void_problem",
    "void_survey",
    "week_changes",
]
