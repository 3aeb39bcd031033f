"""Assessments with their reasons, problems and their progress, surveys: as the risk pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from houbei.accounts.capabilities import Capability
from houbei.api.core import Id, PathId, guard, page_of, require_valid
from houbei.api.errors import ERRORS
from houbei.api.scopes import Scope
from houbei.people.models import Person, Post
from houbei.regions.models import Region
from houbei.risk import services
from houbei.risk.forms import NoteForm, SurveyForm
from houbei.risk.models import Assessment, Problem, ProblemNote, Survey
from houbei.rounds.services import round_for

router = Router(tags=["选情研判"])


class FactorLine(Schema):
    key: str
    label: str
    weight: float
    points: float
    band: str
    value: Any = None


class HardRule(Schema):
    key: str
    label: str
    colour: str


class AssessmentOut(Schema):
    id: int
    village_id: int
    week: dt.date
    assessed_at: dt.datetime
    score: int
    colour: str
    computed_colour: str
    level: str
    baseline_colour: str
    rule_set_id: int
    reasons: list[FactorLine]
    hard_rules: list[HardRule]

    @staticmethod
    def resolve_reasons(obj: Assessment) -> list[dict[str, Any]]:
        return obj.lines

    @staticmethod
    def resolve_hard_rules(obj: Assessment) -> list[dict[str, Any]]:
        return obj.hard_rules


class AssessmentPage(Schema):
    items: list[AssessmentOut]
    next_cursor: str | None


class AssessmentFilter(Schema):
    village: Id | None = None
    colour: str | None = Field(None, max_length=10)
    cursor: str | None = None
    limit: int = Field(50, ge=1, le=100)


class NoteOut(Schema):
    id: int
    note: str
    recorded_at: dt.datetime


class ProblemOut(Schema):
    id: int
    village_id: int
    kind: str
    title: str
    description: str
    owner_name: str
    due_on: dt.date
    status: str
    created_at: dt.datetime
    closed_at: dt.datetime | None


class ProblemDetailOut(ProblemOut):
    closing_note: str
    notes: list[NoteOut]

    @staticmethod
    def resolve_notes(obj: Problem) -> list[ProblemNote]:
        return list(obj.notes.order_by("-recorded_at", "-id"))


class ProblemPage(Schema):
    items: list[ProblemOut]
    next_cursor: str | None


class ProblemFilter(Schema):
    status: str | None = Field(None, max_length=10)
    kind: str | None = Field(None, max_length=30)
    village: Id | None = None
    overdue: bool = False
    cursor: str | None = None
    limit: int = Field(50, ge=1, le=100)


class NoteIn(Schema):
    note: str = Field(..., max_length=5000)


class SurveyIn(Schema):
    person: Id
    source: str = Field(..., max_length=10)
    attitude: str = Field(..., max_length=10)
    performance: int
    conduct: int
    intention: str = Field(..., max_length=12)
    negative: bool = False
    notes: str = Field("", max_length=5000)
    surveyed_on: dt.date | None = None


class SurveyOut(Schema):
    id: int
    village_id: int
    person_id: int
    election_round_id: int
    surveyed_on: dt.date
    intention: str


@router.get("/assessments", response={200: AssessmentPage, **ERRORS}, summary="最新研判及理由")
def assessment_list(request: HttpRequest, filters: Query[AssessmentFilter]) -> dict[str, object]:
    guard(request, Scope.READ, Capability.VIEW_DASHBOARD)
    found = Assessment.objects.visible_to(request.user).current().select_related("rule_set")
    if filters.village is not None:
        found = found.filter(village_id=filters.village)
    if filters.colour:
        found = found.filter(colour=filters.colour)
    return page_of(found, keys=("id",), cursor=filters.cursor, limit=filters.limit)


@router.get("/problems", response={200: ProblemPage, **ERRORS}, summary="问题清单")
def problem_list(request: HttpRequest, filters: Query[ProblemFilter]) -> dict[str, object]:
    guard(request, Scope.READ, Capability.VIEW_DASHBOARD)
    problems = Problem.objects.visible_to(request.user)
    if filters.status:
        problems = problems.filter(status=filters.status)
    if filters.kind:
        problems = problems.filter(kind=filters.kind)
    if filters.village is not None:
        problems = problems.filter(village_id=filters.village)
    if filters.overdue:
        problems = problems.overdue(timezone.localdate())
    return page_of(problems, keys=("due_on", "id"), cursor=filters.cursor, limit=filters.limit)


def _problem(request: HttpRequest, pk: int) -> Problem:
    return get_object_or_404(Problem.objects.visible_to(request.user), pk=pk)


@router.get("/problems/{pk}", response={200: ProblemDetailOut, **ERRORS}, summary="问题及整改进展")
def problem_detail(request: HttpRequest, pk: PathId) -> Problem:
    guard(request, Scope.READ, Capability.VIEW_DASHBOARD)
    return _problem(request, pk)


@router.post("/problems/{pk}/notes", response={201: NoteOut, **ERRORS}, summary="记录整改进展")
def problem_progress(request: HttpRequest, pk: PathId, payload: NoteIn) -> Status[ProblemNote]:
    guard(request, Scope.FIELDWORK, Capability.EDIT_PROBLEMS)
    problem = _problem(request, pk)
    fields = require_valid(NoteForm(payload.dict()))
    return Status(
        201, services.add_progress(problem, note=fields.get("note", ""), actor=request.user)
    )


def _sitting(village: Region) -> list[tuple[int, str]]:
    """The sitting cadres a survey may be about (as on the survey page)."""
    posts = Post.objects.sitting(timezone.localdate()).filter(village=village)
    found: dict[int, str] = {}
    for post in posts.select_related("person").order_by("role", "person__name"):
        found.setdefault(post.person_id, post.person.name)
    return list(found.items())


@router.post("/villages/{pk}/surveys", response={201: SurveyOut, **ERRORS}, summary="记录摸排")
def survey_create(request: HttpRequest, pk: PathId, payload: SurveyIn) -> Status[Survey]:
    guard(request, Scope.FIELDWORK, Capability.RECORD_SURVEYS)
    village = get_object_or_404(Region.objects.visible_to(request.user).villages().current(), pk=pk)
    election_round = round_for(village)
    if election_round is None:
        raise Http404("该地区尚未设立本届换届")
    data = payload.dict()
    data["surveyed_on"] = data["surveyed_on"] or timezone.localdate()
    fields = require_valid(SurveyForm(data, people=_sitting(village)))
    fields.pop("version", None)
    person = Person.objects.get(pk=fields.pop("person"))
    survey = services.record_survey(
        village=village,
        person=person,
        election_round=election_round,
        fields=fields,
        actor=request.user,
    )
    return Status(201, survey)
