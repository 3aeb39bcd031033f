"""Reads of personal data are audited: one entry per page view naming whose records the page
showed, exports name the people they held, and the auditor asks who read whom
(docs/security.md §2, items 16 and 17)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from houbei.audit.catalogue import CATALOGUE, DISCLOSURE_VERBS
from houbei.audit.models import AuditEntry

LIST = reverse("audit:entry_list")
READS = ("people.person.viewed", "reserves.candidate.viewed", "reserves.review.viewed")
VILLAGE_READ = "risk.village.viewed"
COMMITTEE_READ = "regions.village.viewed"


def _reads() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action__endswith=".viewed").order_by("id"))


def _seat(village: Any, person: Any, role: str = "secretary") -> None:
    from houbei.people.services import appoint_to_post

    appoint_to_post(
        person=person, village=village, role=role, term_start=dt.date(2021, 3, 1), actor=None
    )


@pytest.fixture
def pages(walk: Any, tree: Any, make_person: Any) -> dict[str, Any]:
    """A candidate sent to the joint review, and a seated secretary in the same village."""
    from houbei.reserves.models import JointReview

    candidate = walk("reviewed", name="郑候选")
    secretary = make_person(tree["a1"], name="钱书记", birth=dt.date(1970, 1, 1))
    _seat(tree["a1"], secretary)
    review = JointReview.objects.get(candidate=candidate, department="police")
    return {"candidate": candidate, "secretary": secretary, "review": review}


def _urls(pages: dict[str, Any], tree: Any) -> dict[str, tuple[str, str]]:
    """Page → (who opens it, its URL)."""
    return {
        "people.person.viewed": (
            "town",
            reverse("people:person_detail", args=[pages["secretary"].pk]),
        ),
        "reserves.candidate.viewed": (
            "town",
            reverse("reserves:candidate_detail", args=[pages["candidate"].pk]),
        ),
        "reserves.review.viewed": (
            "reviewer",
            reverse("reserves:review_detail", args=[pages["review"].pk]),
        ),
        VILLAGE_READ: ("town", reverse("risk:village", args=[tree["a1"].pk])),
        COMMITTEE_READ: ("town", reverse("regions:village_detail", args=[tree["a1"].pk])),
    }


def test_the_read_events_are_catalogued_as_disclosures() -> None:
    for code in (*READS, VILLAGE_READ, COMMITTEE_READ):
        assert code in CATALOGUE
        assert code.rsplit(".", 1)[1] in DISCLOSURE_VERBS


def test_each_page_writes_one_entry_naming_its_reader_and_people(
    client: Client, personas: Any, pages: Any, tree: Any
) -> None:
    expected = {
        "people.person.viewed": (pages["secretary"], [pages["secretary"].pk]),
        "reserves.candidate.viewed": (pages["candidate"], [pages["candidate"].person_id]),
        "reserves.review.viewed": (pages["review"], [pages["candidate"].person_id]),
        VILLAGE_READ: (tree["a1"], [pages["secretary"].pk]),
        COMMITTEE_READ: (tree["a1"], [pages["secretary"].pk]),
    }
    for action, (role, url) in _urls(pages, tree).items():
        client.force_login(personas[role])
        before = AuditEntry.objects.count()
        assert client.get(url).status_code == 200, url
        entries = list(AuditEntry.objects.filter(pk__gt=before))
        assert [e.action for e in entries] == [action]
        entry = entries[0]
        target, people = expected[action]
        assert entry.actor == personas[role] and entry.actor_username == role
        assert (entry.target_type, entry.target_id) == (target._meta.label_lower, str(target.pk))
        assert entry.changes == {"people": people}
        assert entry.region_id == tree["a1"].pk  # the auditors of that village's area see it


def test_an_out_of_scope_page_is_a_404_and_writes_nothing(
    client: Client, personas: Any, pages: Any, tree: Any
) -> None:
    from houbei.accounts.models import User

    court = User.objects.create_user("court", role="reviewer", region=tree["county"])
    court.department = "法院"
    court.save()
    outsiders = {"town": personas["town_b"], "reviewer": court}
    for _, (role, url) in _urls(pages, tree).items():
        client.force_login(outsiders[role])
        before = AuditEntry.objects.count()
        assert client.get(url).status_code == 404, url
        assert AuditEntry.objects.count() == before, url


def test_a_missing_object_writes_nothing(client: Client, personas: Any) -> None:
    client.force_login(personas["town"])
    before = AuditEntry.objects.count()
    assert client.get(reverse("people:person_detail", args=[999999])).status_code == 404
    assert AuditEntry.objects.count() == before


def test_the_person_page_history_shows_changes_not_its_own_views(
    client: Client, personas: Any, make_person: Any
) -> None:
    person = make_person(name="孙浏览")
    client.force_login(personas["town"])
    url = reverse("people:person_detail", args=[person.pk])
    client.get(url)
    response = client.get(url)
    actions = [e.action for e in response.context["history"]]
    assert "people.person.created" in actions and "people.person.viewed" not in actions
    assert AuditEntry.objects.filter(action="people.person.viewed").count() == 2


def test_the_village_page_history_leaves_out_page_views(
    client: Client, personas: Any, pages: Any, tree: Any
) -> None:
    client.force_login(personas["town"])
    url = reverse("regions:village_detail", args=[tree["a1"].pk])
    client.get(reverse("risk:village", args=[tree["a1"].pk]))
    client.get(url)
    actions = [e.action for e in client.get(url).context["history"]]
    assert actions and not [a for a in actions if a.endswith(".viewed")]
    assert AuditEntry.objects.filter(action=COMMITTEE_READ, region=tree["a1"]).count() == 2


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_audited_pages_cost_the_same_at_two_sizes(
    client: Client, personas: Any, pages: Any, tree: Any, make_person: Any, walk: Any
) -> None:
    """More people in the village, more entries in the log: no page runs more queries."""
    urls = _urls(pages, tree)
    small = {}
    for action, (role, url) in urls.items():
        client.force_login(personas[role])
        client.get(url)  # sessions settle
        small[action] = _count(client, url)
    for n in range(6):
        _seat(tree["a1"], make_person(tree["a1"], name=f"委员{n}"), role="member")
        walk("reviewed", name=f"候选{n}")
    large = {}
    for action, (role, url) in urls.items():
        client.force_login(personas[role])
        client.get(url)
        large[action] = _count(client, url)
    assert large == small
    for action in (VILLAGE_READ, COMMITTEE_READ):
        village = AuditEntry.objects.filter(action=action).order_by("-id").first()
        assert village is not None and len(village.changes["people"]) == 7, action


# The auditor's questions.


@pytest.fixture
def reads(client: Client, personas: Any, pages: Any, tree: Any, make_person: Any) -> Any:
    """The town officer opens the secretary's page and the candidate's; the leader opens the
    secretary's; the town officer exports the people list."""
    other = make_person(tree["a2"], name="周他人")
    secretary = reverse("people:person_detail", args=[pages["secretary"].pk])
    client.force_login(personas["town"])
    client.get(secretary)
    client.get(reverse("reserves:candidate_detail", args=[pages["candidate"].pk]))
    client.get(reverse("people:person_detail", args=[other.pk]))
    client.force_login(personas["leader"])
    client.get(secretary)
    client.force_login(personas["auditor"])
    return {**pages, "other": other}


