"""The candidate page: who, where in the pipeline, the timeline, and the guarded actions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.decorators import requires
from houbei.audit import record_read
from houbei.reserves.forms.moves import (
    DecisionForm,
    InterviewForm,
    PoolForm,
    RemoveForm,
    ScreeningForm,
    StandingForm,
    VersionForm,
    VoteForm,
)
from houbei.reserves.models import (
    PIPELINE,
    ApprovalKind,
    Candidate,
    CandidateEvent,
    ReviewOutcome,
    Stage,
)
from houbei.reserves.rules import departments, reserve_rules
from houbei.reserves.services import MOVES, applies, blockers_for, load_state, may_decide
from houbei.reserves.views.common import visible_candidate

HIDDEN = "存在负面清单情形（详情仅筛查人员可见）"
PRIMARY = {
    Stage.NOMINATED: "screen",
    Stage.SCREENED: "vote",
    Stage.RECOMMENDED: "send",
    Stage.REVIEWED: "pool",
}
TITLES = {
    "interview": ("记录走访座谈", "记录"),
    "screen": ("政治筛查", "记录筛查结论"),
    "vote": ("民主推荐", "记录推荐结果"),
    "send": ("送资格联审", "送联审"),
    "pool": ("入库", "确认入库"),
    "standing": ("储备情况（成熟度、排序、应急接替）", "保存"),
    "remove": ("调整出列", "确认出列"),
}


def _move_forms(candidate: Candidate) -> dict[str, Any]:
    version = {"version": candidate.version}
    standing = {**version, "readiness": candidate.readiness, "rank": candidate.rank}
    standing["emergency_successor"] = candidate.emergency_successor
    return {
        "interview": InterviewForm(prefix="interview"),
        "screen": ScreeningForm(prefix="screen", initial=version),
        "vote": VoteForm(prefix="vote", initial=version),
        "send": VersionForm(prefix="send", initial=version),
        "pool": PoolForm(prefix="pool", initial=version),
        "standing": StandingForm(prefix="standing", initial=standing),
        "remove": RemoveForm(prefix="remove", initial=version),
    }


def _moves(request: HttpRequest, candidate: Candidate, state: Any) -> list[dict[str, Any]]:
    sees_facts = has_capability(request.user, Capability.VIEW_SCREENING)
    forms = _move_forms(candidate)
    moves = []
    for name in MOVES:
        if not applies(candidate, name):
            continue
        blockers = blockers_for(state, name)
        if not sees_facts:
            blockers = [b for b in blockers if "负面清单" not in b and "不宜" not in b]
            if any(hit.blocks for hit in state.hits):
                blockers.append(HIDDEN)
        title, button = TITLES[name]
        if name == "remove" and _removal_waits(request, state):
            title, button = "调整出列（须经乡镇领导审批后生效）", "提交审批"
        moves.append(
            {
                "name": name,
                "title": title,
                "button": button,
                "form": forms[name],
                "blockers": blockers,
                "open": PRIMARY.get(Stage(candidate.stage), "standing") == name
                or (name == "interview" and state.interviews == 0),
                "action": reverse(f"reserves:candidate_{name}", args=[candidate.pk]),
            }
        )
    return moves


def _removal_waits(request: HttpRequest, state: Any) -> bool:
    needs = reserve_rules(state.rule_set).needs_approval(ApprovalKind.REMOVAL)
    return needs and not may_decide(request.user)


def _decisions(request: HttpRequest, state: Any) -> list[dict[str, Any]]:
    if not has_capability(request.user, Capability.VIEW_SCREENING):
        return []
    names = {d.code: d.name for d in departments(state.rule_set)}
    return [
        {
            "hit": hit,
            "department": names.get(hit.item.department, hit.item.department),
            "form": DecisionForm(
                auto_id=f"decide-{hit.fact.pk}-{hit.item.code}-%s",
                initial={"fact": hit.fact.pk, "item_code": hit.item.code},
            ),
        }
        for hit in state.hits
    ]


def _records(candidate: Candidate) -> dict[str, Any]:
    events = CandidateEvent.objects.filter(candidate=candidate).select_related("actor", "rule_set")
    return {
        "events": list(events.order_by("at", "id")),
        "screenings": list(candidate.screenings.select_related("recorded_by", "voided_by")),
        "interviews": list(candidate.interviews.select_related("voided_by")),
        "votes": list(candidate.votes.select_related("rule_set", "voided_by")),
        "talks": list(candidate.talks.select_related("voided_by").order_by("-held_on")[:20]),
    }


def _steps(candidate: Candidate) -> list[dict[str, Any]]:
    """The way through up to the pool (further when the candidate went further)."""
    if candidate.stage == Stage.REMOVED:
        return []
    reached = PIPELINE.index(Stage(candidate.stage))
    shown = PIPELINE[: max(5, reached + 1)]
    states = [
        "done" if i < reached else "current" if i == reached else "todo" for i in range(len(shown))
    ]
    return [{"stage": stage, "state": state} for stage, state in zip(shown, states, strict=True)]


@requires(Capability.VIEW_PEOPLE)
@require_safe
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = visible_candidate(request, pk)
    record_read(request.user, "reserves.candidate.viewed", candidate, people=[candidate.person_id])
    state = load_state(candidate)
    context = {
        "candidate": candidate,
        "state": state,
        "moves": _moves(request, candidate, state),
        "decisions": _decisions(request, state),
        "removed": candidate.stage == Stage.REMOVED,
        "reviews_pending": any(r.outcome == ReviewOutcome.PENDING for r in state.reviews),
        "steps": _steps(candidate),
        "age": candidate.person.age_on(candidate.election_round.cutoff_date),
        **_records(candidate),
    }
    return render(request, "reserves/candidate_detail.html", context)
