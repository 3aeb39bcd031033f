"""The leader's approvals (审批): staff's removals and outlook confirmations waiting, decided one
by one; nothing on the form is pre-selected."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.lib.paging import keyset_page
from houbei.reserves import services
from houbei.reserves.forms.moves import ApprovalForm
from houbei.reserves.models import ApprovalKind, ApprovalRequest
from houbei.reserves.views.common import error_messages, form_errors

RELATED = ("village", "village__district", "person", "candidate", "requested_by", "decided_by")


@requires(Capability.DECIDE_CANDIDATES)
@require_safe
def approval_list(request: HttpRequest) -> HttpResponse:
    visible = ApprovalRequest.objects.visible_to(request.user).select_related(*RELATED)
    kind = request.GET.get("kind", "")
    if kind in ApprovalKind.values:
        visible = visible.filter(kind=kind)
    pending = visible.pending()
    page = keyset_page(pending, keys=("requested_at", "id"), token=request.GET.get("after"))
    context = {
        "page": page,
        "pending_count": pending.count(),
        "decided": list(visible.exclude(status="pending").order_by("-decided_at", "-id")[:20]),
        "kind": kind,
        "kinds": ApprovalKind.choices,
        "form": ApprovalForm(),
    }
    return render(request, "reserves/approval_list.html", context)


@requires(Capability.DECIDE_CANDIDATES)
@require_POST
def approval_decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(ApprovalRequest.objects.visible_to(request.user), pk=pk)
    back = reverse("reserves:approval_list")
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect(back)
    try:
        services.decide_approval(found, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        for text in error_messages(error):
            messages.error(request, f"{found.summary}：{text}")
    else:
        done = "已批准并生效" if form.cleaned_data["approve"] else "已记录不批准"
        messages.success(request, f"{found.summary}：{done}")
    return redirect(back)
