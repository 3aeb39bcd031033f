"""Cultivation (培养先行): the plan, classes and sign-in, the test, practice posts, meetings."""

from houbei.cultivation.models.choices import (
    ATTENDED,
    AttendanceStatus,
    PlacementRole,
    ProposalGround,
    ProposalStatus,
    SignInWay,
)
from houbei.cultivation.models.plan import (
    Attendance,
    CultivationPlan,
    ExamResult,
    Trainee,
    TrainingSession,
)
from houbei.cultivation.models.practice import (
    MeetingRating,
    MentorRating,
    ObservationMeeting,
    Placement,
    RemovalProposal,
    WorkLog,
)
from houbei.cultivation.models.slips import CodeSlip, SlipAttempt

__all__ = [
    "ATTENDED",
    "Attendance",
    "AttendanceStatus",
    "CodeSlip",
    "CultivationPlan",
    "ExamResult",
    "MeetingRating",
    "MentorRating",
    "ObservationMeeting",
    "Placement",
    "PlacementRole",
    "ProposalGround",
    "ProposalStatus",
    "RemovalProposal",
    "SignInWay",
    "SlipAttempt",
    "Trainee",
    "TrainingSession",
    "WorkLog",
]
