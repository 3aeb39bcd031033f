"""Reserve candidates (后备力量): the candidacy, its records, the joint review, talks."""

from houbei.reserves.choices import (
    PIPELINE,
    POOL_STAGES,
    REVIEWED_STAGES,
    AnswerKind,
    ApprovalKind,
    ApprovalStatus,
    Decision,
    DisqualifierClass,
    FactKind,
    InterviewKind,
    MeetingType,
    Readiness,
    RemovalReason,
    ReviewOutcome,
    ScreeningResult,
    Source,
    Stage,
    TalkKind,
    TargetPost,
)
from houbei.reserves.models.approval import ApprovalRequest
from houbei.reserves.models.candidate import Candidate, CandidateEvent, CandidateQuerySet
from houbei.reserves.models.records import Interview, PoliticalScreening, RecommendationVote
from houbei.reserves.models.review import (
    DisqualifierDecision,
    JointReview,
    PersonFact,
    ReviewAnswer,
    ReviewScan,
)
from houbei.reserves.models.talks import Talk

__all__ = [
    "PIPELINE",
    "POOL_STAGES",
    "REVIEWED_STAGES",
    "AnswerKind",
    "ApprovalKind",
    "ApprovalRequest",
    "ApprovalStatus",
    "Candidate",
    "CandidateEvent",
    "CandidateQuerySet",
    "Decision",
    "DisqualifierClass",
    "DisqualifierDecision",
    "FactKind",
    "Interview",
    "InterviewKind",
    "JointReview",
    "MeetingType",
    "PersonFact",
    "PoliticalScreening",
    "Readiness",
    "RecommendationVote",
    "RemovalReason",
    "ReviewAnswer",
    "ReviewOutcome",
    "ReviewScan",
    "ScreeningResult",
    "Source",
    "Stage",
    "Talk",
    "TalkKind",
    "TargetPost",
]
