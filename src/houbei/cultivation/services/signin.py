"""Self sign-in with printed code slips: a class's codes, and redeeming one on the public page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from houbei.accounts.types import Actor
from houbei.cultivation import slips
from houbei.cultivation.models import AttendanceStatus, SignInWay, Trainee, TrainingSession
from houbei.cultivation.services.plan import Mark, mark_roster

SCOPE = "session:"
EARLY = dt.timedelta(minutes=30)  # codes work from half an hour before the class
GRACE = dt.timedelta(minutes=15)  # after the start, a sign-in is late


def window(session: TrainingSession) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(session.held_on, session.starts_at, tzinfo=zone)
    end = dt.datetime.combine(session.held_on, session.ends_at, tzinfo=zone)
    return start, end


def issue_session_slips(*, session: TrainingSession, actor: Actor) -> list[tuple[Trainee, str]]:
    """A code for every trainee of the plan (earlier unused codes of the class are replaced)."""
    trainees = list(
        Trainee.objects.filter(plan_id=session.plan_id)
        .exclude(candidate__stage="removed")
        .select_related("person", "village")
        .order_by("village__code", "person__name_pinyin", "id")
    )
    start, end = window(session)
    codes = slips.issue(
        scope=f"{SCOPE}{session.pk}",
        holders=[str(t.pk) for t in trainees],
        region=session.plan.town,
        valid_from=start - EARLY,
        valid_until=end,
        actor=actor,
    )
    return [(t, slips.shown(codes[str(t.pk)])) for t in trainees]


@dataclass(frozen=True)
class SignedIn:
    ok: bool
    message: str
    session: TrainingSession | None = None


def sign_in_with_code(
    *, code: str, address: str | None, now: dt.datetime | None = None
) -> SignedIn:
    """Redeems a slip and marks its holder present (late after the grace time).
    Raises slips.RateLimited when over a limit."""
    moment = now or timezone.now()
    found = slips.redeem(code=code, address=address, scope_prefix=SCOPE, now=moment)
    if found.slip is None:
        return SignedIn(False, found.message)
    session = TrainingSession.objects.select_related("plan").get(
        pk=int(found.slip.scope.removeprefix(SCOPE))
    )
    trainee = Trainee.objects.get(pk=int(found.slip.holder), plan_id=session.plan_id)
    late = moment > window(session)[0] + GRACE
    status = AttendanceStatus.LATE if late else AttendanceStatus.PRESENT
    mark_roster(session=session, marks=[Mark(trainee, status)], actor=None, way=SignInWay.SLIP)
    return SignedIn(True, f"签到成功：{session.held_on:%m月%d日} {session.topic}", session)
