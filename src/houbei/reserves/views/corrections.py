"""A record's page with its history, and its correction (更正) and voiding (作废): POST only.

Interviews and talks are corrected through the form they were entered with, plus a reason;
screenings and votes are only voided (docs/decisions/0028-record-corrections.md). Out of scope
is a 404; a role without the capability a 403. A screening's findings are never shown here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.decorators import requires
from houbei.audit.corrections import ReasonForm, VoidForm
from houbei.audit.models import AuditEntry
from houbei.reserves.forms.moves import InterviewForm
from houbei.reserves.forms.records import TalkForm
from houbei.reserves.models import Interview, PoliticalScreening, RecommendationVote, Talk
from houbei.reserves.services import corrections
from houbei.reserves.views.common import error_messages


class InterviewCorrectionForm(InterviewForm, ReasonForm):
    pass


class TalkCorrectionForm(TalkForm, ReasonForm):
    """The talk form without the village (a talk in another village is a new talk)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["village"]


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    model: type[Model]
    capability: Capability  # the capability that enters such records
    shown: tuple[str, ...]  # the fields the page shows
    related: tuple[str, ...]
    form: Callable[..., Any] | None = None  # None: voided, never corrected
    correct: Callable[..., Any] | None = None
    void: Callable[..., Any] | None = None

    def rows(self, request: HttpRequest) -> QuerySet[Any]:
        manager: Any = self.model._default_manager
        rows: QuerySet[Any] = manager.visible_to(request.user)
        return rows.select_related("voided_by", *self.related)


_CANDIDATE = ("candidate__person", "candidate__village")
KINDS = {
    "interview": Kind(
        "interview",
        "走访座谈",
        Interview,
        Capability.MANAGE_CANDIDATES,
        ("kind", "held_on", "participants", "summary", "recorded_by", "recorded_at"),
        (*_CANDIDATE, "recorded_by"),
        InterviewCorrectionForm,
        corrections.correct_interview,
        corrections.void_interview,
    ),
    "screening": Kind(
        "screening",
        "政治筛查",
        PoliticalScreening,
        Capability.MANAGE_CANDIDATES,
        ("result", "screened_on", "recorded_by", "recorded_at"),
        (*_CANDIDATE, "recorded_by"),
        void=corrections.void_screening,
    ),
    "vote": Kind(
        "vote",
        "民主推荐",
        RecommendationVote,
        Capability.MANAGE_CANDIDATES,
        (
            "meeting_type",
            "held_on",
            "eligible",
            "attended",
            "votes_for",
            "votes_against",
            "abstentions",
            "explanation",
            "recorded_by",
            "recorded_at",
        ),
        (*_CANDIDATE, "recorded_by"),
        void=corrections.void_vote,
    ),
    "talk": Kind(
        "talk",
        "谈心谈话",
        Talk,
        Capability.RECORD_TALKS,
        (
            "kind",
            "person",
            "held_on",
            "talked_by",
            "attendees",
            "topic",
            "summary",
            "follow_up",
            "recorded_by",
            "recorded_at",
        ),
        ("village", "person", *_CANDIDATE, "recorded_by"),
        TalkCorrectionForm,
        corrections.correct_talk,
        corrections.void_talk,
    ),
}


def _found(request: HttpRequest, kind: str, pk: int) -> tuple[Kind, Any]:
    spec = KINDS[kind]
    if not has_capability(request.user, spec.capability):
        raise PermissionDenied("缺少权限")
    return spec, get_object_or_404(spec.rows(request), pk=pk)


def _facts(spec: Kind, obj: Any) -> list[tuple[str, Any]]:
    rows = []
    for name in spec.shown:
        field = obj._meta.get_field(name)
        display = getattr(obj, f"get_{name}_display", None)
        value = display() if display else getattr(obj, name)
        rows.append((str(field.verbose_name), value))
    return rows


def _correction_form(request: HttpRequest, spec: Kind, obj: Any, data: Any = None) -> Any:
    if spec.form is None or obj.is_void:
        return None
    if not has_capability(request.user, Capability.CORRECT_RECORDS):
        return None
    names = [n for n in spec.shown if n not in ("recorded_by", "recorded_at")]
    initial = {n: getattr(obj, f"{n}_id" if n == "person" else n) for n in names}
    kwargs: dict[str, Any] = {"prefix": "correct", "initial": initial}
    if spec.form is TalkCorrectionForm:
        kwargs["user"] = request.user
    return spec.form(data, **kwargs)


def _page(
    request: HttpRequest, spec: Kind, obj: Any, *, form: Any = None, void_form: Any = None
) -> HttpResponse:
    may_void = (
        spec.void is not None
        and not obj.is_void
        and has_capability(request.user, Capability.VOID_RECORDS)
    )
    history = AuditEntry.objects.for_object(obj).without_views().select_related("actor")[:50]
    candidate = getattr(obj, "candidate", None)
    context = {
        "spec": spec,
        "record": obj,
        "candidate": candidate,
        "facts": _facts(spec, obj),
        "form": form or _correction_form(request, spec, obj),
        "void_form": (void_form or VoidForm(prefix="void")) if may_void else None,
        "history": history,
        "back": reverse("reserves:candidate_detail", args=[candidate.pk])
        if candidate
        else reverse("reserves:talk_list"),
    }
    return render(request, "reserves/record_correction.html", context)


@requires(Capability.CORRECT_RECORDS)
@require_safe
def record_page(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    spec, obj = _found(request, kind, pk)
    return _page(request, spec, obj)


def _back(spec: Kind, obj: Any) -> HttpResponse:
    return redirect(f"reserves:{spec.name}_record", pk=obj.pk)


@requires(Capability.CORRECT_RECORDS)
@require_POST
def record_correct(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    spec, obj = _found(request, kind, pk)
    form = _correction_form(request, spec, obj, request.POST)
    if form is None or spec.correct is None:
        raise PermissionDenied("该记录不能更正")
    if form.is_valid():
        data = dict(form.cleaned_data)
        if spec.name == "talk" and obj.candidate_id is not None:
            data["person"] = None  # the candidate's person stays the talk's person
        try:
            spec.correct(obj, actor=request.user, **data)
        except ValidationError as error:
            for text in error_messages(error):
                form.add_error(None, text)
        else:
            messages.success(request, f"已更正{spec.title}记录")
            return _back(spec, obj)
    return _page(request, spec, obj, form=form)


@requires(Capability.VOID_RECORDS)
@require_POST
def record_void(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    spec, obj = _found(request, kind, pk)
    if spec.void is None:
        raise PermissionDenied("该记录不能作废")
    form = VoidForm(request.POST, prefix="void")
    if form.is_valid():
        try:
            spec.void(obj, reason=form.cleaned_data["reason"], actor=request.user)
        except ValidationError as error:
            for text in error_messages(error):
                form.add_error(None, text)
        else:
            messages.success(request, f"已作废{spec.title}记录，可重新录入")
            return _back(spec, obj)
    return _page(request, spec, obj, void_form=form)
