"""Sessions in the database, each tagged with its user (see UserSession)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> Any:
        from houbei.accounts.models import UserSession

        return UserSession

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        session: Any = super().create_model_instance(data)
        try:
            session.user_id = int(data[SESSION_KEY])
        except (KeyError, TypeError, ValueError):
            session.user_id = None
        return session


def end_sessions(user: Any) -> int:
    """Ends every session of the user (logout everywhere); returns how many there were."""
    from houbei.accounts.models import UserSession

    count, _ = UserSession.objects.filter(user_id=user.pk).delete()
    return count
