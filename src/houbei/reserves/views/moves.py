"""The candidate's moves: POST only, one form and one service each, back to the candidate page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.accounts.types import Actor
from houbei.reserves import services
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
from houbei.reserves.models import PersonFact
from houbei.reserves.views.common import form_errors, run_service, visible_candidate

Call = Callable[..., Any]


def _handle(
    request: HttpRequest, pk: int, form_class: Any, prefix: str, call: Call, done: str
) -> HttpResponse:
    candidate = visible_candidate(request, pk)
    back = reverse("reserves:candidate_detail", args=[candidate.pk])
    form = form_class(request.POST, prefix=prefix or None)
    if not form.is_valid():
        form_errors(request, form)
        return redirect(back)
    data = dict(form.cleaned_data)
    return run_service(
        request, lambda: call(candidate, actor=request.user, **data), done=done, back=back
    )


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def candidate_interview(request: HttpRequest, pk: int) -> HttpResponse:
    return _handle(
        request, pk, InterviewForm, "interview", services.record_interview, "已记录走访座谈"
    )


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def candidate_screen(request: HttpRequest, pk: int) -> HttpResponse:
    return _handle(
        request, pk, ScreeningForm, "screen", services.record_screening, "已记录政治筛查"
    )


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def candidate_vote(request: HttpRequest, pk: int) -> HttpResponse:
    return _handle(request, pk, VoteForm, "vote", services.record_vote, "已记录民主推荐")


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def candidate_send(request: HttpRequest, pk: int) -> HttpResponse:
    return _handle(request, pk, VersionForm, "send", services.send_to_review, "已送资格联审")


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def candidate_pool(request: HttpRequest, pk: int) -> HttpResponse:
    return _handle(request, pk, PoolForm, "pool", services.pool, "已入库")


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def candidate_standing(request: HttpRequest, pk: int) -> HttpResponse:
    return _handle(request, pk, StandingForm, "standing", services.set_standing, "已保存储备情况")


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def candidate_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """A leader removes at once; staff's removal waits for a leader where the rules say so."""
    done = "已调整出列"
    if not services.may_decide(request.user):
        done = "已提交调整出列（如本轮规则要求，须经乡镇领导审批后生效）"
    return _handle(request, pk, RemoveForm, "remove", services.request_removal, done)


def _decide(candidate: Any, *, actor: Actor, fact: int, item_code: str, **data: Any) -> Any:
    found = PersonFact.objects.filter(pk=fact, person_id=candidate.person_id).first()
    if found is None:
        raise Http404("情形不存在")
    return services.decide(candidate, fact=found, item_code=item_code, actor=actor, **data)


@requires(Capability.DECIDE_CANDIDATES, Capability.VIEW_SCREENING)
@require_POST
def candidate_decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _handle(request, pk, DecisionForm, "", _decide, "已记录领导决定")
