"""Dashboards and downloads read from a replica when one is configured (docs/scaling.md §3).

The test run's second database (alias `replica`, see tests/conftest.py) stands in for the
replica: it holds a copy of the primary with one village renamed, so a page shows which
database it read.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connections, transaction
from django.urls import reverse
from python_calamine import CalamineWorkbook

from houbei.accounts.models import User
from houbei.lib.replica import ReplicaRouter, reading_from_replica
from houbei.regions.models import Region
from tests.conftest import build_personas, build_tree

BOTH = ["default", "replica"]
RENAMED = "副本村"


@pytest.fixture
def tree(transactional_db: Any) -> dict[str, Any]:
    """Built for this test: the flush that ends a transactional test would wipe a shared one."""
    return build_tree()


@pytest.fixture
def personas(tree: dict[str, Any]) -> dict[str, Any]:
    return build_personas(tree)


@pytest.fixture
def replica_copy(personas: dict[str, Any], tmp_path: Path) -> Region:
    return _copy_to_replica(tmp_path)


def _copy_to_replica(tmp_path: Path) -> Region:
    """Copy the primary into the replica (as streaming replication would) and rename one
    village (a1) there only."""
    dump = tmp_path / "primary.json"
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--exclude=audit",
        "--exclude=sessions",
        "--exclude=axes",
        "--exclude=contenttypes",
        "--exclude=auth.permission",
        output=str(dump),
        verbosity=0,
    )
    call_command("loaddata", str(dump), database="replica", verbosity=0)
    village = Region.objects.get(code="410782106201")
    Region.objects.using("replica").filter(pk=village.pk).update(name=RENAMED)
    return village


def _login(client: Any, username: str) -> None:
    client.force_login(User.objects.get(username=username))


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_the_dashboard_reads_the_replica_only_when_one_is_configured(
    client: Any, settings: Any, replica_copy: Region
) -> None:
    _login(client, "town")
    url = reverse("risk:dashboard")

    settings.READ_REPLICA = ""
    page = client.get(url).content.decode()
    assert replica_copy.name in page and RENAMED not in page

    settings.READ_REPLICA = "replica"
    page = client.get(url).content.decode()
    assert RENAMED in page and replica_copy.name not in page


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_download_reads_the_replica(
    client: Any, settings: Any, personas: Any, make_person: Any, tmp_path: Path
) -> None:
    make_person()  # in village a1
    village = _copy_to_replica(tmp_path)
    settings.READ_REPLICA = "replica"
    _login(client, "town")
    response = client.get(reverse("people:person_export"))
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    rows = book.get_sheet_by_index(0).to_python()
    cells = {str(c) for row in rows for c in row}
    assert RENAMED in cells and village.name not in cells


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_accounts_and_the_audit_trail_are_always_read_from_the_primary(
    client: Any, settings: Any, replica_copy: Region
) -> None:
    """A disabled account is refused at once even if the replica still holds it as active, and
    the download's audit entry is written to (and counted on) the primary."""
    settings.READ_REPLICA = "replica"
    _login(client, "town")
    router = ReplicaRouter()
    with reading_from_replica():
        assert router.db_for_read(Region) == "replica"
        assert router.db_for_read(User) is None
        with transaction.atomic():
            # Inside a write, reads must see the write.
            assert router.db_for_read(Region) is None
    User.objects.filter(username="town").update(is_active=False)
    assert User.objects.using("replica").get(username="town").is_active
    response = client.get(reverse("risk:dashboard"))
    assert response.status_code in (302, 403)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_without_the_marker_every_read_goes_to_the_primary(settings: Any, tree: Any) -> None:
    settings.READ_REPLICA = "replica"
    router = ReplicaRouter()
    assert router.db_for_read(Region) is None
    assert router.db_for_write(Region) == "default"
    with reading_from_replica():
        assert Region.objects.filter(pk=tree["a1"].pk).count() == 0  # the replica is empty here
    assert Region.objects.filter(pk=tree["a1"].pk).count() == 1
    assert not connections["default"].in_atomic_block
