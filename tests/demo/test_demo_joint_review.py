"""A new candidate of the demo town goes from nomination to the pool using only the demo
accounts and the pages: the town staff nominate and record each step, the demo reviewer answers
for 公安, and the town enters the other departments' answers from their joint review meeting
(联审会) on their behalf."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.lib.idnumber import make_id_number
from houbei.regions.models import Level, Region
from houbei.reserves.models import Candidate, JointReview, ReviewAnswer, Stage

pytestmark = pytest.mark.django_db


def _day(days_ago: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=days_ago)).isoformat()


def _post(client: Client, url: str, data: dict[str, Any]) -> Any:
    response = client.post(url, data, follow=True)
    texts = [str(m) for m in response.context["messages"]] if response.context else []
    assert response.status_code == 200, url
    return texts


def _nominate(client: Client, village: Region) -> Candidate:
    number = make_id_number("410782", dt.date(1990, 4, 1), 777)
    response = client.post(
        "/reserves/candidates/new/",
        {
            "mode": "new",
            "new-name": "韩新苗",
            "new-id_number": number,
            "new-ethnicity": "01",
            "new-political_status": "01",
            "new-party_joined_on": "2015-07-01",
            "new-education": "41",
            "new-village": village.pk,
            "new-health": "healthy",
            "nom-target_post": "secretary",
            "nom-source": "self_application",
            "nom-background": "returning_entrepreneur",
        },
    )
    assert response.status_code == 302, [
        (f, e)
        for form in ("person", "nomination")
        for f, e in response.context[form].errors.items()
    ] + response.context["refused"]
    return Candidate.objects.get(person__name="韩新苗")


def test_a_new_demo_candidate_reaches_the_pool_with_the_demo_accounts(demo: Any) -> None:
    town, reviewer = Client(), Client()
    town.force_login(demo.users["town"])
    reviewer.force_login(demo.users["reviewer"])
    village = Region.objects.filter(town=demo.town, level=Level.VILLAGE).order_by("code").first()
    assert village is not None

    candidate = _nominate(town, village)
    base = f"/reserves/candidates/{candidate.pk}"
    _post(town, f"{base}/interview/", {
        "interview-kind": "visit", "interview-held_on": _day(20),
        "interview-participants": 9, "interview-summary": "入户走访，群众评价较好。",
    })  # fmt: skip
    candidate.refresh_from_db()
    _post(town, f"{base}/screen/", {
        "screen-version": candidate.version, "screen-result": "passed",
        "screen-screened_on": _day(18),
    })  # fmt: skip
    candidate.refresh_from_db()
    _post(town, f"{base}/vote/", {
        "vote-version": candidate.version, "vote-meeting_type": "joint",
        "vote-held_on": _day(12), "vote-eligible": 40, "vote-attended": 36,
        "vote-votes_for": 31, "vote-votes_against": 3, "vote-abstentions": 2,
    })  # fmt: skip
    candidate.refresh_from_db()
    _post(town, f"{base}/send/", {"send-version": candidate.version})
    candidate.refresh_from_db()
    assert candidate.stage == Stage.REVIEWED, candidate.stage

    # The demo reviewer answers for 公安 from the queue.
    police = JointReview.objects.get(candidate=candidate, department="police")
    queue = reviewer.get("/reserves/reviews/")
    assert police in queue.context["pending"]
    _post(reviewer, f"/reserves/reviews/{police.pk}/", {"outcome": "passed", "note": ""})

    # The town finds the candidate among the court's waiting reviews, with the way to enter.
    waiting = town.get(reverse("workbench:waiting_reviews"), {"department": "court"})
    assert f'href="{base}/reviews/on-behalf/"' in waiting.content.decode()

    # The town enters the joint review meeting's answers for every other department.
    page = town.get(f"{base}/reviews/on-behalf/")
    pending = page.context["form"].reviews
    assert len(pending) == 13 and police.pk not in {r.pk for r in pending}
    meeting = {"kind": "meeting", "reference": "吴村镇资格联审会", "answered_on": _day(5)}
    for review in pending:
        meeting[f"tick_{review.department}"] = "on"
        meeting[f"outcome_{review.department}"] = "passed"
    _post(town, f"{base}/reviews/on-behalf/", meeting)
    assert not JointReview.objects.filter(candidate=candidate, outcome="pending").exists()
    assert ReviewAnswer.objects.get(candidate=candidate).entered_by == demo.users["town"]

    candidate.refresh_from_db()
    texts = _post(town, f"{base}/pool/", {
        "pool-version": candidate.version, "pool-readiness": "ready_now",
    })  # fmt: skip
    candidate.refresh_from_db()
    assert candidate.stage == Stage.POOLED, texts
    detail = town.get(f"{base}/").content.decode()
    assert "吴村镇资格联审会" in detail and "李晓燕代录" in detail
    audited = AuditEntry.objects.filter(
        action="reserves.review.entered_on_behalf", target_id__in=[str(r.pk) for r in pending]
    )
    assert audited.count() == 13


def test_the_demo_answers_its_other_departments_at_a_joint_meeting(demo: Any) -> None:
    answered = JointReview.objects.exclude(outcome="pending")
    assert answered.filter(department="police", reviewer=demo.users["reviewer"]).exists()
    others = answered.exclude(department="police")
    assert others.exists() and not others.filter(answer__isnull=True).exists()
    assert set(ReviewAnswer.objects.values_list("entered_by__username", flat=True)) == {"town"}
