from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_date

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.audit.models import AuditEntry
from houbei.lib.paging import keyset_page


@requires(Capability.VIEW_AUDIT)
def entry_list(request: HttpRequest) -> HttpResponse:
    """Search the log by actor, object and time."""
    entries = AuditEntry.objects.visible_to(request.user).select_related("actor")
    actor = request.GET.get("actor", "").strip()
    if actor:
        entries = entries.filter(actor_username=actor)
    target = request.GET.get("target", "").strip()
    if target:
        entries = entries.filter(target_repr__contains=target)
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    since = parse_date(request.GET.get("since", "") or "")
    if since:
        entries = entries.filter(at__date__gte=since)
    until = parse_date(request.GET.get("until", "") or "")
    if until:
        entries = entries.filter(at__date__lt=until + dt.timedelta(days=1))
    page = keyset_page(entries, keys=("-id",), token=request.GET.get("after"))
    return render(request, "audit/entry_list.html", {"page": page, "filters": request.GET})
