"""No path reaches the pool without a completed joint review (未经联审不得入库)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, transaction

from houbei.reserves import services
from houbei.reserves.models import Candidate, JointReview, Stage
from tests.pipeline import pass_reviews

pytestmark = pytest.mark.django_db(transaction=False)
REFUSED = (IntegrityError, DatabaseError)


def test_the_database_refuses_a_direct_update_to_pooled(walk: Any) -> None:
    candidate = walk("recommended")

    with pytest.raises(REFUSED), transaction.atomic():
        Candidate.objects.filter(pk=candidate.pk).update(stage=Stage.POOLED)


def test_the_database_refuses_an_update_with_a_pending_review(walk: Any) -> None:
    candidate = walk("reviewed")
    first = JointReview.objects.filter(candidate=candidate).first()
    services.record_opinion(first, outcome="passed", note="", actor=None)

    with pytest.raises(REFUSED), transaction.atomic():
        Candidate.objects.filter(pk=candidate.pk).update(stage=Stage.APPOINTED)


def test_the_database_refuses_a_row_created_in_the_pool(walk: Any, tree: Any) -> None:
    candidate = walk("nominated")

    with pytest.raises(REFUSED), transaction.atomic():
        Candidate.objects.create(
            person=candidate.person,
            village=tree["a2"],
            election_round=candidate.election_round,
            target_post="member",
            source="field_survey",
            background="other",
            stage=Stage.POOLED,
        )


def test_the_database_accepts_the_pool_after_every_department_passed(walk: Any) -> None:
    candidate = walk("reviewed")
    pass_reviews(candidate)

    Candidate.objects.filter(pk=candidate.pk).update(stage=Stage.POOLED)

    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.POOLED


def test_no_page_pools_before_the_review_is_complete(walk: Any, client: Any, personas: Any) -> None:
    candidate = walk("reviewed")
    client.force_login(personas["town"])

    client.post(
        f"/reserves/candidates/{candidate.pk}/pool/",
        {"pool-version": candidate.version, "pool-readiness": "ready_now"},
    )

    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.REVIEWED


def test_no_command_loads_a_pooled_candidate_from_a_fixture(walk: Any, tmp_path: Any) -> None:
    candidate = walk("recommended")
    fixture = tmp_path / "pooled.json"
    fields = {
        "stage": "pooled",
        "person": candidate.person_id,
        "village": candidate.village_id,
        "election_round": candidate.election_round_id,
        "target_post": "secretary",
        "source": "field_survey",
        "background": "other",
        "version": 9,
        "created_at": "2026-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
    }
    rows = [{"model": "reserves.candidate", "pk": candidate.pk, "fields": fields}]
    fixture.write_text(json.dumps(rows))

    with pytest.raises(REFUSED), transaction.atomic():
        call_command("loaddata", str(fixture), verbosity=0)
    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.RECOMMENDED
