"""The election's result imported from a spreadsheet: the template, upload → preview (nothing
written), confirm (every village in one transaction). Same capabilities as the election page."""

from __future__ import annotations

import operator

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from xlsxwriter.worksheet import Worksheet

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.lib import exports
from houbei.outcomes.election_import import EXAMPLE, HEADERS, POSTS, check_file, import_file
from houbei.outcomes.forms import ElectionImportConfirmForm, ElectionImportForm
from houbei.people.importer import staging
from houbei.regions.models import Region

SESSION_KEY = "election_import"
TEMPLATE = "outcomes/election_import.html"


def _villages(request: HttpRequest) -> QuerySet[Region]:
    return Region.objects.visible_to(request.user).villages()


def _post_menu(sheet: Worksheet, _rows: int) -> None:
    sheet.data_validation(1, 2, 2000, 2, {"validate": "list", "source": list(POSTS)})


TEMPLATE_SHEET: exports.Sheet[tuple[str, ...]] = exports.Sheet(
    "换届结果",
    [
        exports.Column(header, operator.itemgetter(index), 22 if index == 4 else 14, "@")
        for index, header in enumerate(HEADERS.values())
    ],
    finish=_post_menu,
)


@requires(Capability.MANAGE_CANDIDATES, Capability.EDIT_POSTS)
@require_http_methods(["GET"])
def election_import_template(request: HttpRequest) -> HttpResponseBase:
    """The template: the headers, one example row, the posts as a menu, every column text."""
    file = exports.temporary()
    exports.write_xlsx(file, TEMPLATE_SHEET, [tuple(EXAMPLE)])
    return exports.download(file, "换届结果导入模板.xlsx")


@requires(Capability.MANAGE_CANDIDATES, Capability.EDIT_POSTS)
@require_http_methods(["GET", "POST"])
def election_import(request: HttpRequest) -> HttpResponse:
    """Upload, then the preview of every village (nothing written yet)."""
    form = ElectionImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, TEMPLATE, {"form": form, "posts": list(POSTS)})
    upload = form.cleaned_data["file"]
    token = staging.stage(upload)
    source = staging.open_staged(token)
    assert source is not None
    plan = check_file(source.read(), villages=_villages(request))
    if plan.ok:
        request.session[SESSION_KEY] = token
    else:
        staging.discard(token)
    return render(request, TEMPLATE, {"form": form, "plan": plan, "token": token})


@requires(Capability.MANAGE_CANDIDATES, Capability.EDIT_POSTS)
@require_POST
def election_import_confirm(request: HttpRequest) -> HttpResponse:
    """Every village's result entered in one transaction, or none."""
    form = ElectionImportConfirmForm(request.POST)
    token = str(request.session.get(SESSION_KEY) or "")
    source = None
    if form.is_valid() and token and form.cleaned_data["token"] == token:
        source = staging.open_staged(token)
    if source is None:
        messages.error(request, "没有待导入的文件（可能已导入或已过期），请重新上传")
        return redirect("outcomes:election_import")
    plan = import_file(
        source.read(),
        villages=_villages(request),
        actor=request.user,
        region=getattr(request.user, "region", None),
    )
    if not plan.written:
        context = {"form": ElectionImportForm(), "plan": plan, "posts": list(POSTS)}
        return render(request, TEMPLATE, context, status=400)
    staging.discard(token)
    del request.session[SESSION_KEY]
    messages.success(request, f"已导入{len(plan.villages)}个村的换届结果，共{plan.people}人")
    return redirect("outcomes:board")
