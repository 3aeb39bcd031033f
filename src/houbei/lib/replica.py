"""Reading from a replica: dashboards and exports may read from a PostgreSQL read replica.

See docs/scaling.md §3. A deployment that sets DATABASE_REPLICA_URL gets a second database
alias (settings.READ_REPLICA, "replica"); views marked with `reads_from_replica` (the
dashboards and the downloads) send their reads there, everything else reads and writes the
primary. A replica lags the primary by a moment, so only pages where a figure a second old is
as good as a fresh one are marked, never a page that follows a write.

Reads stay on the primary, even inside a marked view, when:
- the model belongs to an app whose rows decide who may do what or record what was done
  (sessions, accounts, lockouts, the audit trail, background jobs): a disabled account must be
  refused at once, and a rate limit must count the latest downloads;
- the primary has an open transaction (a read inside a write must see the write).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, StreamingHttpResponse

# Apps whose reads always go to the primary.
PRIMARY_ONLY_APPS = frozenset(
    {"sessions", "auth", "contenttypes", "accounts", "axes", "audit", "django_tasks_database"}
)

_reading_from_replica: ContextVar[bool] = ContextVar("houbei_reading_from_replica", default=False)


def replica_alias() -> str | None:
    """The replica's alias when one is configured, else None."""
    alias = getattr(settings, "READ_REPLICA", "") or None
    if alias is None or alias not in connections.settings:
        return None
    return alias


class ReplicaRouter:
    """Sends reads of a marked view to the replica; every write and every other read to the
    primary. Registered in settings.DATABASE_ROUTERS."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if not _reading_from_replica.get():
            return None
        alias = replica_alias()
        if alias is None or model._meta.app_label in PRIMARY_ONLY_APPS:
            return None
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None
        return alias

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # The replica is a copy of the primary: rows of both are the same rows.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        # A real replica is copied by PostgreSQL and never migrated by `migrate`, which runs on
        # the default alias; the test replica is a separate database that needs the schema.
        return True


@contextlib.contextmanager
def reading_from_replica() -> Iterator[None]:
    """Within the block, reads go to the replica (when configured), as in a marked view."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def _streamed(content: Iterable[Any]) -> Iterator[Any]:
    # A streamed body is produced after the view returned: its reads are the view's reads.
    with reading_from_replica():
        yield from content


def reads_from_replica(view: Callable[..., Any]) -> Callable[..., Any]:
    """A view decorator: the view's reads (and those of a streamed body) go to the replica."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with reading_from_replica():
            response = view(request, *args, **kwargs)
        if isinstance(response, StreamingHttpResponse) and replica_alias() is not None:
            content = response.streaming_content
            if isinstance(content, Iterator):  # houbei's views are synchronous
                response.streaming_content = _streamed(content)
        return response

    return wrapped
