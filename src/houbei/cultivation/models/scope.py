"""Scope for rows that hang from a town (a plan and what belongs to the whole plan).

A town's own row carries no `town` column (only its children do), so `region_q` alone does not
match it for town roles; a liaison sees the plans of their villages' towns.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from houbei.accounts.capabilities import Role
from houbei.accounts.scope import region_q


def town_q(user: Any, path: str) -> Q:
    """Rows whose `path` leads to a town Region the user acts in."""
    found = region_q(user, path)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return found
    if user.role == Role.LIAISON:
        return Q(**{f"{path}__in": user.villages.values("town")})
    if user.role in (Role.TOWN_LEADER, Role.TOWN_STAFF, Role.AUDITOR) and user.region_id:
        return found | Q(**{path: user.region_id})
    return found
