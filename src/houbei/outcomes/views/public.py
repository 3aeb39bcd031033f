"""The public ballot page of an electronic poll: the voter types the code on their slip and
chooses. One answer for every refused code; nothing about the voter is kept with the vote."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from houbei.accounts.decorators import public
from houbei.audit.middleware import client_ip
from houbei.cultivation import slips
from houbei.outcomes.forms import BallotForm
from houbei.outcomes.rules import SCALES
from houbei.outcomes.services import cast_ballot
from houbei.outcomes.services.poll import open_electronic

CLOSED = "测评未开始或已结束，请核对测评单上的网址"


@public
@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest) -> HttpResponse:
    token = (request.POST.get("t") or request.GET.get("t") or "")[:40]
    poll = open_electronic(token)
    if poll is None:
        return render(
            request, "outcomes/vote.html", {"message": CLOSED}, status=200 if not token else 404
        )
    options = SCALES[poll.scale]
    form = BallotForm(request.POST or None, options=options)
    message, ok, status = "", False, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                done = cast_ballot(
                    poll=poll,
                    code=form.cleaned_data["code"],
                    option=form.cleaned_data["option"],
                    address=client_ip(request),
                )
            except slips.RateLimited as error:
                message, status = str(error), 429
            else:
                message, ok = ("投票成功，感谢参与" if done.ok else "测评码无效或已使用"), done.ok
                status = 200 if ok else 400
        else:
            message, status = "请填写测评码并选择意见", 400
    context = {"poll": poll, "form": form, "token": token, "message": message, "ok": ok}
    return render(request, "outcomes/vote.html", context, status=status)
