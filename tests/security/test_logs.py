"""No ID number, password, session key or CSRF token reaches any log line."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from houbei.lib.idnumber import make_id_number
from houbei.people.models import Person
from tests.conftest import PASSWORD

ID_NUMBER = make_id_number("410782", dt.date(1968, 11, 23), 37)
WRONG_PASSWORD = "Guess-This-0ne-77"  # noqa: S105


def _everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    lines = []
    for record in caplog.records:
        lines.append(record.getMessage())
        lines.append(repr(record.args))
        lines.append(record.exc_text or "")
        lines.append(repr({k: v for k, v in vars(record).items() if k not in ("msg", "args")}))
    return "\n".join(lines)


def test_a_working_session_logs_no_secret(
    caplog: pytest.LogCaptureFixture, personas: Any, tree: Any
) -> None:
    for name in ("", "django", "django.request", "django.security", "axes", "houbei"):
        caplog.set_level(logging.DEBUG, logger=name)
    client = Client()
    client.post(reverse("accounts:login"), {"username": "town", "password": WRONG_PASSWORD})
    client.post(reverse("accounts:login"), {"username": "town", "password": PASSWORD})
    session_key = client.cookies["sessionid"].value
    csrf_token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else "-"
    form = {
        "name": "赵六", "id_number": ID_NUMBER, "ethnicity": "01", "political_status": "13",
        "education": "61", "village": tree["a1"].pk, "health": "healthy",
    }  # fmt: skip
    bad = {**form, "id_number": ID_NUMBER[:-1] + ("0" if ID_NUMBER[-1] != "0" else "1")}
    client.post(reverse("people:person_create"), bad)
    client.post(reverse("people:person_create"), form)
    person = Person.objects.get(name="赵六")
    revealed = client.post(reverse("people:person_reveal", args=[person.pk]), {"reason": "核对"})
    assert ID_NUMBER in revealed.content.decode()  # the number did travel: to the page only
    client.get(reverse("people:person_detail", args=[person.pk + 999]))
    client.get(reverse("audit:entry_list"))  # a denial (403) is logged

    logged = _everything_logged(caplog)
    assert caplog.records, "nothing was logged: the capture did not work"
    for secret in (
        ID_NUMBER,
        ID_NUMBER[6:14] + ID_NUMBER[14:],
        PASSWORD,
        WRONG_PASSWORD,
        session_key,
        csrf_token,
    ):
        assert secret not in logged
