"""Walks every URL pattern for every role and for anonymous against a declared policy table.

A URL with no row fails the test: a new page must say who may open it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from houbei.accounts.decorators import MARK

ROLES = ["county", "leader", "town", "liaison", "reviewer", "auditor", "sysadmin", "secadmin"]
TOWN = {"county", "leader", "town", "liaison"}
OFFICE = {"county", "leader", "town"}

# URL name -> roles allowed (everyone else: 403). "public" / "authenticated" are special.
# Each app adds its rows in tests/<app>/url_policy.py (a POLICY dict); they are merged below.
CORE_POLICY: dict[str, Any] = {
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


def _merged_policy() -> dict[str, Any]:
    import importlib
    import pkgutil

    import tests

    merged = dict(CORE_POLICY)
    for module in pkgutil.iter_modules(tests.__path__):
        try:
            extra = importlib.import_module(f"tests.{module.name}.url_policy")
        except ModuleNotFoundError:
            continue
        merged.update(extra.POLICY)
    return merged


POLICY = _merged_policy()


def _walk(patterns: list[Any], prefix: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            found += _walk(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.append((prefix + pattern.name, pattern.callback))
    return found


def _url_for(name: str) -> str:
    """The URL with every argument pointing at an object that does not exist."""
    from django.urls import reverse

    for kwargs in ({}, {"pk": 999999}):
        try:
            return reverse(name, kwargs=kwargs)
        except Exception:  # noqa: S112 - try the next shape
            continue
    resolver_match = next(p for n, p in _patterns() if n == name)
    kwargs = {
        key: (999999 if conv.__class__.__name__ == "IntConverter" else "zz")
        for key, conv in resolver_match.pattern.converters.items()
    }
    return reverse(name, kwargs=kwargs)


def _patterns(patterns: list[Any] | None = None, prefix: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            found += _patterns(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.append((prefix + pattern.name, pattern))
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
        "secadmin": Role.SECURITY_ADMIN,
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
    response = client.get(_url_for(name))
    if POLICY[name] == "public":
        assert response.status_code in (200, 405)
    elif POLICY[name] == "api":  # a token or nothing (tests/api/test_api_policy.py)
        assert response.status_code in (401, 405)
    else:
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_the_table_allows(
    client: Any, personas: Any, role: str
) -> None:
    """Allowed: served (or 404 for the missing object, 405 for a POST-only URL); else 403."""
    client.force_login(personas[role])
    wrong = []
    for name, _ in all_urls():
        rule = POLICY[name]
        if rule == "public":
            continue
        allowed = rule == "authenticated" or role in rule
        status = client.get(_url_for(name)).status_code
        if rule == "api":  # a session is no token (tests/api/test_api_policy.py walks tokens)
            ok = status in (401, 405)
        else:
            ok = status in (200, 302, 404, 405) if allowed else status == 403
        if not ok:
            wrong.append((name, status))
    assert wrong == []
