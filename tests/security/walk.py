"""Helpers that walk every URL of the app: its patterns, a URL for each, and table counts."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.urls import NoReverseMatch, reverse

from tests.accounts.test_url_policy import POLICY, ROLES, _url_for, all_urls

# Tables that a read may legitimately write: the audit log (reads of personal data are
# audited), sessions, and django-axes' record of login attempts.
WRITTEN_BY_READS = ("audit_auditentry", "accounts_usersession", "django_session", "axes_")


def url_names() -> list[str]:
    return [name for name, _ in all_urls()]


def allowed_roles(name: str) -> list[str | None]:
    """Who may open the URL: None stands for anonymous."""
    rule = POLICY.get(name, "authenticated")  # a missing row fails in test_url_policy
    if rule == "public":
        return [None]
    if rule == "authenticated":
        return list(ROLES)
    return [role for role in ROLES if role in rule]


def urls_for(name: str, pks: list[int]) -> list[str]:
    """The URL with each candidate pk (real objects and a missing one), or its plain form."""
    found = []
    for pk in pks:
        try:
            found.append(reverse(name, kwargs={"pk": pk}))
        except NoReverseMatch:
            break
    return found or [_url_for(name)]


def counted_tables() -> list[str]:
    tables = connection.introspection.table_names()
    return sorted(t for t in tables if not t.startswith(WRITTEN_BY_READS))


def row_counts(tables: list[str]) -> dict[str, int]:
    """Every table's row count, in one query."""
    quote = connection.ops.quote_name
    # Table names come from introspection, never from input.
    parts = ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}")
        row = cursor.fetchone()
    return dict(zip(tables, row, strict=True))


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {t: (before[t], after[t]) for t in before if before[t] != after[t]}
