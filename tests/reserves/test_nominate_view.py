"""Nominating through the page: a person on file, or a new person registered on the spot."""

from __future__ import annotations

from typing import Any

import pytest

from houbei.lib.idnumber import make_id_number
from houbei.people.models import Person
from houbei.reserves.models import Candidate

pytestmark = pytest.mark.django_db


def _nomination(prefix: str) -> dict[str, str]:
    return {
        f"{prefix}-target_post": "secretary",
        f"{prefix}-source": "self_application",
        f"{prefix}-background": "returning_entrepreneur",
    }


def test_nominating_a_person_on_file(
    client: Any, personas: Any, young: Any, election_round: Any
) -> None:
    person = young(name="钱有才")
    client.force_login(personas["town"])

    found = client.get("/reserves/candidates/new/?q=qian").content.decode()
    response = client.post(
        "/reserves/candidates/new/",
        {"mode": "existing", "existing-person": person.pk, **_nomination("existing")},
    )

    assert "钱有才" in found
    candidate = Candidate.objects.get(person=person)
    assert response.status_code == 302 and candidate.village == person.village


def test_registering_and_nominating_a_new_person(
    client: Any, personas: Any, election_round: Any, tree: Any
) -> None:
    import datetime as dt

    client.force_login(personas["town"])
    number = make_id_number("410782", dt.date(1990, 4, 1), 25)

    response = client.post(
        "/reserves/candidates/new/",
        {
            "mode": "new",
            "new-name": "孙归乡",
            "new-id_number": number,
            "new-ethnicity": "01",
            "new-political_status": "13",
            "new-education": "31",
            "new-village": tree["a2"].pk,
            "new-health": "healthy",
            **_nomination("nom"),
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Candidate.objects.get(person__name="孙归乡").village == tree["a2"]


def test_a_refused_nomination_registers_nobody(
    client: Any, personas: Any, election_round: Any, tree: Any
) -> None:
    import datetime as dt

    client.force_login(personas["town"])
    number = make_id_number("410782", dt.date(1960, 4, 1), 27)

    response = client.post(
        "/reserves/candidates/new/",
        {
            "mode": "new",
            "new-name": "周年长",
            "new-id_number": number,
            "new-ethnicity": "01",
            "new-political_status": "13",
            "new-education": "61",
            "new-village": tree["a2"].pk,
            "new-health": "healthy",
            **_nomination("nom"),
        },
    )

    assert "年龄不符" in response.content.decode()
    assert not Person.objects.filter(name="周年长").exists()


def test_a_person_of_another_town_cannot_be_nominated(
    client: Any, personas: Any, young: Any, election_round: Any
) -> None:
    person = young(name="吴外镇")
    client.force_login(personas["town_b"])

    response = client.post(
        "/reserves/candidates/new/",
        {"mode": "existing", "existing-person": person.pk, **_nomination("existing")},
    )

    assert response.status_code == 200 and not Candidate.objects.exists()


def test_the_liaison_cannot_nominate(client: Any, personas: Any) -> None:
    client.force_login(personas["liaison"])

    assert client.get("/reserves/candidates/new/").status_code == 403
