"""An observation meeting (观摩座谈): each placed candidate's rating and comments by the panel."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.cultivation import services
from houbei.cultivation.models import MeetingRating, ObservationMeeting, Placement
from houbei.cultivation.rules import cultivation_rules
from houbei.reserves.views.common import form_errors, run_service
from houbei.rounds.services import current_rules


class PanelForm(forms.Form):
    """A rating (on the round's scale) and comments per placement; blank rows are left out."""

    def __init__(self, *args: Any, placements: list[Placement], scale: tuple[str, ...], **kw: Any):
        super().__init__(*args, **kw)
        self.placements = placements
        choices = [("", "—"), *((s, s) for s in scale)]
        for p in placements:
            self.fields[f"rating-{p.pk}"] = forms.ChoiceField(
                label=str(p.trainee.person), choices=choices, required=False
            )
            self.fields[f"comments-{p.pk}"] = forms.CharField(
                label="评语", required=False, max_length=500
            )

    def ratings(self) -> list[tuple[Placement, str, str]]:
        data = self.cleaned_data
        return [
            (p, data[f"rating-{p.pk}"], data.get(f"comments-{p.pk}", ""))
            for p in self.placements
            if data.get(f"rating-{p.pk}")
        ]


def _save(meeting: ObservationMeeting, rows: list[tuple[Placement, str, str]], actor: Any) -> None:
    for placement, rating, comments in rows:
        services.rate_at_meeting(
            meeting=meeting, placement=placement, rating=rating, comments=comments, actor=actor
        )


@requires(Capability.MANAGE_CANDIDATES)
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        ObservationMeeting.objects.visible_to(request.user).select_related(
            "plan", "plan__election_round"
        ),
        pk=pk,
    )
    scale = cultivation_rules(current_rules(meeting.plan.election_round)).mentor_scale
    placements = list(
        Placement.objects.visible_to(request.user)
        .filter(trainee__plan=meeting.plan)
        .select_related("trainee__person", "village")
        .order_by("village__code", "pk")
    )
    given = {r.placement_id: r for r in MeetingRating.objects.filter(meeting=meeting)}
    initial = {f"rating-{k}": r.rating for k, r in given.items()}
    initial |= {f"comments-{k}": r.comments for k, r in given.items()}
    form = PanelForm(request.POST or None, placements=placements, scale=scale, initial=initial)
    back = reverse("cultivation:meeting_detail", args=[meeting.pk])
    if request.method == "POST":
        if not form.is_valid():
            form_errors(request, form)
            return redirect(back)
        rows = form.ratings()
        return run_service(
            request, lambda: _save(meeting, rows, request.user), done="已保存评价", back=back
        )
    fields = [(p, form[f"rating-{p.pk}"], form[f"comments-{p.pk}"]) for p in placements]
    context = {"meeting": meeting, "fields": fields}
    return render(request, "cultivation/meeting_detail.html", context)
