"""Every export is rate-limited the same way (docs/security.md item 16): an account may run each
kind of export a few times a minute, counted from the export's own audit entries."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

EXPORTS_PER_MINUTE = 5


def export_refusal(actor: Any, action: str) -> str | None:
    """Why `actor` may not export now (the Chinese message), or None."""
    from houbei.audit.models import AuditEntry

    since = timezone.now() - dt.timedelta(minutes=1)
    recent = AuditEntry.objects.filter(
        actor_username=getattr(actor, "username", ""), action=action, at__gte=since
    )
    if recent.count() < EXPORTS_PER_MINUTE:
        return None
    return f"导出过于频繁：每分钟最多导出 {EXPORTS_PER_MINUTE} 次，请稍后再试。"


def rate_limited_export(action: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A view decorator: the export whose audit entries are `action` answers 429 when the user
    ran it EXPORTS_PER_MINUTE times in the last minute."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            message = export_refusal(request.user, action)
            if message is not None:
                return refused(request, message)
            return view(request, *args, **kwargs)

        return limited

    return decorate


def refused(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "audit/export_refused.html", {"message": message}, status=429)
