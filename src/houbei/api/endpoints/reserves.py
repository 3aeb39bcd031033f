"""Candidates with their stage history; talks recorded through the page's form and service."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from houbei.accounts.capabilities import Capability
from houbei.api.core import Id, PathId, guard, page_of, require_valid
from houbei.api.errors import ERRORS
from houbei.api.scopes import Scope
from houbei.reserves import services
from houbei.reserves.forms.filters import CandidateFilterForm
from houbei.reserves.forms.records import TalkForm
from houbei.reserves.models import Candidate, CandidateEvent, Talk

router = Router(tags=["后备人选"])


class CandidateOut(Schema):
    id: int
    person_id: int
    name: str
    village_id: int
    election_round_id: int
    target_post: str
    source: str
    background: str
    stage: str
    readiness: str
    rank: int | None
    emergency_successor: bool
    created_at: dt.datetime

    @staticmethod
    def resolve_name(obj: Candidate) -> str:
        return obj.person.name


class EventOut(Schema):
    id: int
    action: str
    from_stage: str
    to_stage: str
    at: dt.datetime
    note: str
    rule_set_id: int | None


class CandidateDetailOut(CandidateOut):
    removal_reason: str
    history: list[EventOut]

    @staticmethod
    def resolve_history(obj: Candidate) -> list[CandidateEvent]:
        return list(getattr(obj, "history", []))


class CandidatePage(Schema):
    items: list[CandidateOut]
    next_cursor: str | None


class CandidateFilter(Schema):
    village: str | None = Field(None, max_length=50, description="村名或拼音")
    district: Id | None = None
    background: str | None = Field(None, max_length=30)
    post: str | None = Field(None, max_length=10)
    stage: str | None = Field(None, max_length=12)
    readiness: str | None = Field(None, max_length=20)
    cursor: str | None = None
    limit: int = Field(50, ge=1, le=100)


class TalkIn(Schema):
    kind: str = Field(..., max_length=10)
    village: Id
    person: Id | None = None
    candidate: Id | None = None
    held_on: dt.date
    talked_by: str = Field(..., max_length=100)
    attendees: str = Field("", max_length=300)
    topic: str = Field(..., max_length=200)
    summary: str = Field(..., max_length=5000)
    follow_up: str = Field("", max_length=5000)


class TalkOut(Schema):
    id: int
    kind: str
    village_id: int
    person_id: int | None
    candidate_id: int | None
    held_on: dt.date
    topic: str


@router.get("/candidates", response={200: CandidatePage, **ERRORS}, summary="后备人选列表")
def candidate_list(request: HttpRequest, filters: Query[CandidateFilter]) -> dict[str, object]:
    guard(request, Scope.READ_PERSONAL, Capability.VIEW_PEOPLE)
    data = filters.dict(exclude={"cursor", "limit"}, exclude_none=True)
    form = CandidateFilterForm(data, user=request.user)
    require_valid(form)
    visible = Candidate.objects.visible_to(request.user).select_related("person")
    candidates = form.filter(visible)
    return page_of(candidates, keys=("-id",), cursor=filters.cursor, limit=filters.limit)


@router.get(
    "/candidates/{pk}", response={200: CandidateDetailOut, **ERRORS}, summary="后备人选及其经历"
)
def candidate_detail(request: HttpRequest, pk: PathId) -> Candidate:
    guard(request, Scope.READ_PERSONAL, Capability.VIEW_PEOPLE)
    candidate = get_object_or_404(
        Candidate.objects.visible_to(request.user).select_related("person"), pk=pk
    )
    candidate.history = list(candidate.events.order_by("at", "id"))  # type: ignore[attr-defined]
    return candidate


@router.post("/talks", response={201: TalkOut, **ERRORS}, summary="记录谈心谈话或吹风会")
def talk_create(request: HttpRequest, payload: TalkIn) -> Status[Talk]:
    guard(request, Scope.FIELDWORK, Capability.RECORD_TALKS)
    candidate = None
    if payload.candidate is not None:
        candidate = get_object_or_404(
            Candidate.objects.visible_to(request.user).select_related("person"),
            pk=payload.candidate,
        )
    data = payload.dict(exclude={"candidate"})
    data = {k: ("" if v is None else v) for k, v in data.items()}
    fields = require_valid(TalkForm(data, user=request.user))
    return Status(201, services.record_talk(actor=request.user, candidate=candidate, **fields))
