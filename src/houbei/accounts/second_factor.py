"""The second factor (TOTP): who needs it, enrolment, verification with replay refused."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction

from houbei.accounts import totp
from houbei.accounts.models import User
from houbei.accounts.sessions import end_sessions
from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.lib import crypto

VERIFIED = "houbei_second_factor"  # session key: this session passed the second factor
FAILURES = "houbei_second_factor_failures"
MAX_FAILURES = 5


def required_for(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(settings, "MFA_REQUIRED_FOR_ALL", False) or getattr(
        user, "has_second_factor", False
    ):
        return True
    return str(getattr(user, "role", "")) in set(getattr(settings, "MFA_REQUIRED_ROLES", []))


def _accept(user: User, key: str, code: str) -> bool:
    """True once per code: the step is recorded, so the same code cannot be used again."""
    step = totp.matching_step(key, code)
    if step is None:
        return False
    newer = User.objects.filter(pk=user.pk).exclude(totp_last_step__gte=step)
    return newer.update(totp_last_step=step) == 1


@transaction.atomic
def enrol(user: User, *, key: str, code: str) -> bool:
    """Stores the new key once the user proves their app holds it."""
    if totp.matching_step(key, code) is None:
        record(
            user, "accounts.user.second_factor_failed", user, {"stage": "enrol"}, outcome="failed"
        )
        return False
    User.objects.filter(pk=user.pk).update(
        totp_key_encrypted=crypto.encrypt(key), totp_last_step=totp.matching_step(key, code)
    )
    record(user, "accounts.user.second_factor_enrolled", user)
    return True


@transaction.atomic
def verify(user: User, *, code: str) -> bool:
    if _accept(user, crypto.decrypt(user.totp_key_encrypted), code):
        record(user, "accounts.user.second_factor_passed", user)
        return True
    record(user, "accounts.user.second_factor_failed", user, {"stage": "login"}, outcome="failed")
    return False


@transaction.atomic
def reset(user: User, *, actor: Actor) -> None:
    """Forgets the key (a lost phone): the user enrols again at next login; sessions end."""
    User.objects.filter(pk=user.pk).update(totp_key_encrypted="", totp_last_step=None)
    ended = end_sessions(user)
    record(actor, "accounts.user.second_factor_reset", user, {"sessions_ended": ended})
