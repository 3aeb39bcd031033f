"""Writes to accounts: atomic and audited. Passwords and their hashes never reach the log."""

from __future__ import annotations

import secrets
import string
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from houbei.accounts.models import User
from houbei.accounts.sessions import end_sessions
from houbei.accounts.signals import access_changed
from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.audit.services import diff

PROFILE_FIELDS = ("full_name", "role", "region", "department", "villages")
_ALPHABET = string.ascii_letters + string.digits + "-_.!@#%+="
_CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits, "-_.!@#%+=")


@transaction.atomic
def mark_password_changed(user: Any) -> None:
    User.objects.filter(pk=user.pk).update(
        password_changed_at=timezone.now(), must_change_password=False
    )
    record(user, "accounts.password.changed", user)


def generate_password(user: User | None = None, length: int = 16) -> str:
    """A one-time password that passes every configured rule."""
    while True:
        password = "".join(secrets.choice(_ALPHABET) for _ in range(length))
        if not all(any(ch in chars for ch in password) for chars in _CLASSES):
            continue
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password


def profile(user: User) -> dict[str, Any]:
    """What an account manager may see and change, for the audit diff."""
    return {
        "full_name": user.full_name,
        "role": user.role,
        "region": user.region_id,
        "department": user.department,
        "villages": sorted(v.pk for v in user.villages.all()) if user.pk else [],
    }


def _apply(user: User, fields: dict[str, Any]) -> None:
    for name in ("full_name", "role", "region", "department"):
        if name in fields:
            setattr(user, name, fields[name])


@transaction.atomic
def create_user(*, username: str, fields: dict[str, Any], actor: Actor) -> tuple[User, str]:
    """A new business account with a one-time password it must change at first login."""
    user = User(username=username, must_change_password=True)
    _apply(user, fields)
    password = generate_password(user)
    user.set_password(password)
    user.save()
    user.villages.set(fields.get("villages") or [])
    record(actor, "accounts.user.created", user, diff({}, profile(user)))
    return user, password


@transaction.atomic
def update_user(user: User, *, fields: dict[str, Any], actor: Actor) -> User:
    before = profile(user)
    _apply(user, fields)
    user.save(update_fields=["full_name", "role", "region", "department"])
    user.villages.set(fields.get("villages") or [])
    changes = diff(before, profile(user))
    if changes:
        record(actor, "accounts.user.updated", user, changes)
    if "role" in changes or "region" in changes:
        access_changed.send(User, user=user, reason="账号角色或地区已变更", actor=actor)
    return user


@transaction.atomic
def disable_user(user: User, *, actor: Actor) -> int:
    """Disables the account and ends every one of its sessions; returns how many ended."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = end_sessions(user)
    record(actor, "accounts.user.disabled", user, {"sessions_ended": ended})
    access_changed.send(User, user=user, reason="账号已停用", actor=actor)
    return ended


@transaction.atomic
def enable_user(user: User, *, actor: Actor) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
    record(actor, "accounts.user.enabled", user)


@transaction.atomic
def unlock_user(user: User, *, actor: Actor) -> int:
    """Clears the failed logins that locked the account out (django-axes)."""
    from axes.utils import reset

    cleared = int(reset(username=user.username))
    record(actor, "accounts.user.unlocked", user, {"attempts_cleared": cleared})
    return cleared


@transaction.atomic
def reset_password(user: User, *, actor: Actor) -> str:
    """A new one-time password; the user must change it and every session ends."""
    password = generate_password(user)
    user.set_password(password)
    user.must_change_password = True
    user.save()
    ended = end_sessions(user)
    record(actor, "accounts.password.reset", user, {"sessions_ended": ended})
    return password
