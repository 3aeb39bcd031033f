"""Region scope: the one function that says which regions a user acts in.

`region_q(user, path)` builds a filter for any model whose `path` leads to a Region
("" for Region itself, "village" for a Person or Post, "candidate__village", ...).
Every model's `visible_to(user)` builds on it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from houbei.accounts.capabilities import Role

_NOTHING = Q(pk__in=[])


def _field(path: str, name: str) -> str:
    return f"{path}__{name}" if path else name


def region_q(user: Any, path: str) -> Q:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return _NOTHING
    role = user.role
    if role == Role.LIAISON:
        ids = user.villages.values("pk")
        return Q(**{f"{path}__in" if path else "pk__in": ids})
    if user.region_id is None:
        return _NOTHING
    if role == Role.COUNTY_OFFICER:
        return Q(**{_field(path, "county"): user.region_id})
    if role in (Role.TOWN_LEADER, Role.TOWN_STAFF):
        return Q(**{_field(path, "town"): user.region_id})
    if role == Role.AUDITOR:
        level = getattr(user.region, "level", "")
        return Q(**{_field(path, "county" if level == "county" else "town"): user.region_id})
    return _NOTHING
