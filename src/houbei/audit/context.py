"""Who is asking, from where: set once per request, read by record()."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    ip: str | None


current: ContextVar[RequestContext | None] = ContextVar("houbei_request_context", default=None)
