"""The reserve roster download."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from django.views.decorators.http import require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.audit.ratelimit import rate_limited_export
from houbei.jobs.exports import offer
from houbei.lib import exports
from houbei.lib.replica import reads_from_replica
from houbei.reserves.exports import filename, write_roster


@requires(Capability.EXPORT_PEOPLE)
@require_safe
@reads_from_replica
@rate_limited_export("reserves.roster.exported")
def roster_export(request: HttpRequest) -> HttpResponseBase:
    large = offer(request, "roster")  # above EXPORT_INLINE_MAX_ROWS: offered as a job
    if large is not None:
        return large
    file = exports.temporary()
    write_roster(file, actor=request.user, filters=request.GET, today=timezone.localdate())
    return exports.download(file, filename(timezone.localdate()))
