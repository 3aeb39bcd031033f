"""A record's page with its history, its correction (更正) and its voiding (作废), for any app.

An app describes its kinds of record (`Kind`) and takes the three views `record_views(kinds)`
returns into its urls with `{"kind": name}`; the URL names are `<namespace>:<kind>_record`,
`_correct` and `_void` (decision 0028). The page and the correction need CORRECT_RECORDS, the
voiding VOID_RECORDS, and each kind the capability that enters such records (else 403); a
record out of the user's scope is a 404. Changes are POST only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
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
from houbei.audit.corrections import VoidForm
from houbei.audit.models import AuditEntry

NOT_SHOWN = ("recorded_by", "recorded_at")


@dataclass(frozen=True)
class Kind:
    name: str
    title: str
    namespace: str
    model: type[Model]
    capability: Capability  # the capability that enters such records
    shown: tuple[str, ...]  # the fields the page shows (a sealed field never is)
    related: tuple[str, ...]
    back: Callable[[Any], str]  # the page the record is listed on
    subtitle: Callable[[Any], str] = lambda obj: ""
    form: Callable[..., Any] | None = None  # None: voided, never corrected
    correct: Callable[..., Any] | None = None
    void: Callable[..., Any] | None = None
    form_kwargs: Callable[[HttpRequest, Any], dict[str, Any]] = lambda request, obj: {}
    initial: Callable[[Any], dict[str, Any]] | None = None
    prepare: Callable[[Any, dict[str, Any]], dict[str, Any]] = lambda obj, data: data
    notes: dict[str, str] = field(default_factory=dict)

    def rows(self, request: HttpRequest) -> QuerySet[Any]:
        manager: Any = self.model._default_manager
        rows: QuerySet[Any] = manager.visible_to(request.user)
        voidable = any(f.name == "voided_by" for f in self.model._meta.get_fields())
        return rows.select_related(*(("voided_by",) if voidable else ()), *self.related)

    def url(self, action: str, obj: Any) -> str:
        return reverse(f"{self.namespace}:{self.name}_{action}", args=[obj.pk])


def _found(kinds: dict[str, Kind], request: HttpRequest, kind: str, pk: int) -> tuple[Kind, Any]:
    spec = kinds[kind]
    if not has_capability(request.user, spec.capability):
        raise PermissionDenied("缺少权限")
    return spec, get_object_or_404(spec.rows(request), pk=pk)


def _facts(spec: Kind, obj: Any) -> list[tuple[str, Any]]:
    rows = []
    for name in spec.shown:
        label = obj._meta.get_field(name).verbose_name
        display = getattr(obj, f"get_{name}_display", None)
        rows.append((str(label), display() if display else getattr(obj, name)))
    return rows


def _correction_form(request: HttpRequest, spec: Kind, obj: Any, data: Any = None) -> Any:
    if spec.form is None or getattr(obj, "is_void", False):
        return None
    if not has_capability(request.user, Capability.CORRECT_RECORDS):
        return None
    if spec.initial is not None:
        initial = spec.initial(obj)
    else:
        initial = {n: getattr(obj, n) for n in spec.shown if n not in NOT_SHOWN}
    kwargs = {"prefix": "correct", "initial": initial, **spec.form_kwargs(request, obj)}
    return spec.form(data, **kwargs)


def _page(
    request: HttpRequest, spec: Kind, obj: Any, *, form: Any = None, void_form: Any = None
) -> HttpResponse:
    may_void = (
        spec.void is not None
        and not getattr(obj, "is_void", False)
        and has_capability(request.user, Capability.VOID_RECORDS)
    )
    history = AuditEntry.objects.for_object(obj).without_views().select_related("actor")[:50]
    form = form or _correction_form(request, spec, obj)
    context = {
        "spec": spec,
        "correctable": spec.form is not None,
        "record": obj,
        "subtitle": spec.subtitle(obj),
        "facts": _facts(spec, obj),
        "form": form,
        "correct_url": spec.url("correct", obj) if form is not None else "",
        "void_form": (void_form or VoidForm(prefix="void")) if may_void else None,
        "void_url": spec.url("void", obj) if may_void else "",
        "history": history,
        "back": spec.back(obj),
    }
    return render(request, "records/correction.html", context)


def record_views(kinds: dict[str, Kind]) -> tuple[Any, Any, Any]:
    """The record page (GET), its correction and its voiding (POST) for these kinds."""

    @requires(Capability.CORRECT_RECORDS)
    @require_safe
    def record_page(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
        spec, obj = _found(kinds, request, kind, pk)
        return _page(request, spec, obj)

    @requires(Capability.CORRECT_RECORDS)
    @require_POST
    def record_correct(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
        spec, obj = _found(kinds, request, kind, pk)
        form = _correction_form(request, spec, obj, request.POST)
        if form is None or spec.correct is None:
            raise PermissionDenied("该记录不能更正")
        if form.is_valid():
            try:
                spec.correct(obj, actor=request.user, **spec.prepare(obj, dict(form.cleaned_data)))
            except ValidationError as error:
                _add(form, error)
            else:
                messages.success(request, f"已更正{spec.title}记录")
                return redirect(spec.url("record", obj))
        return _page(request, spec, obj, form=form)

    @requires(Capability.VOID_RECORDS)
    @require_POST
    def record_void(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
        spec, obj = _found(kinds, request, kind, pk)
        if spec.void is None:
            raise PermissionDenied("该记录不能作废")
        form = VoidForm(request.POST, prefix="void")
        if form.is_valid():
            try:
                spec.void(obj, reason=form.cleaned_data["reason"], actor=request.user)
            except ValidationError as error:
                _add(form, error)
            else:
                messages.success(request, f"已作废{spec.title}记录，可重新录入")
                return redirect(spec.url("record", obj))
        return _page(request, spec, obj, void_form=form)

    return record_page, record_correct, record_void


def _add(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def record_urls(kinds: dict[str, Kind], plurals: dict[str, str]) -> list[Any]:
    """The URL patterns of these kinds: `<plural>/<pk>/record/`, `correct/` (kinds that are
    corrected) and `void/`."""
    from django.urls import path

    page, correct, void = record_views(kinds)
    found = []
    for name, spec in kinds.items():
        base = f"{plurals[name]}/<int:pk>/"
        found.append(path(f"{base}record/", page, {"kind": name}, name=f"{name}_record"))
        if spec.correct is not None:
            found.append(path(f"{base}correct/", correct, {"kind": name}, name=f"{name}_correct"))
        if spec.void is not None:
            found.append(path(f"{base}void/", void, {"kind": name}, name=f"{name}_void"))
    return found
