"""Account pages: business accounts, no personal data.

The system administrator sees the accounts and may stop one; only the security administrator
creates accounts, grants roles and regions, resets passwords and unlocks (三员分立,
docs/decisions/0016-trust.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from houbei.accounts import services
from houbei.accounts.capabilities import Capability, Role, has_capability
from houbei.accounts.decorators import requires
from houbei.accounts.departments import known_department, review_departments
from houbei.accounts.forms import UserCreateForm, UserForm, UserSearchForm, initial_for
from houbei.accounts.models import User
from houbei.lib.paging import keyset_page

GET_POST = require_http_methods(["GET", "POST"])


def _manageable(request: HttpRequest, pk: int) -> User:
    return get_object_or_404(
        User.objects.manageable_by(request.user).select_related("region"), pk=pk
    )


def locked_usernames(usernames: list[str]) -> set[str]:
    """Which of these accounts django-axes locks out now (failures summed over addresses)."""
    from axes.helpers import get_cool_off
    from axes.models import AccessAttempt

    attempts = AccessAttempt.objects.filter(username__in=usernames)
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    totals = attempts.values("username").annotate(failures=Sum("failures_since_start"))
    limit = settings.AXES_FAILURE_LIMIT
    return {row["username"] for row in totals if (row["failures"] or 0) >= limit}


@requires(Capability.MANAGE_USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserSearchForm(request.GET)
    users = User.objects.manageable_by(request.user).select_related("region")
    if form.is_valid():
        text = form.cleaned_data["q"].strip()
        if text:
            users = users.filter(Q(username__icontains=text) | Q(full_name__contains=text))
        if form.cleaned_data["role"]:
            users = users.filter(role=form.cleaned_data["role"])
    page = keyset_page(users, keys=("username", "id"), token=request.GET.get("after"))
    locked = locked_usernames([u.username for u in page.items])
    context = {"page": page, "form": form, "locked": locked, "filters": request.GET}
    return render(request, "accounts/user_list.html", context)


@requires(Capability.MANAGE_USERS, Capability.GRANT_ACCESS)
@GET_POST
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        user, password = services.create_user(
            username=data.pop("username"), fields=data, actor=request.user
        )
        return _password_issued(request, user, password, created=True)
    return render(request, "accounts/user_form.html", {"form": form, "account": None})


@requires(Capability.MANAGE_USERS)
@GET_POST
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = _manageable(request, pk)
    can_grant = has_capability(request.user, Capability.GRANT_ACCESS)
    if request.method == "POST" and not can_grant:
        raise PermissionDenied("缺少权限：grant_access")
    initial = initial_for(account)
    form = UserForm(request.POST or None, initial=initial, actor=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_user(account, fields=form.cleaned_data, actor=request.user)
        messages.success(request, "账号信息已保存。")
        return redirect("accounts:user_edit", pk=account.pk)
    context = {
        "form": form,
        "account": account,
        "locked": account.username in locked_usernames([account.username]),
        "can_grant": can_grant,
        "department": _department(account),
    }
    return render(request, "accounts/user_form.html", context)


@requires(Capability.MANAGE_USERS)
@require_POST
def user_disable(request: HttpRequest, pk: int) -> HttpResponse:
    ended = services.disable_user(_manageable(request, pk), actor=request.user)
    messages.success(request, f"账号已停用，已结束其 {ended} 个会话。")
    return redirect("accounts:user_edit", pk=pk)


@requires(Capability.MANAGE_USERS)
@require_POST
def user_enable(request: HttpRequest, pk: int) -> HttpResponse:
    services.enable_user(_manageable(request, pk), actor=request.user)
    messages.success(request, "账号已启用。")
    return redirect("accounts:user_edit", pk=pk)


@requires(Capability.MANAGE_USERS, Capability.UNLOCK_ACCOUNTS)
@require_POST
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    services.unlock_user(_manageable(request, pk), actor=request.user)
    messages.success(request, "账号已解锁。")
    return redirect("accounts:user_edit", pk=pk)


@requires(Capability.MANAGE_USERS, Capability.GRANT_ACCESS)
@require_POST
def user_password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    account = _manageable(request, pk)
    password = services.reset_password(account, actor=request.user)
    return _password_issued(request, account, password, created=False)


def _department(account: User) -> dict[str, Any] | None:
    """A reviewer's department as the round's rules name it; flagged when the list lacks it
    (the account's queue is then empty)."""
    if account.role != Role.REVIEWER:
        return None
    listed = review_departments(account.region)
    code = known_department(account.department, listed)
    names = dict(listed)
    return {
        "stored": account.department,
        "name": names[code] if code else account.department,
        "known": code is not None,
    }


def _password_issued(
    request: HttpRequest, user: User, password: str, created: bool
) -> HttpResponse:
    """Shown once, in the answer to the POST: never in a URL, a message cookie or a log."""
    context = {"account": user, "password": password, "created": created}
    return render(request, "accounts/password_issued.html", context)
