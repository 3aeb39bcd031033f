from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from houbei.accounts.capabilities import capabilities_of


def capabilities(request: HttpRequest) -> dict[str, Any]:
    return {"caps": {str(c) for c in capabilities_of(getattr(request, "user", None))}}
