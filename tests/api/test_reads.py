"""Reads on the demo town: scoped like the pages, masked like the pages, audited like the pages,
paged by opaque cursors at a constant number of queries."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from houbei.audit.models import AuditEntry
from houbei.people.models import Person
from houbei.regions.models import Region
from houbei.reserves.models import Candidate
from houbei.risk.models import Assessment, Problem
from tests.api.conftest import ApiClient, token_for

LISTS = ("/villages", "/people", "/candidates", "/assessments", "/problems")


def _all(client: ApiClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list, following the cursors."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {}), "limit": 100}
        body = client.get(path, **query).json()
        items += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            return items


def _village_of(path: str, item: dict[str, Any]) -> int:
    return int(item["id"] if path == "/villages" else item["village_id"])


def test_every_list_holds_exactly_what_the_liaison_may_see(demo: Any) -> None:
    liaison = demo.users["liaison"]
    client = ApiClient(token_for(liaison))
    mine = set(Region.objects.visible_to(liaison).values_list("pk", flat=True))
    assert 0 < len(mine) < len(demo.villages)
    for path in LISTS:
        seen = {_village_of(path, item) for item in _all(client, path)}
        assert seen <= mine, path
    people = {p["id"] for p in _all(client, "/people")}
    assert people == set(Person.objects.visible_to(liaison).values_list("pk", flat=True))


def test_cursors_walk_every_row_once(demo: Any) -> None:
    client = ApiClient(token_for(demo.users["town"]))
    first = client.get("/people", limit=7).json()
    assert len(first["items"]) == 7 and first["next_cursor"]
    assert str(first["items"][-1]["id"]) not in first["next_cursor"]
    ids = [p["id"] for p in _all(client, "/people")]
    assert len(ids) == len(set(ids)) == Person.objects.visible_to(demo.users["town"]).count()


def test_a_person_is_masked_as_on_the_page_and_the_read_audited(demo: Any) -> None:
    town = demo.users["town"]
    person = Person.objects.visible_to(town).first()
    assert person is not None
    body = ApiClient(token_for(town)).get(f"/people/{person.pk}").json()
    assert body["id_number_masked"] == person.id_number_masked and "*" in person.id_number_masked
    assert body["birth_month"] == person.birth_date.strftime("%Y-%m")
    text = str(body)
    assert "birth_date" not in text and person.birth_date.isoformat() not in text
    entry = AuditEntry.objects.filter(action="people.person.viewed").latest("id")
    assert (entry.actor_username, entry.target_id) == ("town", str(person.pk))
    assert entry.region_id == person.village_id


def test_filters_match_the_person_page_and_bad_ones_are_named(demo: Any) -> None:
    client = ApiClient(token_for(demo.users["town"]))
    members = _all(client, "/people", political_status="01")
    assert members and all(p["political_status"] == "01" for p in members)
    refused = client.get("/people", political_status="zz")
    assert refused.status_code == 422
    assert refused.json()["code"] == "invalid" and "political_status" in refused.json()["fields"]


def test_a_candidate_comes_with_its_stage_history(demo: Any) -> None:
    town = demo.users["town"]
    candidate = Candidate.objects.visible_to(town).filter(events__isnull=False).first()
    assert candidate is not None
    body = ApiClient(token_for(town)).get(f"/candidates/{candidate.pk}").json()
    assert body["stage"] == candidate.stage
    assert [e["id"] for e in body["history"]] == list(
        candidate.events.order_by("at", "id").values_list("pk", flat=True)
    )


def test_assessments_carry_their_reasons(demo: Any) -> None:
    from houbei.risk.services import run_assessment

    run_assessment(region=demo.town, actor=None)
    items = _all(ApiClient(token_for(demo.users["county"])), "/assessments")
    assert len(items) == Assessment.objects.filter(is_latest=True).count() > 0
    assert all(item["reasons"] for item in items)
    assert {line["label"] for line in items[0]["reasons"]} == {
        line["label"] for line in Assessment.objects.get(pk=items[0]["id"]).lines
    }


def test_a_problem_comes_with_its_progress_notes(demo: Any) -> None:
    problem = Problem.objects.filter(notes__isnull=False).first() or Problem.objects.first()
    assert problem is not None
    body = ApiClient(token_for(demo.users["town"])).get(f"/problems/{problem.pk}").json()
    assert body["title"] == problem.title and len(body["notes"]) == problem.notes.count()


def test_stats_are_the_figures_of_houbei_stats_for_the_region(demo: Any) -> None:
    from houbei.reports.stats import compute

    body = ApiClient(token_for(demo.users["town"])).get("/stats").json()
    assert body == compute(demo.town)
    assert ApiClient(token_for(demo.users["liaison"])).get("/stats").status_code == 404


def _queries(client: ApiClient, path: str, limit: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, limit=limit)
    assert response.status_code == 200 and len(response.json()["items"]) == limit, path
    return len(captured.captured_queries)


def test_a_list_costs_the_same_queries_at_two_page_sizes(demo: Any) -> None:
    from houbei.risk.services import run_assessment

    run_assessment(region=demo.town, actor=None)
    client = ApiClient(token_for(demo.users["county"]))
    for path in LISTS:
        assert _queries(client, path, 3) == _queries(client, path, 12), path
