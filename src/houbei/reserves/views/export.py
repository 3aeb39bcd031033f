"""The reserve roster download."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from django.views.decorators.http import require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.audit.ratelimit import rate_limited_export
from houbei.lib.replica import reads_from_replica
from houbei.reserves.exports import export_roster
from houbei.reserves.forms.filters import CandidateFilterForm
from houbei.reserves.models import POOL_STAGES, Candidate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@requires(Capability.EXPORT_PEOPLE)
@require_safe
@reads_from_replica
@rate_limited_export("reserves.roster.exported")
def roster_export(request: HttpRequest) -> FileResponse:
    form = CandidateFilterForm(request.GET or None, user=request.user)
    visible = Candidate.objects.visible_to(request.user).filter(election_round__is_current=True)
    candidates = form.filter(visible)
    if not (form.is_valid() and form.cleaned_data.get("stage")):
        candidates = candidates.filter(stage__in=POOL_STAGES)
    region = getattr(request.user, "region", None)
    title = f"{region.name if region else ''}村级后备干部花名册（{timezone.localdate():%Y-%m-%d}）"
    handle = export_roster(
        candidates,
        title=title,
        filters={"query": form.querystring()},
        actor=request.user,
        region=region,
    )
    name = f"后备干部花名册-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX)
