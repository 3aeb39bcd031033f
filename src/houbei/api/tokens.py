"""Creating, revoking and checking API tokens: atomic and audited; the secret is never stored.

A token is `hb_` and 43 random URL-safe characters (256 bits); the database keeps its SHA-256
(a slow hash adds nothing to a secret this long) and its first characters, to tell tokens apart
on the list page. The token's role is kept too: a token whose owner's role has changed since is
dead even before the revocation below (docs/security.md item 10).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from houbei.accounts.types import Actor, signed_in_user
from houbei.api.models import ApiToken
from houbei.api.scopes import Scope, scopes_for
from houbei.audit import record

PREFIX = "hb_"
EXPIRY_DAYS = (7, 30, 90, 180)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(*, name: str, scopes: list[str], days: int, actor: Actor) -> tuple[ApiToken, str]:
    """A new token of the acting user; returns it with its secret (shown once, never kept)."""
    user = signed_in_user(actor)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "请填写令牌名称。"})
    if not scopes:
        raise ValidationError({"scopes": "请至少选择一项权限范围。"})
    refused = [s for s in scopes if s not in scopes_for(user)]
    if refused:
        labels = "、".join(Scope(s).label if s in Scope.values else s for s in refused)
        raise PermissionDenied(f"您的角色不能创建含以下权限范围的令牌：{labels}")
    if days not in EXPIRY_DAYS:
        raise ValidationError({"days": "有效期只能选择 7、30、90 或 180 天。"})
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:8],
        digest=digest(secret),
        scopes=sorted(set(scopes), key=Scope.values.index),
        role=user.role,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    changes = {"name": name, "scopes": token.scopes, "expires_at": token.expires_at}
    record(actor, "api.token.created", token, changes)
    return token, secret


@transaction.atomic
def revoke_token(token: ApiToken, *, reason: str, actor: Actor | None) -> bool:
    """Revokes one token; False when it was revoked already."""
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason[:100]
    )
    if updated:
        record(actor, "api.token.revoked", token, {"reason": reason})
    return bool(updated)


@transaction.atomic
def revoke_all(user: Any, *, reason: str, actor: Actor | None) -> int:
    """Revokes every token of `user` not yet revoked; returns how many."""
    count = ApiToken.objects.filter(user_id=user.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason[:100]
    )
    if count:
        record(actor, "api.token.revoked", user, {"reason": reason, "tokens": count})
    return count


def on_access_changed(sender: Any, *, user: Any, reason: str, actor: Any, **kwargs: Any) -> None:
    """accounts.signals.access_changed: the account was disabled or its role or region changed."""
    revoke_all(user, reason=reason, actor=actor)


def per_minute() -> int:
    return int(getattr(settings, "API_RATE_PER_MINUTE", 120))


def find_live(secret: str) -> ApiToken | None:
    """The live token with this secret, its owner active and in the same role; else None."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest(secret)).first()
    if token is None or not token.is_live:
        return None
    user = token.user
    if not user.is_active or user.role != token.role:
        return None
    return token


def count_request(token: ApiToken) -> bool:
    """Counts one request against the token's minute; False when the limit is reached."""
    now = timezone.now()
    minute = now.replace(second=0, microsecond=0)
    ApiToken.objects.filter(pk=token.pk).update(
        window_count=Case(When(window_start=minute, then=F("window_count") + 1), default=Value(1)),
        window_start=minute,
        last_used_at=now,
    )
    used = ApiToken.objects.filter(pk=token.pk).values_list("window_count", flat=True).first()
    return (used or 0) <= per_minute()
