"""/api/v1/: the API's routes, each marked for the deny-by-default middleware.

The operations answer for themselves (401 without a live token, 403 without the scope or the
capability, 404 out of scope), so they are exempt from the login redirect and marked `api`;
tests/api/test_api_policy.py walks every operation against its declared table.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern

from houbei.accounts.decorators import MARK, authenticated
from houbei.api.main import api


def _mark(patterns: list[Any]) -> list[Any]:
    for pattern in patterns:
        if not isinstance(pattern, URLPattern) or getattr(pattern.callback, MARK, None):
            continue
        if pattern.name == "api-root":  # django-ninja's own root: a 404 that names the docs
            authenticated(pattern.callback)
        else:
            login_not_required(pattern.callback)
            setattr(pattern.callback, MARK, ("api", ()))
    return patterns


_patterns, _app, _namespace = api.urls
app_name = "api"  # django-ninja reverses "<urls_namespace>:…" (main.py)
urlpatterns = _mark(list(_patterns))
