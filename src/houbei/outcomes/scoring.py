"""The components of a candidate's scored evaluation, each normalised to 100, read from the
cultivation records (docs/domain.md §6.12): hours attended against the hours required, the best
passing test score against the full mark, and the mentor's and the panel's ratings placed on
their scale (best 100, worst 0)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from houbei.cultivation.models import ExamResult, MeetingRating, MentorRating, Trainee
from houbei.cultivation.queries import ledgers
from houbei.cultivation.rules import CultivationRules
from houbei.reserves.models import Candidate

HUNDRED = Decimal(100)
STEP = Decimal("0.1")


def _capped(value: Decimal) -> Decimal:
    return min(HUNDRED, max(Decimal(0), value)).quantize(STEP, rounding=ROUND_HALF_UP)


def scale_points(ratings: Iterable[str], scale: tuple[str, ...]) -> Decimal:
    """The mean of the ratings on the scale, best = 100, worst = 0 (ratings off the scale are
    left out); 0 when there is none."""
    steps = len(scale) - 1
    points = [Decimal(steps - scale.index(r)) * HUNDRED / steps for r in ratings if r in scale]
    if not points or steps <= 0:
        return Decimal(0)
    return _capped(sum(points, Decimal(0)) / len(points))


def components(candidate: Candidate, rules: CultivationRules) -> dict[str, Decimal]:
    """Component → value out of 100 (0 where nothing is recorded)."""
    trainee = Trainee.objects.filter(candidate=candidate).select_related("plan").first()
    if trainee is None:
        return dict.fromkeys(("attendance", "exam", "mentor", "meeting"), Decimal(0))
    ledger = ledgers(trainee.plan, [trainee.pk], rules)[trainee.pk]
    exams = ExamResult.objects.valid().filter(trainee=trainee, passed=True)
    best = exams.order_by("-score").first()
    mentor = MentorRating.objects.valid().filter(placement__candidate=candidate)
    meeting = MeetingRating.objects.filter(placement__candidate=candidate)
    return {
        "attendance": _capped(ledger.attended * HUNDRED / max(rules.required_hours, 1)),
        "exam": _capped(best.score * HUNDRED / rules.max_score) if best else Decimal(0),
        "mentor": scale_points(mentor.values_list("rating", flat=True), rules.mentor_scale),
        "meeting": scale_points(meeting.values_list("rating", flat=True), rules.mentor_scale),
    }
