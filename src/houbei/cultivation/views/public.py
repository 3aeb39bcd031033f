"""The public sign-in page: a trainee types the code on their printed slip. One answer for every
refusal, so the page never tells who or which codes exist."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from houbei.accounts.decorators import public
from houbei.audit.middleware import client_ip
from houbei.cultivation import services, slips
from houbei.cultivation.forms import SignInForm


@public
@require_http_methods(["GET", "POST"])
def signin(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    message, ok, status = "", False, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                done = services.sign_in_with_code(
                    code=form.cleaned_data["code"], address=client_ip(request)
                )
            except slips.RateLimited as error:
                message, status = str(error), 429
            else:
                message, ok = done.message, done.ok
                status = 200 if ok else 400
        else:
            message, status = slips.REFUSED, 400
        form = SignInForm() if ok else form
    context = {"form": form, "message": message, "ok": ok}
    return render(request, "cultivation/signin.html", context, status=status)
