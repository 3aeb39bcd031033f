"""The user as views and querysets see it: signed in or anonymous."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from houbei.accounts.models import User

    Actor: TypeAlias = "User | AnonymousUser"
else:
    Actor = object


def acting_user(actor: Actor | None) -> User | None:
    """The signed-in user behind an action, or None for the system (commands, the demo) and for
    anyone not signed in: what a "by whom" foreign key records."""
    from houbei.accounts.models import User

    return actor if isinstance(actor, User) and actor.pk is not None else None


def signed_in_user(actor: Actor | None) -> User:
    """The signed-in user an action needs (a decision, a request); PermissionDenied otherwise."""
    user = acting_user(actor)
    if user is None:
        raise PermissionDenied("请先登录。")
    return user
