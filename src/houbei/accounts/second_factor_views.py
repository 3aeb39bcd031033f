"""The second-factor page: enrol an authenticator app, or enter its current code."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from houbei.accounts import second_factor, totp
from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import authenticated, requires
from houbei.accounts.models import User
from houbei.lib import crypto

PENDING = "houbei_second_factor_pending"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="动态口令",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _pending_key(request: HttpRequest) -> str:
    """The key being enrolled, kept encrypted in the session until it is confirmed."""
    if PENDING not in request.session:
        request.session[PENDING] = crypto.encrypt(totp.new_key())
    return crypto.decrypt(request.session[PENDING])


def _failed(request: HttpRequest, user: User, *, stage: str) -> HttpResponse | None:
    """A wrong code counts against the account (not the session); the last one allowed locks
    the account and ends this session."""
    if not second_factor.failed(user, stage=stage):
        return None
    logout(request)
    messages.error(request, "动态口令错误次数过多，账号已锁定，请稍后再试或联系管理员解锁。")
    return redirect("accounts:login")


@authenticated
@require_http_methods(["GET", "POST"])
def second_factor_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    enrolling = not user.has_second_factor
    key = _pending_key(request) if enrolling else ""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        done = (
            second_factor.enrol(user, key=key, code=code)
            if enrolling
            else second_factor.verify(user, code=code)
        )
        if done:
            request.session.pop(PENDING, None)
            request.session[second_factor.VERIFIED] = True
            request.session.cycle_key()
            return redirect("home")
        form.add_error("code", "动态口令不正确或已使用过，请输入应用中显示的最新口令。")
        ended = _failed(request, user, stage="enrol" if enrolling else "login")
        if ended is not None:
            return ended
    context = {
        "form": form,
        "enrolling": enrolling,
        "key": key,
        "uri": totp.provisioning_uri(key, user.username) if key else "",
    }
    return render(request, "accounts/second_factor.html", context)


@requires(Capability.MANAGE_USERS, Capability.RESET_SECOND_FACTOR)
@require_POST
def user_second_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(User.objects.manageable_by(request.user), pk=pk)
    second_factor.reset(account, actor=request.user)
    messages.success(request, "已清除该账号的动态口令绑定，用户下次登录时须重新绑定。")
    return redirect("accounts:user_edit", pk=pk)
