"""Two officers save the same person from the same version at the same moment: exactly one wins."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from houbei.people.models import Person
from houbei.people.services import ConflictError, update_person
from tests.conftest import build_personas, build_tree

# Needs real concurrent transactions: runs in the PostgreSQL pass only.
pytestmark = pytest.mark.postgresql


@pytest.fixture
def tree(transactional_db: Any) -> dict[str, Any]:
    """Built for this test: the flush that ends a transactional test would wipe a shared one."""
    return build_tree()


@pytest.fixture
def personas(tree: dict[str, Any]) -> dict[str, Any]:
    return build_personas(tree)


@pytest.mark.django_db(transaction=True)
def test_of_two_racing_edits_from_one_version_exactly_one_is_saved(
    personas: Any, make_person: Any
) -> None:
    person = make_person(phone="13800000000")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def edit(phone: str) -> None:
        try:
            mine = Person.objects.select_related("village").get(pk=person.pk)
            barrier.wait()
            update_person(mine, fields={"phone": phone}, version=1, actor=personas["town"])
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(p,)) for p in ("13900000001", "13900000002")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["conflict", "saved"]
    person.refresh_from_db()
    assert person.version == 2 and person.phone in ("13900000001", "13900000002")
