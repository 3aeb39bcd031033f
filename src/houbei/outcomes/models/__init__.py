from houbei.outcomes.models.choices import (
    AppointmentStatus,
    Electorate,
    PollStatus,
    PollWay,
    Scale,
)
from houbei.outcomes.models.evaluation import BallotCount, Evaluation, Poll
from houbei.outcomes.models.outcome import (
    Appointment,
    Commendation,
    ElectedMember,
    ElectionResult,
)

__all__ = [
    "Appointment",
    "AppointmentStatus",
    "BallotCount",
    "Commendation",
    "ElectedMember",
    "ElectionResult",
    "Electorate",
    "Evaluation",
    "Poll",
    "PollStatus",
    "PollWay",
    "Scale",
]
