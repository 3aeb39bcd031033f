"""Talks and briefings: recorded by the town and liaisons, scoped like everything else."""

from __future__ import annotations

from typing import Any

import pytest

from houbei.reserves.models import CandidateEvent, Talk

pytestmark = pytest.mark.django_db


def _talk(person: Any, village: Any) -> dict[str, Any]:
    return {
        "kind": "talk",
        "village": village.pk,
        "person": person.pk,
        "held_on": "2026-04-02",
        "talked_by": "镇党委书记",
        "topic": "换届去留",
        "summary": "本人愿意退出，支持年轻人",
        "follow_up": "下周再谈",
    }


def test_a_liaison_records_a_talk_in_their_village(
    client: Any, personas: Any, make_person: Any, tree: Any
) -> None:
    person = make_person(village=tree["a1"], name="老支书")
    client.force_login(personas["liaison"])

    response = client.post("/reserves/talks/new/", _talk(person, tree["a1"]))

    assert response.status_code == 302
    assert client.get("/reserves/talks/").content.decode().count("换届去留") == 1


def test_a_talk_with_a_candidate_lands_in_the_timeline(
    client: Any, personas: Any, walk: Any, tree: Any
) -> None:
    candidate = walk("pooled")
    client.force_login(personas["town"])

    client.post(
        f"/reserves/talks/new/?candidate={candidate.pk}", _talk(candidate.person, tree["a1"])
    )

    assert Talk.objects.get().candidate == candidate
    assert CandidateEvent.objects.filter(candidate=candidate, action__contains="换届去留").exists()


def test_a_liaison_cannot_record_a_talk_outside_their_villages(
    client: Any, personas: Any, make_person: Any, tree: Any
) -> None:
    person = make_person(village=tree["a3"])
    client.force_login(personas["liaison"])

    response = client.post("/reserves/talks/new/", _talk(person, tree["a3"]))

    assert response.status_code == 200 and not Talk.objects.exists()


def test_a_briefing_needs_its_attendees(client: Any, personas: Any, tree: Any) -> None:
    client.force_login(personas["town"])
    data = {
        "kind": "briefing",
        "village": tree["a1"].pk,
        "held_on": "2026-04-02",
        "talked_by": "组织委员",
        "topic": "吹风",
        "summary": "x",
    }

    response = client.post("/reserves/talks/new/", data)

    assert "吹风会须填写参加人员" in response.content.decode()


def test_the_talk_list_is_scoped(client: Any, personas: Any, make_person: Any, tree: Any) -> None:
    person = make_person(village=tree["a1"], name="老支书")
    client.force_login(personas["town"])
    client.post("/reserves/talks/new/", _talk(person, tree["a1"]))
    client.force_login(personas["town_b"])

    assert "换届去留" not in client.get("/reserves/talks/").content.decode()
