"""The user as views and querysets see it: signed in or anonymous."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from houbei.accounts.models import User

    Actor: TypeAlias = "User | AnonymousUser"
else:
    Actor = object