def _rows(response: Any) -> list[tuple[str, str, str]]:
    assert response.status_code == 200
    return [(e.actor_username, e.action, e.target_repr) for e in response.context["page"].items]


def test_the_auditor_finds_whose_records_an_account_read_in_a_window(
    client: Client, reads: Any
) -> None:
    today = timezone.localdate().isoformat()
    query = {"actor": "town", "kind": "disclosure", "since": today, "until": today}
    rows = _rows(client.get(LIST, query))
    assert sorted(r[2] for r in rows) == sorted(["钱书记", str(reads["candidate"]), "周他人"])
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert _rows(client.get(LIST, {**query, "since": yesterday, "until": yesterday})) == []


def test_the_auditor_finds_who_read_a_persons_records(client: Client, reads: Any) -> None:
    person = reads["secretary"]
    rows = _rows(client.get(LIST, {"person": person.pk, "kind": "disclosure"}))
    readers = sorted((user, action) for user, action, _ in rows)
    # The village page named the secretary too: it is found through the people it showed.
    assert readers == [("leader", "people.person.viewed"), ("town", "people.person.viewed")]
    candidate = reads["candidate"]
    rows = _rows(client.get(LIST, {"person": candidate.person_id, "kind": "disclosure"}))
    assert [(u, a) for u, a, _ in rows] == [("town", "reserves.candidate.viewed")]
    body = client.get(LIST, {"actor": "leader"}).content.decode()
    assert f"?person={person.pk}&amp;kind=disclosure" in body  # the "who read" link


