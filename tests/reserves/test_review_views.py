"""A department reviewer sees their department's queue, only what the review needs, and nothing
else."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from houbei.reserves import services
from houbei.reserves.models import JointReview

pytestmark = pytest.mark.django_db


def _police(candidate: Any) -> JointReview:
    return JointReview.objects.get(candidate=candidate, department="police")


def test_the_queue_lists_the_departments_pending_reviews(
    client: Any, personas: Any, walk: Any
) -> None:
    walk("reviewed", name="郑送审")
    walk("recommended", name="未送审人")
    client.force_login(personas["reviewer"])

    response = client.get("/reserves/reviews/")

    text = response.content.decode()
    assert "郑送审" in text and "未送审人" not in text
    assert [r.department for r in response.context["pending"]] == ["police"]


def test_the_review_page_shows_only_the_departments_facts(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("reviewed")
    for kind in ("drugs", "dishonest_debtor"):
        services.record_fact(
            person=candidate.person,
            kind=kind,
            occurred_on=dt.date(2025, 1, 1),
            period_end=None,
            note="",
            source="",
            actor=None,
        )
    client.force_login(personas["reviewer"])

    text = client.get(f"/reserves/reviews/{_police(candidate).pk}/").content.decode()

    assert "涉毒" in text and "失信被执行人" not in text
    assert candidate.person.id_number_masked in text


def test_the_reviewer_passes_and_the_opinion_is_recorded(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("reviewed")
    client.force_login(personas["reviewer"])

    response = client.post(
        f"/reserves/reviews/{_police(candidate).pk}/", {"outcome": "passed", "note": ""}
    )

    review = _police(candidate)
    assert response.status_code == 302
    assert review.outcome == "passed" and review.reviewer == personas["reviewer"]


def test_not_passing_needs_a_reason(client: Any, personas: Any, walk: Any) -> None:
    candidate = walk("reviewed")
    client.force_login(personas["reviewer"])

    response = client.post(
        f"/reserves/reviews/{_police(candidate).pk}/", {"outcome": "not_passed", "note": ""}
    )

    assert "不通过时须说明理由" in response.content.decode()
    assert _police(candidate).outcome == "pending"


def test_another_departments_review_is_404(client: Any, personas: Any, walk: Any) -> None:
    candidate = walk("reviewed")
    court = JointReview.objects.get(candidate=candidate, department="court")
    client.force_login(personas["reviewer"])

    assert client.get(f"/reserves/reviews/{court.pk}/").status_code == 404
    assert client.post(f"/reserves/reviews/{court.pk}/", {"outcome": "passed"}).status_code == 404


def test_a_review_in_another_county_is_404(
    client: Any, personas: Any, walk: Any, tree: Any
) -> None:
    from houbei.regions.models import Level
    from houbei.regions.services import create_region

    candidate = walk("reviewed")
    review = _police(candidate)
    other = create_region(
        name="外县", level=Level.COUNTY, parent=tree["county"].parent, code="410783000000"
    )
    reviewer = personas["reviewer"]
    reviewer.region = other
    reviewer.save()
    client.force_login(reviewer)

    assert client.get(f"/reserves/reviews/{review.pk}/").status_code == 404
    assert client.get("/reserves/reviews/").context["pending"] == []


def test_the_reviewer_sees_nothing_else(client: Any, personas: Any, walk: Any) -> None:
    candidate = walk("reviewed")
    client.force_login(personas["reviewer"])

    for url in (
        f"/reserves/candidates/{candidate.pk}/",
        "/reserves/",
        "/reserves/pool/",
        f"/reserves/people/{candidate.person_id}/facts/",
        f"/people/{candidate.person_id}/",
    ):
        assert client.get(url).status_code in (403, 404), url


def test_the_queue_is_refused_to_office_staff(client: Any, personas: Any) -> None:
    client.force_login(personas["town"])

    assert client.get("/reserves/reviews/").status_code == 403


def test_the_queue_pages_every_pending_review_so_the_workbench_count_matches(
    client: Any, personas: Any, walk: Any, tree: Any, monkeypatch: Any
) -> None:
    """It used to stop at 200 rows with no next page, while the workbench counted them all."""
    import re

    from houbei.reserves.views import review

    monkeypatch.setattr(review, "QUEUE_PAGE", 2)
    for name, village in (("甲送审", "a1"), ("乙送审", "a2"), ("丙送审", "a1")):
        walk("reviewed", village=tree[village], post="member", name=name)
    client.force_login(personas["reviewer"])

    first = client.get("/reserves/reviews/").content.decode()
    after = re.search(r'href="\?after=([^"]+)">下一页', first)
    assert after is not None
    second = client.get(f"/reserves/reviews/?after={after[1]}").content.decode()

    assert "待审（3）" in first
    shown = [n for n in ("甲送审", "乙送审", "丙送审") if n in first]
    later = [n for n in ("甲送审", "乙送审", "丙送审") if n in second]
    assert (
        len(shown) == 2
        and len(later) == 1
        and set(shown) | set(later)
        == {
            "甲送审",
            "乙送审",
            "丙送审",
        }
    )
    home = client.get("/").content.decode()
    assert 'id="wb-my_reviews"' in home and 'data-count="3"' in home
