"""What the reserve views share: the user's round, scoped fetches, running a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from houbei.reserves.models import Candidate
from houbei.rounds.models import ElectionRound
from houbei.rounds.services import round_for


def user_round(request: HttpRequest) -> ElectionRound | None:
    """The current round of the user's county (a liaison: of their town's county)."""
    region = getattr(request.user, "region", None)
    if region is None:
        first = getattr(request.user, "villages", None)
        region = first.first() if first is not None else None
    return round_for(region) if region is not None else None


def visible_candidate(request: HttpRequest, pk: int) -> Candidate:
    related = ("person", "village", "village__district", "election_round")
    return get_object_or_404(
        Candidate.objects.visible_to(request.user).select_related(*related), pk=pk
    )


def error_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for messages_ in error.message_dict.values() for m in messages_]
    return list(error.messages)


def run_service(
    request: HttpRequest, call: Callable[[], Any], *, done: str, back: str
) -> HttpResponse:
    """Calls the service; success and refusal both come back to `back` with a message."""
    try:
        call()
    except ValidationError as error:  # a stale version too (ConflictError)
        for text in error_messages(error):
            messages.error(request, text)
    else:
        messages.success(request, done)
    return redirect(back)


def submit(
    request: HttpRequest,
    form: Any,
    call: Callable[[dict[str, Any]], Any],
    *,
    done: str,
    back: str,
) -> HttpResponse:
    """A posted form: its errors, else the service's outcome (`call(cleaned_data)`), as
    messages on `back`."""
    if not form.is_valid():
        form_errors(request, form)
        return redirect(back)
    return run_service(request, lambda: call(form.cleaned_data), done=done, back=back)


def form_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else str(error))
