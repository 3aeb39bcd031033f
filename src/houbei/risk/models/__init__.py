"""Election-risk assessment (选情研判): surveys, snapshots, overrides, leaders, problems."""

from houbei.risk.models.assessment import Assessment, AssessmentRun, ColourOverride
from houbei.risk.models.choices import (
    COLOURS,
    SEVERITY,
    Attitude,
    Colour,
    Duty,
    Intention,
    Outlook,
    OverrideStatus,
    Position,
    ProblemKind,
    ProblemStatus,
    Rating,
    RiskLevel,
    RunSource,
    SurveySource,
)
from houbei.risk.models.meeting import AssessmentMeeting, MeetingAction
from houbei.risk.models.rollup import TownRollup, TownWeekRollup
from houbei.risk.models.survey import CadreOutlook, Survey, VillageFacts
from houbei.risk.models.work import LeadershipAssignment, Problem, ProblemNote

__all__ = [
    "COLOURS",
    "SEVERITY",
    "Assessment",
    "AssessmentRun",
    "Attitude",
    "CadreOutlook",
    "ColourOverride",
    "Colour",
    "Duty",
    "Intention",
    "AssessmentMeeting",
    "LeadershipAssignment",
    "MeetingAction",
    "Outlook",
    "OverrideStatus",
    "Position",
    "Problem",
    "ProblemKind",
    "ProblemNote",
    "ProblemStatus",
    "Rating",
    "RiskLevel",
    "RunSource",
    "Survey",
    "SurveySource",
    "TownRollup",
    "TownWeekRollup",
    "VillageFacts",
]
