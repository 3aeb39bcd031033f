"""The second factor (TOTP): who needs it, enrolment, verification with replay refused."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from houbei.accounts import totp
from houbei.accounts.models import User
from houbei.accounts.sessions import end_sessions
from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.lib import crypto

VERIFIED = "houbei_second_factor"  # session key: this session passed the second factor
FAILED = "accounts.user.second_factor_failed"
LOCKED = "accounts.user.second_factor_locked"
# Events after which an account's count of wrong codes starts again.
_FRESH_START = (
    "accounts.user.second_factor_passed",
    "accounts.user.second_factor_enrolled",
    "accounts.user.second_factor_reset",
    "accounts.user.unlocked",
    LOCKED,
)


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


def max_failures() -> int:
    """Wrong codes allowed per account, as many as wrong passwords."""
    return int(settings.AXES_FAILURE_LIMIT)


def recent_failures(user: User) -> int:
    """The account's wrong codes (in any session) since it last passed, enrolled, was unlocked
    or reset, within the lockout's cool-off: the audit log is the counter."""
    from axes.helpers import get_cool_off

    from houbei.audit.models import AuditEntry

    mine = AuditEntry.objects.for_object(user)
    fresh = mine.filter(action__in=_FRESH_START).order_by("-id").values_list("id", flat=True)
    failures = mine.filter(action=FAILED, id__gt=fresh.first() or 0)
    cool_off = get_cool_off()
    if cool_off is not None:
        failures = failures.filter(at__gte=timezone.now() - cool_off)
    return failures.count()


def _lock(user: User, failures: int) -> None:
    """Locks the account as wrong passwords do (django-axes' record, by username), ends its
    sessions, and leaves an alert in the audit log."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.update_or_create(
        username=user.username,
        ip_address=None,
        user_agent="second-factor",
        defaults={
            "failures_since_start": settings.AXES_FAILURE_LIMIT,
            "attempt_time": timezone.now(),
            "http_accept": "",
            "path_info": "",
            "get_data": "",
            "post_data": "",
        },
    )
    ended = end_sessions(user)
    changes = {
        "failures": failures,
        "sessions_ended": ended,
        "alert": "动态口令连续错误，账号已锁定",
    }
    record(user, LOCKED, user, changes, outcome="denied")


@transaction.atomic
def failed(user: User, *, stage: str) -> bool:
    """Records a wrong code; True when it locked the account (the caller ends the session)."""
    record(user, FAILED, user, {"stage": stage}, outcome="failed")
    failures = recent_failures(user)
    if failures < max_failures():
        return False
    _lock(user, failures)
    return True


@transaction.atomic
def enrol(user: User, *, key: str, code: str) -> bool:
    """Stores the new key once the user proves their app holds it."""
    if totp.matching_step(key, code) is None:
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
    return False


@transaction.atomic
def reset(user: User, *, actor: Actor) -> None:
    """Forgets the key (a lost phone): the user enrols again at next login; sessions end."""
    User.objects.filter(pk=user.pk).update(totp_key_encrypted="", totp_last_step=None)
    ended = end_sessions(user)
    record(actor, "accounts.user.second_factor_reset", user, {"sessions_ended": ended})
