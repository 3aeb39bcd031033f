"""Downloads: the risk table and the problem list as Excel, each download audited."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from django.views.decorators.http import require_GET

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.audit.ratelimit import rate_limited_export
from houbei.jobs.exports import offer
from houbei.lib import exports
from houbei.lib.replica import reads_from_replica
from houbei.risk.exports import write_problems, write_risk_table


@requires(Capability.VIEW_DASHBOARD)
@require_GET
@reads_from_replica
@rate_limited_export("risk.export.downloaded")
def export_risk(request: HttpRequest) -> HttpResponseBase:
    large = offer(request, "risk_table")  # above EXPORT_INLINE_MAX_ROWS: offered as a job
    if large is not None:
        return large
    today = timezone.localdate()
    file = exports.temporary()
    write_risk_table(file, actor=request.user, today=today)
    return exports.download(file, f"选情研判表-{today:%Y%m%d}.xlsx")


@requires(Capability.VIEW_DASHBOARD)
@require_GET
@reads_from_replica
@rate_limited_export("risk.export.downloaded")
def export_problems(request: HttpRequest) -> HttpResponseBase:
    large = offer(request, "problems")  # above EXPORT_INLINE_MAX_ROWS: offered as a job
    if large is not None:
        return large
    today = timezone.localdate()
    file = exports.temporary()
    write_problems(file, actor=request.user, today=today)
    return exports.download(file, f"问题清单-{today:%Y%m%d}.xlsx")
