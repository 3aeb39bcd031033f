"""The candidate page and its moves through the web: guards shown, wrong method, role, region."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from houbei.reserves import services
from houbei.reserves.models import Candidate, Stage

pytestmark = pytest.mark.django_db


def test_the_candidate_page_shows_the_next_move_and_its_blockers(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("nominated")
    client.force_login(personas["town"])

    text = client.get(f"/reserves/candidates/{candidate.pk}/").content.decode()

    assert "政治筛查" in text and "尚未记录走访座谈情况" in text
    assert "disabled" in text
    assert "全程记录" in text and "提名" in text


def test_a_must_not_fact_is_named_on_the_page(client: Any, personas: Any, walk: Any) -> None:
    candidate = walk("screened")
    services.record_fact(
        person=candidate.person,
        kind="criminal_penalty",
        occurred_on=dt.date(2016, 1, 1),
        period_end=None,
        note="",
        source="",
        actor=None,
    )
    client.force_login(personas["town"])

    text = client.get(f"/reserves/candidates/{candidate.pk}/").content.decode()

    assert "触及负面清单“不能”情形" in text and "受过刑事处罚的" in text


def test_a_liaison_sees_no_fact_details(client: Any, personas: Any, walk: Any) -> None:
    candidate = walk("screened")
    services.record_fact(
        person=candidate.person,
        kind="criminal_penalty",
        occurred_on=dt.date(2016, 1, 1),
        period_end=None,
        note="",
        source="",
        actor=None,
    )
    client.force_login(personas["liaison"])

    text = client.get(f"/reserves/candidates/{candidate.pk}/").content.decode()

    assert "受过刑事处罚" not in text and "下一步" not in text


def test_a_leader_records_a_should_not_decision_on_the_page(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("screened")
    fact = services.record_fact(
        person=candidate.person,
        kind="abnormal_petition",
        occurred_on=dt.date(2024, 1, 1),
        period_end=None,
        note="",
        source="信访局",
        actor=None,
    )
    client.force_login(personas["leader"])

    response = client.post(
        f"/reserves/candidates/{candidate.pk}/decide/",
        {"fact": fact.pk, "item_code": "hn2020-s1", "decision": "allow", "reason": "诉求已解决"},
    )

    assert response.status_code == 302
    text = client.get(f"/reserves/candidates/{candidate.pk}/").content.decode()
    assert "同意继续：诉求已解决" in text


def test_the_moves_walk_a_candidate_to_review_through_the_pages(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("nominated")
    client.force_login(personas["town"])
    url = f"/reserves/candidates/{candidate.pk}"

    client.post(
        f"{url}/interview/",
        {
            "interview-kind": "visit",
            "interview-held_on": "2026年3月1日",
            "interview-participants": "4",
            "interview-summary": "群众评价好",
        },
    )
    client.post(
        f"{url}/screen/",
        {"screen-version": 1, "screen-result": "passed", "screen-screened_on": "2026-03-02"},
    )
    version = Candidate.objects.get(pk=candidate.pk).version
    client.post(
        f"{url}/vote/",
        {
            "vote-version": version,
            "vote-meeting_type": "joint",
            "vote-held_on": "2026-03-10",
            "vote-eligible": 40,
            "vote-attended": 38,
            "vote-votes_for": 35,
            "vote-votes_against": 2,
            "vote-abstentions": 1,
        },
    )
    version = Candidate.objects.get(pk=candidate.pk).version
    response = client.post(f"{url}/send/", {"send-version": version})

    assert response.status_code == 302
    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.REVIEWED


def test_an_invalid_vote_is_explained(client: Any, personas: Any, walk: Any) -> None:
    candidate = walk("screened")
    client.force_login(personas["town"])

    response = client.post(
        f"/reserves/candidates/{candidate.pk}/vote/",
        {
            "vote-version": candidate.version,
            "vote-meeting_type": "joint",
            "vote-held_on": "2026-03-10",
            "vote-eligible": 10,
            "vote-attended": 12,
            "vote-votes_for": 5,
            "vote-votes_against": 0,
            "vote-abstentions": 0,
        },
        follow=True,
    )

    assert "实到人数不能多于应到人数" in response.content.decode()
    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.SCREENED


def test_a_stale_form_is_a_conflict_message(client: Any, personas: Any, walk: Any) -> None:
    candidate = walk("nominated")
    client.force_login(personas["town"])

    response = client.post(
        f"/reserves/candidates/{candidate.pk}/remove/",
        {
            "remove-version": candidate.version - 1 if candidate.version > 1 else 99,
            "remove-reason": "other",
            "remove-note": "x",
        },
        follow=True,
    )

    assert "已被他人修改" in response.content.decode()


def test_the_moves_refuse_get(client: Any, personas: Any, walk: Any) -> None:
    candidate = walk("nominated")
    client.force_login(personas["town"])

    assert client.get(f"/reserves/candidates/{candidate.pk}/remove/").status_code == 405


def test_the_moves_refuse_a_liaison_and_the_county(client: Any, personas: Any, walk: Any) -> None:
    candidate = walk("nominated")
    for persona in ("liaison", "county"):
        client.force_login(personas[persona])
        response = client.post(
            f"/reserves/candidates/{candidate.pk}/remove/",
            {"remove-version": candidate.version, "remove-reason": "other", "remove-note": "x"},
        )
        assert response.status_code == 403
    assert Candidate.objects.get(pk=candidate.pk).stage == Stage.NOMINATED


def test_the_moves_of_another_town_are_404(client: Any, personas: Any, walk: Any) -> None:
    candidate = walk("nominated")
    client.force_login(personas["town_b"])

    response = client.post(
        f"/reserves/candidates/{candidate.pk}/remove/",
        {"remove-version": candidate.version, "remove-reason": "other", "remove-note": "x"},
    )

    assert response.status_code == 404


def test_the_candidate_page_runs_the_same_queries_with_more_history(
    client: Any, personas: Any, walk: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    short, long = walk("nominated"), walk("pooled")
    client.force_login(personas["town"])
    client.get(f"/reserves/candidates/{short.pk}/")
    counts = []
    for candidate in (short, long):
        with CaptureQueriesContext(connection) as captured:
            client.get(f"/reserves/candidates/{candidate.pk}/")
        counts.append(len(captured))

    assert counts[0] == counts[1]


def test_a_liaison_sees_no_review_notes_or_removal_details(
    client: Any, personas: Any, walk: Any
) -> None:
    from houbei.reserves.models import JointReview

    candidate = walk("reviewed")
    court = JointReview.objects.get(candidate=candidate, department="court")
    services.record_opinion(court, outcome="not_passed", note="列入失信被执行人名单", actor=None)
    services.remove(candidate, reason="failed_review", note="法院意见：失信", actor=None)
    client.force_login(personas["liaison"])

    text = client.get(f"/reserves/candidates/{candidate.pk}/").content.decode()

    assert "联审未通过" in text and "失信" not in text
