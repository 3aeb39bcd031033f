from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from houbei.accounts.models import User
from houbei.audit import record


@transaction.atomic
def mark_password_changed(user: Any) -> None:
    User.objects.filter(pk=user.pk).update(
        password_changed_at=timezone.now(), must_change_password=False
    )
    record(user, "accounts.password.changed", user)
