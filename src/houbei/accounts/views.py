from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.decorators import authenticated, public
from houbei.accounts.forms import LoginForm
from houbei.accounts.middleware import password_expired
from houbei.accounts.services import mark_password_changed

login = public(
    auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=LoginForm,
        redirect_authenticated_user=True,
    )
)


@authenticated
@require_POST
def logout(request: HttpRequest) -> HttpResponseBase:
    return auth_views.LogoutView.as_view()(request)


class _PasswordChange(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        mark_password_changed(self.request.user)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["first_login"] = getattr(user, "must_change_password", False)
        context["expired"] = password_expired(user)
        return context


password_change = authenticated(_PasswordChange.as_view())

_LANDING = [
    (Capability.VIEW_DASHBOARD, "regions:village_list"),
    (Capability.REVIEW_CANDIDATES, "home_tasks"),
    (Capability.VIEW_AUDIT, "audit:entry_list"),
    (Capability.MANAGE_USERS, "accounts:user_list"),
]


@authenticated
def home(request: HttpRequest) -> HttpResponse:
    """Lands each user in their own scope."""
    for capability, url_name in _LANDING:
        if has_capability(request.user, capability):
            return redirect(url_name)
    return redirect("home_tasks")


@authenticated
def home_tasks(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form came back without its token (expired page, or another site posting)."""
    return render(request, "accounts/csrf_failure.html", status=403)
