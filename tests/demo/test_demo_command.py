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


@pytest.fixture(autouse=True)
def _development(settings: Any) -> None:
    """`houbei demo` is a development tool: these tests run it as `make run` does (DEBUG on),
    except those that switch DEBUG off to see it refuse."""
    settings.DEBUG = True


def fingerprint() -> list[tuple[Any, ...]]:
    people = Person.objects.order_by("id_number_hash").values_list(
        "name", "sex", "birth_date", "education", "political_status", "id_number_hash",
        "village__code", "party_joined_on", "backgrounds",
    )  # fmt: skip
    posts = Post.objects.order_by("village__code", "role", "person__name").values_list(
        "village__code", "role", "person__name", "term_start", "term_end"
    )
    return [*people, *posts]


def test_two_builds_give_the_same_people_and_posts(settings: Any) -> None:
    """One build by the command (whose output must name the URL and every login), one direct."""
    settings.DEBUG = True
    out = io.StringIO()
    with transaction.atomic():
        call_command("demo", "--url", "http://127.0.0.1:8000/", stdout=out)
        first = fingerprint()
        transaction.set_rollback(True)
    build_demo()
    assert fingerprint() == first
    assert len(first) > 300
    text = out.getvalue()
    assert "http://127.0.0.1:8000" in text
    assert PASSWORD in text
    for username in (
        "county",
        "leader",
        "town",
        "liaison",
        "reviewer",
        "auditor",
        "sysadmin",
        "secadmin",
    ):
        assert f"  {username} " in text
    assert "42 个村" in text


def test_it_refuses_a_database_that_already_holds_a_person(make_person: Any, settings: Any) -> None:
    settings.DEBUG = True
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


def test_outside_development_it_refuses_without_the_explicit_flag(settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError) as refused:
        call_command("demo", stdout=io.StringIO())
    assert refused.value.returncode == 1
    assert "演示账号的密码是公开的" in str(refused.value)
    assert "--accept-published-password" in str(refused.value)
    assert not User.objects.exists() and not Person.objects.exists()


def test_with_the_flag_every_demo_account_must_change_its_password(settings: Any) -> None:
    settings.DEBUG = False
    out = io.StringIO()
    call_command("demo", "--accept-published-password", stdout=out)
    users = User.objects.all()
    assert users.count() == 8  # the six demo roles, the system and the security administrator
    assert all(user.must_change_password for user in users)
    assert "首次登录须修改密码" in out.getvalue()
    assert "http://" not in out.getvalue()  # no URL is invented when none was given


def test_in_development_demo_accounts_log_in_without_a_forced_change(settings: Any) -> None:
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo", "--url", "http://127.0.0.1:8101/", stdout=out)
    assert not User.objects.filter(must_change_password=True).exists()
    assert "打开 http://127.0.0.1:8101/ ，" in out.getvalue()
