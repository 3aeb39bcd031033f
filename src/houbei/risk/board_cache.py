"""The dashboard's figures, rendered once and kept until a write moves them (goal G3,
docs/performance.md §4.7, decision record 0030).

What is cached: the two fragments of `/risk/` that hold the figures (the heading and everything
below the buttons) and the number of focus villages the buttons show. They are rendered from
their own context, without the request: no CSRF token, user name, capability or navigation can
get into them. The buttons (which depend on the capabilities, hold the CSRF token of the weekly
run and count the user's pending overrides) and the page around them are rendered per request.

The key: the scope (role kind, the account's region, `?town=`), the capability set, the day
(overdue problems and this week's changes follow the calendar) and the data version: each town
of the scope with the `refreshed_at` of its TownRollup row. Every writer of what a dashboard
shows refreshes the rows of the towns it touched in its own transaction (decision record 0024:
the assessment run, colour overrides, problems, village facts; the signal in risk/apps.py for
regions created, moved, renamed, retired or deleted), so a committed write moves the version of
every scope that shows it. The version is read before the figures: a write committed between the
two reads leaves newer figures under the older version, which the next request replaces.

Rules are covered by the data version: a rule set is never edited (a change is a new version),
and the page applies the rule set each latest assessment was made with, which only a new
assessment changes. A new release empties the cache (it lives in the process, see CACHES in
settings.py), so the code's defaults need no key.

Scopes that are not a town or a county (a liaison's assigned villages, an auditor's) are
rendered every time: an assignment changes their villages without refreshing any row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.db import connections, router
from django.http import Http404

from houbei.accounts.capabilities import Role
from houbei.regions.models import Level, Region
from houbei.risk.models import TownRollup

CACHE = "dashboards"
# Old versions are never read again; they only wait to be culled. A day bounds them anyway.
TIMEOUT = 24 * 3600
TOWN_ROLES = (Role.TOWN_LEADER, Role.TOWN_STAFF)


@dataclass(frozen=True)
class Fragments:
    """What a cached dashboard holds: rendered HTML and the focus count of the buttons."""

    heading: str
    body: str
    focus: int


@dataclass(frozen=True)
class Scope:
    """A cached dashboard's towns: those whose `column` is `region_id` (a county officer's
    county, or a town officer's own town), narrowed to `town` by the county's `?town=`."""

    column: str
    region_id: int
    town: int | None


def scope_of(user: Any, town: str | None) -> Scope | None:
    """The towns whose rows version this user's dashboard, or None when it is not cached. The
    same towns as Region.objects.visible_to(user) for these roles (houbei.accounts.scope)."""
    role, region_id = getattr(user, "role", ""), getattr(user, "region_id", None)
    if region_id is None:
        return None
    if role == Role.COUNTY_OFFICER:
        return Scope("county_id", region_id, None if town is None else _int_or_404(town))
    if role in TOWN_ROLES and town is None:
        return Scope("id", region_id, None)
    return None


def key(user: Any, scope: Scope, caps_key: str, today: dt.date) -> str | None:
    """The cache key of this scope now: one query, each town with its row's `refreshed_at`
    (None for a town without a row yet: the first refresh gives it one and moves the key).
    Http404 for a `?town=` outside the scope, as the page itself; None (not cached) for a scope
    without towns. Written in SQL: the ORM's building of this query was a fifth of a cached
    page's time (docs/performance.md §4.7)."""
    version = _version(scope)
    if scope.town is not None and not version:
        raise Http404
    if not version:
        return None
    parts = (getattr(user, "role", ""), scope, caps_key, today.isoformat())
    digest = hashlib.sha256(repr((parts, version)).encode()).hexdigest()
    return f"risk-dashboard:{digest}"


def _version(scope: Scope) -> list[tuple[Any, ...]]:
    region, rollup = Region._meta.db_table, TownRollup._meta.db_table
    assert scope.column in ("county_id", "id")  # noqa: S101 - never from the request
    sql = (
        f"SELECT r.id, t.refreshed_at FROM {region} r LEFT JOIN {rollup} t ON t.town_id = r.id "  # noqa: S608 - names from the models
        f"WHERE r.level = %s AND r.{scope.column} = %s"
    )
    params: list[Any] = [Level.TOWN.value, scope.region_id]
    if scope.town is not None:
        sql += " AND r.id = %s"
        params.append(scope.town)
    with connections[router.db_for_read(TownRollup)].cursor() as cursor:
        cursor.execute(sql + " ORDER BY r.id", params)
        return [tuple(row) for row in cursor.fetchall()]


def get(cache_key: str) -> Fragments | None:
    found = caches[CACHE].get(cache_key)
    return found if isinstance(found, Fragments) else None


def put(cache_key: str, fragments: Fragments) -> None:
    caches[CACHE].set(cache_key, fragments, TIMEOUT)


def _int_or_404(value: str) -> int:
    try:
        return int(value)
    except ValueError as error:
        raise Http404 from error
