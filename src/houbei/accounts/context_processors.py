from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from houbei.accounts.capabilities import capabilities_of


def capabilities(request: HttpRequest) -> dict[str, Any]:
    """`caps`, the user's capabilities; `caps_key`, the same as one string: the key of the
    navigation bar's cached fragment (base.html), which depends on nothing else."""
    caps = {str(c) for c in capabilities_of(getattr(request, "user", None))}
    return {"caps": caps, "caps_key": ",".join(sorted(caps))}
