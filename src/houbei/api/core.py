"""What every operation shares: the token check, the scope and capability guard, pages."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Field, Path
from ninja.security import HttpBearer

from houbei.accounts.capabilities import Capability, has_capability
from houbei.api.errors import RateLimited
from houbei.api.models import ApiToken
from houbei.api.scopes import Scope
from houbei.api.tokens import count_request, find_live, per_minute
from houbei.lib.paging import keyset_page

M = TypeVar("M", bound=Model)
MAX_LIMIT = 100
MAX_ID = 2**53  # ids past this cannot exist (and would overflow the database's integers)
# An object's id in a path, a query or a body.
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class TokenAuth(HttpBearer):
    """`Authorization: Bearer hb_…`: the owner acts, through the same rules as on the pages."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = find_live(token)
        if found is None:
            return None
        if not count_request(found):
            raise RateLimited(f"请求过于频繁：每个令牌每分钟最多 {per_minute()} 次，请稍后再试。")
        request.user = found.user
        return found


def guard(request: HttpRequest, scope: Scope, *capabilities: Capability) -> None:
    """The token must carry `scope` and its owner hold every capability; else 403 (audited)."""
    token = request.auth  # type: ignore[attr-defined]
    if not isinstance(token, ApiToken) or scope not in token.scopes:
        raise PermissionDenied(f"令牌没有“{scope.label}”权限范围。")
    missing = [c for c in capabilities if not has_capability(request.user, c)]
    if missing:
        raise PermissionDenied(f"缺少权限：{', '.join(missing)}")


def require_valid(form: forms.Form) -> dict[str, Any]:
    """The page's own form validates the input; its Chinese errors become a 422 (errors.py)."""
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return dict(form.cleaned_data)


def page_of(
    queryset: QuerySet[M], *, keys: tuple[str, ...], cursor: str | None, limit: int
) -> dict[str, Any]:
    """One page by keyset (lib/paging.py): `next_cursor` is opaque, signed and encrypted."""
    page = keyset_page(queryset, keys=keys, token=cursor, size=max(1, min(limit, MAX_LIMIT)))
    return {"items": page.items, "next_cursor": page.next_token}
