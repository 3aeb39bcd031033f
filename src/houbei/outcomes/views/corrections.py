"""Evaluations, polls and commendations: each one's page with its history, its voiding (作废)
or its correction (更正).

Decision 0028 (docs/decisions/0028-record-corrections.md): an evaluation and a poll are never
corrected, only voided; a commendation is corrected."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from houbei.accounts.capabilities import Capability
from houbei.audit.correction_views import Kind, record_urls
from houbei.audit.corrections import ReasonForm
from houbei.outcomes.forms import CommendForm
from houbei.outcomes.models import Commendation, Evaluation, Poll
from houbei.outcomes.services import corrections


def _candidate_page(obj: Any) -> str:
    return reverse("outcomes:candidate", args=[obj.candidate_id])


def _who(obj: Any) -> str:
    return f"{obj.candidate.person.name} · {obj.candidate.village.name}"


_RELATED = ("candidate__person", "candidate__village")
KINDS = {
    "evaluation": Kind(
        name="evaluation",
        title="综合评分",
        namespace="outcomes",
        model=Evaluation,
        capability=Capability.MANAGE_CANDIDATES,
        shown=("evaluated_on", "total", "pass_line", "passed", "note", "recorded_by"),
        related=(*_RELATED, "recorded_by"),
        back=_candidate_page,
        subtitle=_who,
        void=corrections.void_evaluation,
    ),
    "poll": Kind(
        name="poll",
        title="民意测评",
        namespace="outcomes",
        model=Poll,
        capability=Capability.MANAGE_CANDIDATES,
        shown=(
            "held_on",
            "electorate",
            "way",
            "eligible",
            "status",
            "issued",
            "returned",
            "valid",
            "invalid",
            "void",
            "passed",
            "explanation",
        ),
        related=_RELATED,
        back=_candidate_page,
        subtitle=_who,
        void=corrections.void_poll,
    ),
}


class CommendationCorrectionForm(CommendForm, ReasonForm):
    pass


KINDS["commendation"] = Kind(
    name="commendation",
    title="表彰",
    namespace="outcomes",
    model=Commendation,
    capability=Capability.MANAGE_CANDIDATES,
    shown=("title", "document", "awarded_on", "note", "recorded_by", "recorded_at"),
    related=(*_RELATED, "recorded_by"),
    back=_candidate_page,
    subtitle=_who,
    form=CommendationCorrectionForm,
    correct=corrections.correct_commendation,
)
URLS = record_urls(
    KINDS, {"evaluation": "evaluations", "poll": "polls", "commendation": "commendations"}
)
