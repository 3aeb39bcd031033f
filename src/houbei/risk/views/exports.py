"""Downloads: the risk table and the problem list as Excel, each download audited."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.audit.ratelimit import rate_limited_export
from houbei.lib.replica import reads_from_replica
from houbei.risk import exports
from houbei.risk.models import Problem
from houbei.risk.services.exports import record_export
from houbei.risk.views.common import scope_villages

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
    return response


@requires(Capability.VIEW_DASHBOARD)
@require_GET
@reads_from_replica
@rate_limited_export("risk.export.downloaded")
def export_risk(request: HttpRequest) -> HttpResponse:
    content, rows = exports.risk_table(scope_villages(request), timezone.localdate())
    record_export(actor=request.user, kind="risk_table", rows=rows)
    return _download(content, "risk")


@requires(Capability.VIEW_DASHBOARD)
@require_GET
@reads_from_replica
@rate_limited_export("risk.export.downloaded")
def export_problems(request: HttpRequest) -> HttpResponse:
    problems = Problem.objects.visible_to(request.user)
    content, rows = exports.problem_table(problems, timezone.localdate())
    record_export(actor=request.user, kind="problem_list", rows=rows)
    return _download(content, "problems")
