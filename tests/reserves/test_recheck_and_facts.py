"""回头看 over sitting cadres, the facts page and the commands."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from houbei.audit.models import AuditEntry
from houbei.people.services import appoint_to_post
from houbei.reserves import services
from houbei.reserves.models import PersonFact

pytestmark = pytest.mark.django_db


@pytest.fixture
def cadres(make_person: Any, tree: Any, election_round: Any) -> dict[str, Any]:
    """A clean secretary in 张屯村, a sanctioned chair in 潘村, a convicted member in town B."""
    clean = make_person(village=tree["a1"], name="清白")
    chair = make_person(village=tree["a2"], name="受处分")
    other = make_person(village=tree["b1"], name="外镇人")
    for person, role in ((clean, "secretary"), (chair, "chair"), (other, "member")):
        appoint_to_post(
            person=person,
            village=person.village,
            role=role,
            term_start=dt.date(2021, 3, 1),
            actor=None,
        )
    services.record_fact(
        person=chair,
        kind="sanction",
        occurred_on=dt.date(2025, 1, 1),
        period_end=dt.date(2027, 1, 1),
        note="",
        source="纪委",
        actor=None,
    )
    services.record_fact(
        person=other,
        kind="criminal_penalty",
        occurred_on=dt.date(2010, 1, 1),
        period_end=None,
        note="",
        source="",
        actor=None,
    )
    return {"clean": clean, "chair": chair, "other": other}


def test_the_recheck_page_lists_every_hit_in_scope(client: Any, personas: Any, cadres: Any) -> None:
    client.force_login(personas["town"])

    response = client.get("/reserves/recheck/")

    names = [row.post.person.name for row in response.context["rows"]]
    assert names == ["受处分"]
    codes = {hit.item.code for hit in response.context["rows"][0].hits}
    assert codes == {"hn2020-s5", "sbx2021-3"}
    assert AuditEntry.objects.filter(action="reserves.recheck.run").count() == 1


def test_the_county_recheck_covers_every_town(client: Any, personas: Any, cadres: Any) -> None:
    client.force_login(personas["county"])

    names = {row.post.person.name for row in client.get("/reserves/recheck/").context["rows"]}

    assert names == {"受处分", "外镇人"}


def test_the_recheck_command_finds_the_same_hits(cadres: Any, tree: Any) -> None:
    out = io.StringIO()

    call_command("recheck", "--region", tree["town_a"].code, "--json", stdout=out)

    found = json.loads(out.getvalue())
    assert [item["name"] for item in found] == ["受处分"]


def test_the_roster_command_writes_a_workbook(walk: Any, tree: Any, tmp_path: Any) -> None:
    walk("pooled")
    target = tmp_path / "花名册.xlsx"

    call_command(
        "roster", "--region", tree["town_a"].code, "--output", str(target), stdout=io.StringIO()
    )

    assert target.stat().st_size > 1000
    assert AuditEntry.objects.filter(action="reserves.roster.exported").exists()


def test_the_facts_page_is_audited_and_records_facts(
    client: Any, personas: Any, cadres: Any
) -> None:
    person = cadres["clean"]
    client.force_login(personas["town"])

    page = client.get(f"/reserves/people/{person.pk}/facts/")
    response = client.post(
        f"/reserves/people/{person.pk}/facts/new/",
        {
            "kind": "dishonest_debtor",
            "occurred_on": "2025年6月1日",
            "note": "（2025）豫0782执123号",
        },
    )

    assert page.status_code == 200 and response.status_code == 302
    fact = PersonFact.objects.get(person=person)
    assert fact.note == "（2025）豫0782执123号" and "执123" not in fact.note_sealed
    assert AuditEntry.objects.filter(action="reserves.facts.read").count() == 1


def test_a_fact_is_withdrawn_with_a_reason(client: Any, personas: Any, cadres: Any) -> None:
    fact = PersonFact.objects.get(person=cadres["chair"])
    client.force_login(personas["town"])

    client.post(f"/reserves/facts/{fact.pk}/withdraw/", {"reason": "处分已撤销"})

    fact.refresh_from_db()
    assert fact.withdrawn


def test_the_facts_page_is_refused_to_a_liaison(client: Any, personas: Any, cadres: Any) -> None:
    client.force_login(personas["liaison"])

    assert client.get(f"/reserves/people/{cadres['clean'].pk}/facts/").status_code == 403


def test_recording_a_fact_refuses_get(client: Any, personas: Any, cadres: Any) -> None:
    client.force_login(personas["town"])

    assert client.get(f"/reserves/people/{cadres['clean'].pk}/facts/new/").status_code == 405
