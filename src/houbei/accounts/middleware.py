from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from houbei.accounts.decorators import MARK
from houbei.audit import record

Handler = Callable[[HttpRequest], HttpResponse]
LOGIN_AT = "houbei_login_at"
RENEWED_AT = "houbei_renewed_at"


class DenyByDefaultMiddleware:
    """A view that states no access rule is never served; a denial is audited."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if getattr(view, MARK, None) is None and not getattr(view, "houbei_exempt", False):
            raise Http404("页面不存在")
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, PermissionDenied):
            return None
        record(
            request.user,
            "accounts.permission.denied",
            None,
            {"path": request.path, "method": request.method},
            outcome="denied",
        )
        return render(request, "403.html", status=403)


class SessionLimitsMiddleware:
    """Absolute session lifetime on top of the idle timeout; second factor; password change.

    The idle timeout is the session's own expiry (SESSION_COOKIE_AGE). It is renewed by saving
    the session at most once per SESSION_RENEW_SECONDS (a minute), not on every request: the
    save was 3 of the 8-10 queries of a page (docs/performance.md). So an idle session ends
    between SESSION_COOKIE_AGE - SESSION_RENEW_SECONDS and SESSION_COOKIE_AGE after its last use.
    A password must be changed at first login, after an administrator reset it, and when it is
    older than PASSWORD_MAX_AGE_DAYS.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            now = now_seconds()
            if started is None or now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
            if now - request.session.get(RENEWED_AT, 0) >= settings.SESSION_RENEW_SECONDS:
                request.session[RENEWED_AT] = now  # marks the session modified: saved, renewed
            # The password first, then the second factor: each check sends the user to its own
            # page, so the two must not both apply at once (they would redirect to each other).
            if password_change_due(user):
                if request.path not in _PASSWORD_PATHS():
                    return redirect("accounts:password_change")
            elif needs_second_factor(request) and request.path not in _SECOND_FACTOR_PATHS():
                return redirect("accounts:second_factor")
        return self.get_response(request)


def needs_second_factor(request: HttpRequest) -> bool:
    from houbei.accounts import second_factor

    verified = request.session.get(second_factor.VERIFIED, False)
    return not verified and second_factor.required_for(request.user)


def now_seconds() -> float:
    """The clock of the absolute session limit (timezone.now, so tests can move it)."""
    return timezone.now().timestamp()


def password_change_due(user: Any) -> bool:
    if getattr(user, "must_change_password", False):
        return True
    return password_expired(user)


def password_expired(user: Any) -> bool:
    days = int(getattr(settings, "PASSWORD_MAX_AGE_DAYS", 0) or 0)
    changed = getattr(user, "password_changed_at", None) or getattr(user, "date_joined", None)
    if days <= 0 or changed is None:
        return False
    return bool(timezone.now() - changed > dt.timedelta(days=days))


def _PASSWORD_PATHS() -> set[str]:  # noqa: N802
    from django.urls import reverse

    return {reverse("accounts:password_change"), reverse("accounts:logout")}


def _SECOND_FACTOR_PATHS() -> set[str]:  # noqa: N802
    from django.urls import reverse

    return {reverse("accounts:second_factor"), reverse("accounts:logout")}


# Browser features no page of houbei uses, switched off for every page and file.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb",
    )
)  # fmt: skip


class BrowserPolicyMiddleware:
    """Permissions-Policy and Cross-Origin-Resource-Policy on every response, static files
    included (docs/security.md item 2)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class NoStoreMiddleware:
    """Pages may carry personal data: no browser or proxy keeps a copy."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "no-store"
        return response
