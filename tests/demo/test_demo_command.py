"""`houbei demo`: the same town every time, the logins printed, refusals on a non-empty database.

Each test here starts from an empty database (no module-wide demo), so these build their own.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from houbei.accounts.models import User
from houbei.demo import build_demo
from houbei.demo.foundation import PASSWORD
from houbei.people.models import Person, Post
from houbei.regions.models import Region

pytestmark = pytest.mark.django_db


def fingerprint() -> list[tuple[Any, ...]]:
    people = Person.objects.order_by("id_number_hash").values_list(
        "name", "sex", "birth_date", "education", "political_status", "id_number_hash",
        "village__code", "party_joined_on", "backgrounds",
    )  # fmt: skip
    posts = Post.objects.order_by("village__code", "role", "person__name").values_list(
        "village__code", "role", "person__name", "term_start", "term_end"
    )
    return [*people, *posts]


def test_two_builds_give_the_same_people_and_posts() -> None:
    """One build by the command (whose output must name the URL and every login), one direct."""
    out = io.StringIO()
    with transaction.atomic():
        call_command("demo", stdout=out)
        first = fingerprint()
        transaction.set_rollback(True)
    build_demo()
    assert fingerprint() == first
    assert len(first) > 300
    text = out.getvalue()
    assert "http://127.0.0.1:8000" in text
    assert PASSWORD in text
    for username in ("county", "leader", "town", "liaison", "reviewer", "auditor", "sysadmin"):
        assert f"  {username} " in text
    assert "42 个村" in text


def test_it_refuses_a_database_that_already_holds_a_person(make_person: Any) -> None:
    make_person()
    regions = Region.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("demo", stdout=io.StringIO())
    assert refused.value.returncode == 1
    assert "演示数据只能载入空数据库" in str(refused.value)
    assert Region.objects.count() == regions
    assert not User.objects.exists()


def test_it_refuses_a_database_that_already_holds_an_account(personas: Any) -> None:
    with pytest.raises(CommandError):
        call_command("demo", stdout=io.StringIO())
    assert Person.objects.count() == 0


def test_with_if_empty_it_says_one_line_and_changes_nothing(personas: Any) -> None:
    out = io.StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert len(out.getvalue().strip().splitlines()) == 1
    assert Person.objects.count() == 0
    assert User.objects.count() == len(personas)
