"""The candidate's records and talks: each one's page, correction (更正) and voiding (作废).

Interviews and talks are corrected through the form they were entered with, plus a reason;
screenings and votes are only voided (docs/decisions/0028-record-corrections.md). A screening's
findings are never shown here (sealed).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from houbei.accounts.capabilities import Capability
from houbei.audit.correction_views import Kind, record_urls
from houbei.audit.corrections import ReasonForm
from houbei.reserves.forms.moves import InterviewForm
from houbei.reserves.forms.records import TalkForm
from houbei.reserves.models import Interview, PoliticalScreening, RecommendationVote, Talk
from houbei.reserves.services import corrections


class InterviewCorrectionForm(InterviewForm, ReasonForm):
    pass


class TalkCorrectionForm(TalkForm, ReasonForm):
    """The talk form without the village (a talk in another village is a new talk)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["village"]


def _candidate_page(obj: Any) -> str:
    return reverse("reserves:candidate_detail", args=[obj.candidate_id])


def _who(obj: Any) -> str:
    return f"{obj.candidate.person.name} · {obj.candidate.village.name}"


def _talk_back(obj: Any) -> str:
    return _candidate_page(obj) if obj.candidate_id else reverse("reserves:talk_list")


def _talk_initial(obj: Any) -> dict[str, Any]:
    names = ("kind", "held_on", "talked_by", "attendees", "topic", "summary", "follow_up")
    return {"person": obj.person_id, **{n: getattr(obj, n) for n in names}}


def _talk_data(obj: Any, data: dict[str, Any]) -> dict[str, Any]:
    if obj.candidate_id is not None:
        data["person"] = None  # the candidate's person stays the talk's person
    return data


def _user(request: HttpRequest, obj: Any) -> dict[str, Any]:
    return {"user": request.user}


_CANDIDATE = ("candidate__person", "candidate__village", "recorded_by")
_RECORDED = ("recorded_by", "recorded_at")
KINDS = {
    "interview": Kind(
        name="interview",
        title="走访座谈",
        namespace="reserves",
        model=Interview,
        capability=Capability.MANAGE_CANDIDATES,
        shown=("kind", "held_on", "participants", "summary", *_RECORDED),
        related=_CANDIDATE,
        back=_candidate_page,
        subtitle=_who,
        form=InterviewCorrectionForm,
        correct=corrections.correct_interview,
        void=corrections.void_interview,
    ),
    "screening": Kind(
        name="screening",
        title="政治筛查",
        namespace="reserves",
        model=PoliticalScreening,
        capability=Capability.MANAGE_CANDIDATES,
        shown=("result", "screened_on", *_RECORDED),
        related=_CANDIDATE,
        back=_candidate_page,
        subtitle=_who,
        void=corrections.void_screening,
    ),
    "vote": Kind(
        name="vote",
        title="民主推荐",
        namespace="reserves",
        model=RecommendationVote,
        capability=Capability.MANAGE_CANDIDATES,
        shown=(
            "meeting_type",
            "held_on",
            "eligible",
            "attended",
            "votes_for",
            "votes_against",
            "abstentions",
            "explanation",
            *_RECORDED,
        ),
        related=_CANDIDATE,
        back=_candidate_page,
        subtitle=_who,
        void=corrections.void_vote,
    ),
    "talk": Kind(
        name="talk",
        title="谈心谈话",
        namespace="reserves",
        model=Talk,
        capability=Capability.RECORD_TALKS,
        shown=(
            "kind",
            "person",
            "held_on",
            "talked_by",
            "attendees",
            "topic",
            "summary",
            "follow_up",
            *_RECORDED,
        ),
        related=("village", "person", "candidate", "recorded_by"),
        back=_talk_back,
        subtitle=lambda obj: obj.village.name,
        form=TalkCorrectionForm,
        correct=corrections.correct_talk,
        void=corrections.void_talk,
        form_kwargs=_user,
        initial=_talk_initial,
        prepare=_talk_data,
    ),
}
PLURALS = {"interview": "interviews", "screening": "screenings", "vote": "votes", "talk": "talks"}
URLS = record_urls(KINDS, PLURALS)
