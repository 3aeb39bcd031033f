"""The demo town built once per test module: building it takes seconds, reading it is cheap."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from houbei.demo import build_demo
from houbei.demo.context import DemoContext

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_town(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoContext]:
    """Built inside a transaction that is rolled back when the module's tests are done; each
    test still runs in its own savepoint (pytest-django's `db`), so tests stay independent."""
    fast = override_settings(PASSWORD_HASHERS=FAST_HASHERS)
    with django_db_blocker.unblock(), fast, transaction.atomic():
        yield build_demo()
        transaction.set_rollback(True)
