"""访问令牌: a user's own API tokens, listed, created (shown once) and revoked."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from houbei.accounts.decorators import authenticated
from houbei.api import tokens
from houbei.api.forms import TokenForm
from houbei.api.models import ApiToken
from houbei.api.scopes import scopes_for

LIST_LIMIT = 100


@authenticated
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = tokens.create_token(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, "；".join(getattr(error, "messages", [str(error)])))
        else:
            # Shown on this answer only: never stored, never put in a message or the session.
            return render(request, "api/token_created.html", {"token": token, "secret": secret})
    mine = ApiToken.objects.owned_by(request.user).order_by("-created_at", "-id")[:LIST_LIMIT]
    context = {"form": form, "tokens": list(mine), "can_create": bool(scopes_for(request.user))}
    return render(request, "api/token_list.html", context)


@authenticated
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.owned_by(request.user), pk=pk)
    if tokens.revoke_token(token, reason="本人撤销", actor=request.user):
        messages.success(request, f"已撤销令牌：{token.name}")
    return redirect("tokens:token_list")
