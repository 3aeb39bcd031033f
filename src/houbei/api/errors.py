"""One error body for every failure: {"code": "...", "message": "中文"}, `fields` for bad input."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from houbei.audit import record


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] | None = None


class RateLimited(Exception):
    """The token used up its requests of this minute."""


# Every operation documents these answers (schemathesis checks each answer against them).
ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


def _body(
    api: NinjaAPI, request: HttpRequest, status: int, code: str, message: str, **extra: Any
) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


def _field_name(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "请求"


def install(api: NinjaAPI) -> None:
    """Registers the handlers on `api`."""

    @api.exception_handler(AuthenticationError)
    def unauthorised(request: HttpRequest, exc: Exception) -> HttpResponse:
        message = "令牌无效、已过期或已撤销，请在“访问令牌”页面重新创建。"
        return _body(api, request, 401, "unauthorized", message)

    @api.exception_handler(RateLimited)
    def limited(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _body(api, request, 429, "rate_limited", str(exc))

    @api.exception_handler(PermissionDenied)
    def denied(request: HttpRequest, exc: Exception) -> HttpResponse:
        record(
            request.user,
            "accounts.permission.denied",
            None,
            {"path": request.path, "method": request.method},
            outcome="denied",
        )
        return _body(api, request, 403, "forbidden", str(exc) or "没有权限。")

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _body(api, request, 404, "not_found", "对象不存在，或不在您的管辖范围内。")

    @api.exception_handler(NinjaValidationError)
    def invalid(request: HttpRequest, exc: Exception) -> HttpResponse:
        assert isinstance(exc, NinjaValidationError)
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            text = "缺少此项。" if error.get("type") == "missing" else "格式不正确。"
            fields.setdefault(_field_name(error.get("loc", ())), []).append(text)
        names = "、".join(fields)
        message = f"请求有误，请检查：{names}。"
        return _body(api, request, 422, "invalid", message, fields=fields)

    @api.exception_handler(DjangoValidationError)
    def refused(request: HttpRequest, exc: Exception) -> HttpResponse:
        assert isinstance(exc, DjangoValidationError)
        if hasattr(exc, "error_dict"):
            fields = {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        else:
            fields = {"__all__": list(exc.messages)}
        message = "；".join(m for ms in fields.values() for m in ms)
        return _body(api, request, 422, "invalid", message, fields=fields)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        assert isinstance(exc, HttpError)
        code = {400: "bad_request", 405: "method_not_allowed", 409: "conflict"}
        return _body(api, request, exc.status_code, code.get(exc.status_code, "error"), exc.message)
