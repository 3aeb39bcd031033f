"""Walks every URL pattern for every role and for anonymous against a declared policy table.

A URL with no row fails the test: a new page must say who may open it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from houbei.accounts.decorators import MARK

ROLES = ["county", "leader", "town", "liaison", "reviewer", "auditor", "sysadmin"]
TOWN = {"county", "leader", "town", "liaison"}
OFFICE = {"county", "leader", "town"}

# URL name -> roles allowed (everyone else: 403). "public" / "authenticated" are special.
POLICY: dict[str, Any] = {
    "health": "public",
    "accounts:login": "public",
    "accounts:logout": "authenticated",
    "accounts:password_change": "authenticated",
    "home": "authenticated",
    "home_tasks": "authenticated",
    "audit:entry_list": {"auditor"},
    "regions:village_list": TOWN,
    "regions:village_detail": TOWN,
    "people:person_list": TOWN,
    "people:person_detail": TOWN,
}


def _walk(patterns: list[Any], prefix: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            found += _walk(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.append((prefix + pattern.name, pattern.callback))
    return found


def all_urls() -> list[tuple[str, Any]]:
    return [
        (name, view)
        for name, view in _walk(get_resolver().url_patterns)
        if not name.startswith("djdt")
    ]


def test_every_url_has_a_policy_row() -> None:
    missing = [name for name, _ in all_urls() if name not in POLICY]
    assert missing == []


def test_every_view_declares_its_access() -> None:
    unmarked = [name for name, view in all_urls() if getattr(view, MARK, None) is None]
    assert unmarked == []


def test_policy_matches_each_views_declared_capabilities() -> None:
    from houbei.accounts.capabilities import ROLE_CAPABILITIES, Role

    persona_role = {
        "county": Role.COUNTY_OFFICER,
        "leader": Role.TOWN_LEADER,
        "town": Role.TOWN_STAFF,
        "liaison": Role.LIAISON,
        "reviewer": Role.REVIEWER,
        "auditor": Role.AUDITOR,
        "sysadmin": Role.SYSADMIN,
    }
    for name, view in all_urls():
        kind, capabilities = getattr(view, MARK)
        if kind != "requires":
            assert POLICY[name] == kind, name
            continue
        allowed = {
            p for p, role in persona_role.items() if set(capabilities) <= ROLE_CAPABILITIES[role]
        }
        assert allowed == POLICY[name], name


@pytest.mark.parametrize("name", [n for n, _ in all_urls()])
def test_anonymous_is_sent_to_login_unless_public(client: Any, name: str, db: Any) -> None:
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse(name)
    except NoReverseMatch:
        url = reverse(name, kwargs={"pk": 1})
    response = client.get(url)
    if POLICY[name] == "public":
        assert response.status_code in (200, 405)
    else:
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
