"""Password policy (等保): length, classes, context words, history, age, first-login change."""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from houbei.accounts.models import PasswordHistory, User
from houbei.audit.models import AuditEntry
from tests.conftest import PASSWORD

SLOW_OK = hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
LETTERS = string.ascii_letters
OTHERS = string.digits + "!#%+-=@_."
PLACES = ["wucun", "huixian", "dangjian", "baiquan", "zhangcun"]


def _refused(password: str, user: Any) -> bool:
    try:
        validate_password(password, user)
    except ValidationError:
        return True
    return False


@st.composite
def strong_passwords(draw: Any) -> str:
    """Letters never three in a row (so no word fits), digits never two in a row (no date)."""
    pairs = draw(st.integers(min_value=6, max_value=16))
    letters = draw(st.lists(st.sampled_from(LETTERS), min_size=pairs, max_size=pairs))
    others = draw(st.lists(st.sampled_from(OTHERS), min_size=pairs, max_size=pairs))
    text = "".join(a + b for a, b in zip(letters, others, strict=True))
    return "aZ7!" + text


@pytest.fixture
def someone(tree: Any) -> User:
    return User.objects.create_user(
        "liping", full_name="李平", role="town_staff", region=tree["town_a"], password=PASSWORD
    )


@SLOW_OK
@given(password=strong_passwords())
def test_strong_passwords_are_accepted(someone: User, password: str) -> None:
    assert not _refused(password, someone), password


@SLOW_OK
@given(password=strong_passwords(), cut=st.integers(min_value=1, max_value=11))
def test_short_passwords_are_refused(someone: User, password: str, cut: int) -> None:
    assert _refused(password[:cut], someone)


@SLOW_OK
@given(
    chars=st.sampled_from(
        [string.ascii_lowercase, string.ascii_uppercase + string.digits, string.digits + "!@#"]
    ),
    data=st.data(),
)
def test_passwords_with_fewer_than_three_classes_are_refused(
    someone: User, chars: str, data: Any
) -> None:
    password = data.draw(st.text(alphabet=chars, min_size=12, max_size=30))
    assert _refused(password, someone)


@SLOW_OK
@given(
    password=strong_passwords(),
    word=st.sampled_from(["liping", "LiPing", "LIPING", *PLACES, "password", "admin"]),
    at=st.integers(min_value=0, max_value=40),
)
def test_names_places_and_common_words_are_refused(
    someone: User, password: str, word: str, at: int
) -> None:
    assert _refused(password[:at] + word + password[at:], someone)


@SLOW_OK
@given(
    password=strong_passwords(),
    day=st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2030, 12, 31)),
    shape=st.sampled_from(["%Y%m%d", "%Y-%m-%d", "%Y.%m.%d"]),
)
def test_birthday_like_dates_are_refused(
    someone: User, password: str, day: dt.date, shape: str
) -> None:
    assert _refused(password + day.strftime(shape), someone)


def _change(user: User, new: str) -> None:
    validate_password(new, user)
    user.set_password(new)
    user.save()


def test_the_last_five_passwords_cannot_be_used_again(someone: User) -> None:
    used = [f"Hist-{n}x-Pass-Q{n}z" for n in range(1, 6)]
    for password in used:
        _change(someone, password)
    for password in [PASSWORD, *used][-5:]:
        assert _refused(password, someone), password
    assert not _refused(PASSWORD, someone)  # six changes ago: allowed again
    assert PasswordHistory.objects.filter(user=someone).count() == 5


def test_history_keeps_hashes_not_passwords(someone: User) -> None:
    stored = list(PasswordHistory.objects.filter(user=someone).values_list("password", flat=True))
    assert stored and all(PASSWORD not in value for value in stored)


def test_the_change_form_refuses_a_reused_password(personas: Any) -> None:
    client = Client()
    client.force_login(personas["town"])
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "不能与最近5次使用过的密码相同" in response.content.decode()


def test_first_login_forces_a_password_change(personas: Any) -> None:
    User.objects.filter(pk=personas["town"].pk).update(must_change_password=True)
    client = Client()
    client.force_login(personas["town"])
    response = client.get(reverse("people:person_list"))
    assert response.status_code == 302 and response["Location"] == reverse(
        "accounts:password_change"
    )
    assert "首次登录" in client.get(reverse("accounts:password_change")).content.decode()
    new = "Brand-New-Pass-81x"
    changed = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert changed.status_code == 302
    assert client.get(reverse("people:person_list")).status_code == 200
    user = User.objects.get(pk=personas["town"].pk)
    assert not user.must_change_password and user.check_password(new)
    assert AuditEntry.objects.filter(action="accounts.password.changed", actor=user).count() == 1


def test_an_old_password_must_be_changed(personas: Any, settings: Any) -> None:
    settings.PASSWORD_MAX_AGE_DAYS = 90
    client = Client()
    client.force_login(personas["town"])
    User.objects.filter(pk=personas["town"].pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=89)
    )
    assert client.get(reverse("people:person_list")).status_code == 200
    User.objects.filter(pk=personas["town"].pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=91)
    )
    response = client.get(reverse("people:person_list"))
    assert response["Location"] == reverse("accounts:password_change")
    assert "已超过有效期" in client.get(reverse("accounts:password_change")).content.decode()


def test_the_maximum_age_can_be_switched_off(personas: Any, settings: Any) -> None:
    settings.PASSWORD_MAX_AGE_DAYS = 0
    User.objects.filter(pk=personas["town"].pk).update(
        password_changed_at=timezone.now() - dt.timedelta(days=900)
    )
    client = Client()
    client.force_login(personas["town"])
    assert client.get(reverse("people:person_list")).status_code == 200


def test_setting_a_password_records_when(tree: Any) -> None:
    user = User.objects.create_user("dated", password=PASSWORD, role="town_staff")
    assert user.password_changed_at is not None
    assert timezone.now() - user.password_changed_at < dt.timedelta(minutes=1)
