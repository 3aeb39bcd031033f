"""The department reviewer's reveal for review (issue 11 item 14): the full ID number of a
candidate pending in their own queue only, with a reason, audited as every reveal."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from houbei.audit.models import AuditEntry
from houbei.lib import crypto
from houbei.reserves import services
from houbei.reserves.models import JointReview

pytestmark = pytest.mark.django_db

REVEALED = "people.id_number.revealed"


def _review(walk: Any, department: str = "police") -> JointReview:
    candidate = walk("reviewed", name="冯待查")
    return JointReview.objects.get(candidate=candidate, department=department)


def _reveal(
    client: Client, user: Any, review: JointReview, reason: str = "违法犯罪记录核查"
) -> Any:
    client.force_login(user)
    return client.post(reverse("reserves:review_reveal", args=[review.pk]), {"reason": reason})


def test_the_reviewer_reveals_a_queued_candidates_number_audited(
    client: Client, personas: Any, walk: Any
) -> None:
    review = _review(walk)
    person = review.candidate.person
    number = crypto.decrypt(person.id_number_encrypted)

    response = _reveal(client, personas["reviewer"], review)

    assert response.status_code == 200
    assert number in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.get(action=REVEALED)
    assert entry.actor == personas["reviewer"] and entry.actor_role == "reviewer"
    assert (entry.target_type, entry.target_id) == ("people.person", str(person.pk))
    assert entry.changes == {
        "reason": "违法犯罪记录核查",
        "review": review.pk,
        "department": "police",
    }
    assert number not in str(entry.changes) + entry.target_repr


def test_without_a_reason_nothing_is_revealed_or_recorded(
    client: Client, personas: Any, walk: Any
) -> None:
    review = _review(walk)
    number = crypto.decrypt(review.candidate.person.id_number_encrypted)

    response = _reveal(client, personas["reviewer"], review, reason="  ")

    assert response.status_code == 400 and number not in response.content.decode()
    assert not AuditEntry.objects.filter(action=REVEALED).exists()


def test_another_departments_review_is_a_404(
    client: Client, personas: Any, walk: Any, tree: Any
) -> None:
    from houbei.accounts.models import User

    court = User.objects.create_user("court2", role="reviewer", region=tree["county"])
    court.department = "法院"
    court.save()
    police = _review(walk)

    assert _reveal(client, court, police).status_code == 404
    assert not AuditEntry.objects.filter(action=REVEALED).exists()


def test_an_answered_review_has_left_the_queue_and_is_a_404(
    client: Client, personas: Any, walk: Any
) -> None:
    review = _review(walk)
    services.record_opinion(review, outcome="passed", note="", actor=personas["reviewer"])

    assert _reveal(client, personas["reviewer"], review).status_code == 404
    assert not AuditEntry.objects.filter(action=REVEALED).exists()
    client.force_login(personas["reviewer"])
    page = client.get(reverse("reserves:review_detail", args=[review.pk])).content.decode()
    assert 'id="reveal-form"' not in page


def test_the_review_page_offers_the_reveal_while_pending(
    client: Client, personas: Any, walk: Any
) -> None:
    review = _review(walk)
    client.force_login(personas["reviewer"])
    page = client.get(reverse("reserves:review_detail", args=[review.pk])).content.decode()
    assert 'id="reveal-form"' in page
    assert reverse("reserves:review_reveal", args=[review.pk]) in page


def test_other_roles_are_refused_and_the_reviewer_has_no_general_reveal(
    client: Client, personas: Any, walk: Any
) -> None:
    review = _review(walk)
    for role in ("town", "liaison", "county", "auditor", "sysadmin", "secadmin"):
        assert _reveal(client, personas[role], review).status_code == 403, role
    client.force_login(personas["reviewer"])
    person = review.candidate.person
    assert client.get(reverse("reserves:review_reveal", args=[review.pk])).status_code == 405
    general = client.post(reverse("people:person_reveal", args=[person.pk]), {"reason": "x"})
    assert general.status_code == 403
    assert not AuditEntry.objects.filter(action=REVEALED).exists()
