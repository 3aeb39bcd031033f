"""A poll's page: the paper tally and its confirmation, the electronic poll's code slips and
its closing, and the results (refused until an electronic poll is closed)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.outcomes import services
from houbei.outcomes.forms import SlipsForm, TallyForm
from houbei.outcomes.models import Poll, PollStatus, PollWay
from houbei.outcomes.rules import SCALES, poll_rules
from houbei.outcomes.services.poll import ballots_cast
from houbei.outcomes.views.common import visible_poll
from houbei.reserves.views.common import error_messages, run_service, submit


def _released(poll: Poll) -> bool:
    """Counts are shown once the poll is closed and valid (an electronic poll that missed its
    quorum keeps them hidden; a paper tally is the officers' own entry)."""
    if poll.way == PollWay.PAPER:
        return poll.status != PollStatus.OPEN
    return poll.status == PollStatus.CLOSED and not poll.void


def _back(pk: int) -> str:
    return reverse("outcomes:poll", args=[pk])


@requires(Capability.MANAGE_CANDIDATES)
@require_safe
def poll(request: HttpRequest, pk: int) -> HttpResponse:
    found = visible_poll(request, pk)
    show = found.way == PollWay.PAPER or _released(found)
    context = {
        "poll": found,
        "rule": poll_rules(found.rule_set).describe(found.electorate),
        "options": list(zip(SCALES[found.scale], found.counts or [], strict=False)) if show else [],
        "tally_form": TallyForm(scale=found.scale),
        "slips_form": SlipsForm(),
        "cast": ballots_cast(found) if found.way == PollWay.ELECTRONIC else None,
        "vote_url": request.build_absolute_uri(reverse("outcomes:vote")) + f"?t={found.token}",
    }
    return render(request, "outcomes/poll.html", context)


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def tally(request: HttpRequest, pk: int) -> HttpResponse:
    found = visible_poll(request, pk)
    form = TallyForm(request.POST, scale=found.scale)
    return submit(
        request,
        form,
        lambda _: services.enter_tally(poll=found, actor=request.user, **form.tally()),
        done="已录入计票结果，请另一名工作人员复核",
        back=_back(found.pk),
    )


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    found = visible_poll(request, pk)
    call = lambda: services.confirm_tally(poll=found, actor=request.user)  # noqa: E731
    return run_service(request, call, done="已复核计票结果", back=_back(found.pk))


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    found = visible_poll(request, pk)
    call = lambda: services.close_poll(poll=found, actor=request.user)  # noqa: E731
    return run_service(request, call, done="电子测评已结束并计票", back=_back(found.pk))


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def slips(request: HttpRequest, pk: int) -> HttpResponse:
    """Issues the codes and shows them once, to be printed and cut into slips."""
    found = visible_poll(request, pk)
    form = SlipsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写发放张数")
        return redirect(_back(found.pk))
    try:
        codes = services.issue_poll_slips(poll=found, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        for text in error_messages(error):
            messages.error(request, text)
        return redirect(_back(found.pk))
    vote_url = request.build_absolute_uri(reverse("outcomes:vote")) + f"?t={found.token}"
    context = {"poll": found, "codes": codes, "vote_url": vote_url}
    return render(request, "outcomes/poll_slips.html", context)


@requires(Capability.MANAGE_CANDIDATES)
@require_safe
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """The counts per option: refused while the poll is not closed."""
    found = visible_poll(request, pk)
    if not _released(found):
        raise PermissionDenied("测评尚未结束或未达到规定人数，结果不予显示")
    options = list(zip(SCALES[found.scale], found.counts, strict=False))
    return render(request, "outcomes/poll_results.html", {"poll": found, "options": options})
