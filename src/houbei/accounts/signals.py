"""Logins, logouts and failed logins go to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import Signal, receiver

from houbei.audit import record

# Sent inside the transaction that disables an account or changes its role or region, with
# `user`, `reason` (Chinese) and `actor`: whatever acts for the user elsewhere (the API's tokens)
# ends at once (docs/security.md item 10).
access_changed = Signal()


@receiver(user_logged_in)
def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from houbei.accounts.middleware import LOGIN_AT, RENEWED_AT, now_seconds

    if request is not None:
        request.session[LOGIN_AT] = request.session[RENEWED_AT] = now_seconds()
    record(user, "accounts.user.logged_in", user)


@receiver(user_logged_out)
def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(user, "accounts.user.logged_out", user)


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    record(
        None,
        "accounts.user.login_failed",
        None,
        {"username": str(credentials.get("username", ""))[:150]},
        outcome="failed",
    )
