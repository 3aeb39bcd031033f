"""Every view says what it needs, with one decorator. Unmarked views are refused."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from houbei.accounts.capabilities import Capability, has_capability

View = TypeVar("View", bound=Callable[..., HttpResponseBase])
MARK = "houbei_access"


def requires(*capabilities: Capability) -> Callable[[View], View]:
    """The view needs every one of these capabilities; a missing one is a 403, audited."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            missing = [c for c in capabilities if not has_capability(request.user, c)]
            if missing:
                raise PermissionDenied(f"缺少权限：{', '.join(missing)}")
            return view(request, *args, **kwargs)

        setattr(wrapped, MARK, ("requires", tuple(capabilities)))
        return wrapped  # type: ignore[return-value]

    return decorate


def authenticated(view: View) -> View:
    """Any signed-in user (the home page, logout, password change)."""
    setattr(view, MARK, ("authenticated", ()))
    return view


def public(view: View) -> View:
    """Reachable without signing in (login, health check)."""
    view = login_not_required(view)
    setattr(view, MARK, ("public", ()))
    return view
