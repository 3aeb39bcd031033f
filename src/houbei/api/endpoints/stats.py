"""The figures of `houbei stats` for the token owner's region."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from houbei.accounts.capabilities import Capability, Role
from houbei.api.core import guard
from houbei.api.errors import ERRORS
from houbei.api.scopes import Scope
from houbei.reports.stats import compute

router = Router(tags=["统计"])


@router.get("/stats", response={200: dict[str, Any], **ERRORS}, summary="统计数字")
def stats(request: HttpRequest) -> dict[str, Any]:
    """The region the owner acts in; a liaison, who acts in villages, has no region figures."""
    guard(request, Scope.READ, Capability.VIEW_DASHBOARD)
    user: Any = request.user
    if user.role == Role.LIAISON or user.region is None:
        raise Http404("没有可统计的地区")
    return compute(user.region)
