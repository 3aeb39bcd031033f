"""A class: its phone-width roster (签到), printed code slips, the attendance sheet."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.cultivation import services
from houbei.cultivation.board import visible_trainees
from houbei.cultivation.exports import write_attendance_sheet
from houbei.cultivation.forms import RosterForm, SheetForm
from houbei.cultivation.models import Attendance, Trainee, TrainingSession
from houbei.cultivation.views.common import visible_session
from houbei.lib import exports
from houbei.lib.replica import reads_from_replica
from houbei.reserves.views.common import form_errors, run_service


def _roster(
    request: HttpRequest, session: TrainingSession
) -> tuple[list[Trainee], dict[int, Attendance]]:
    trainees = list(
        visible_trainees(request.user, session.plan).exclude(candidate__stage="removed")
    )
    marks = {
        a.trainee_id: a for a in Attendance.objects.filter(session=session, trainee__in=trainees)
    }
    return trainees, marks


@requires(Capability.MANAGE_CANDIDATES)
def session_roster(request: HttpRequest, pk: int) -> HttpResponse:
    """One row per trainee, four big buttons (出勤 / 迟到 / 请假 / 缺勤), a reason for leave."""
    session = visible_session(request, pk)
    trainees, marks = _roster(request, session)
    initial = {f"status-{pk}": a.status for pk, a in marks.items()}
    initial |= {f"reason-{pk}": a.leave_reason for pk, a in marks.items()}
    form = RosterForm(request.POST or None, trainees=trainees, initial=initial)
    back = reverse("cultivation:session_roster", args=[session.pk])
    if request.method == "POST":
        if not form.is_valid():
            form_errors(request, form)
            return redirect(back)
        marks_in = [services.Mark(t, status, reason) for t, status, reason in form.marks()]
        return run_service(
            request,
            lambda: services.mark_roster(session=session, marks=marks_in, actor=request.user),
            done=f"已保存 {len(marks_in)} 人的签到",
            back=back,
        )
    rows = [(t, form[f"status-{t.pk}"], form[f"reason-{t.pk}"], marks.get(t.pk)) for t in trainees]
    context = {
        "session": session,
        "rows": rows,
        "form": form,
        "signed": len(marks),
        "sheet_form": SheetForm(),
    }
    return render(request, "cultivation/session_roster.html", context)


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def session_slips(request: HttpRequest, pk: int) -> HttpResponse:
    """Issues the class's code slips and shows them once, to print (only hashes are kept)."""
    session = visible_session(request, pk)
    slips = services.issue_session_slips(session=session, actor=request.user)
    response = render(
        request, "cultivation/session_slips.html", {"session": session, "slips": slips}
    )
    response["Cache-Control"] = "no-store"
    return response


@requires(Capability.EXPORT_PEOPLE)
@require_safe
@reads_from_replica
def session_export(request: HttpRequest, pk: int) -> FileResponse:
    session = visible_session(request, pk)
    trainees, marks = _roster(request, session)
    file = exports.temporary()
    write_attendance_sheet(
        file, actor=request.user, session=session, trainees=trainees, marks=marks
    )
    return exports.download(file, f"签到表-{session.held_on:%Y%m%d}.xlsx")


@requires(Capability.MANAGE_CANDIDATES)
@require_POST
def session_import(request: HttpRequest, pk: int) -> HttpResponse:
    """The paper sign-in sheet, typed into the exported attendance sheet, imported at once."""
    session = visible_session(request, pk)
    back = reverse("cultivation:session_roster", args=[session.pk])
    form = SheetForm(request.POST, request.FILES)
    if not form.is_valid():
        form_errors(request, form)
        return redirect(back)
    trainees, _ = _roster(request, session)
    upload = form.cleaned_data["sheet"]
    return run_service(
        request,
        lambda: services.import_attendance(
            session=session, source=upload, trainees=trainees, actor=request.user
        ),
        done="已导入签到表",
        back=back,
    )