def test_a_person_search_finds_the_village_page_and_the_export_that_showed_them(
    client: Client, personas: Any, reads: Any, tree: Any
) -> None:
    town = Client()
    town.force_login(personas["town"])
    town.get(reverse("risk:village", args=[tree["a1"].pk]))
    assert town.get(reverse("people:person_export")).status_code == 200
    rows = _rows(client.get(LIST, {"person": reads["secretary"].pk, "actor": "town"}))
    assert {a for _, a, _ in rows} >= {VILLAGE_READ, "people.person.exported"}


def test_a_bad_person_number_is_explained(client: Client, reads: Any) -> None:
    response = client.get(LIST, {"person": "张三"})
    assert "人员编号" in response.content.decode()
    assert _rows(response) == []


def test_an_auditor_of_another_town_does_not_see_this_towns_reads(
    client: Client, reads: Any, tree: Any
) -> None:
    from houbei.accounts.models import User

    other = User.objects.create_user("auditor_b2", role="auditor", region=tree["town_b"])
    client.force_login(other)
    assert _rows(client.get(LIST, {"person": reads["secretary"].pk})) == []


def test_other_roles_cannot_ask(client: Client, personas: Any, reads: Any) -> None:
    for role in ("town", "county", "reviewer", "sysadmin", "secadmin"):
        client.force_login(personas[role])
        assert client.get(LIST, {"person": reads["secretary"].pk}).status_code == 403


def test_the_person_search_costs_the_same_at_two_sizes(
    client: Client, personas: Any, make_person: Any, django_assert_max_num_queries: Any
) -> None:
    from houbei.audit import record

    person = make_person(name="吴被查")
    town = personas["town"]

    def fill(n: int) -> None:
        for _ in range(n):
            record(town, "people.person.viewed", person, {"people": [person.pk]})

    client.force_login(personas["auditor"])
    url = f"{LIST}?person={person.pk}&kind=disclosure"
    fill(5)
    client.get(url)
    small = _count(client, url)
    fill(120)
    with django_assert_max_num_queries(small):
        client.get(url)


# Exports name the people they held.


def test_the_people_export_names_its_people_and_no_birth_date(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    held = [make_person(tree["a1"], name=f"导出{n}") for n in range(3)]
    make_person(tree["b1"], name="界外")
    client.force_login(personas["town"])
    assert client.get(reverse("people:person_export")).status_code == 200
    entry = AuditEntry.objects.get(action="people.person.exported")
    assert entry.changes["rows"] == 3
    assert entry.changes["people"] == sorted(p.pk for p in held)
    text = str(entry.changes)
    assert "1975-03-08" not in text and held[0].id_number_masked not in text


def test_the_roster_export_names_its_people(
    client: Client, personas: Any, walk: Any, tree: Any
) -> None:
    pooled = [walk("pooled", name=f"入库{n}") for n in range(2)]
    client.force_login(personas["town"])
    response = client.get(reverse("reserves:roster_export"))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="reserves.roster.exported")
    assert entry.changes["rows"] == 2
    assert entry.changes["people"] == sorted(c.person_id for c in pooled)
