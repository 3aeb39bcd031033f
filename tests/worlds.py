"""Worlds: rows that many tests read, built once and held in an open transaction.

A world is a session-scoped fixture (`_tree_world`, `_personas_world`, `_demo_world` in
tests/conftest.py) that builds its rows inside `transaction.atomic()` and keeps that transaction
open while consecutive tests use it. Each test still runs in its own savepoint (pytest-django's
`db`), so whatever a test writes is rolled back and the next test finds the world as it was built;
the fixtures hand each test a deep copy of the Python objects for the same reason.

When the next test does not use a world, `close_unused` rolls the world back before that test
starts, so a test that does not ask for a world never sees its rows; a later test that asks for it
builds it again (`refuse_foreign` checks this before every test). `order` puts the demo's tests
last, so the demo town is built once per session.
A test that flushes the database (`transaction=True`, `live_server`) cannot run inside a world:
`check` refuses it at collection (such a module overrides `tree` and `personas`, see
tests/browser/conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from django.db import transaction
from django.test import override_settings

T = TypeVar("T")
TREE, PERSONAS, DEMO = "_tree_world", "_personas_world", "_demo_world"
# Inner worlds first: a world is closed before the one it was built on.
WORLDS = (DEMO, PERSONAS, TREE)
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
FLUSHING = ("transactional_db", "live_server", "django_db_reset_sequences")


OPEN: set[str] = set()  # the worlds built and not rolled back yet


def hold(name: str, blocker: Any, build: Callable[[], T]) -> Iterator[T]:
    """Build inside a transaction (a savepoint within an outer world) and roll it back at the
    end. The database is unblocked only while building and rolling back."""
    with blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                built = build()
        except BaseException as error:
            atomic.__exit__(type(error), error, error.__traceback__)
            raise
    OPEN.add(name)
    try:
        yield built
    finally:
        OPEN.discard(name)
        with blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _uses(item: pytest.Item, world: str) -> bool:
    return world in getattr(item, "fixturenames", ())


def _flushes(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction")
        or marker.kwargs.get("reset_sequences")
        or (marker.args and marker.args[0])
    ):
        return True
    return any(_uses(item, name) for name in FLUSHING)


def check(items: list[pytest.Item]) -> None:
    """A flushing test inside a world would wipe it (and break its transaction); the demo and
    the small tree both hold 吴村镇, so no test may use both."""
    for item in items:
        held = [world for world in WORLDS if _uses(item, world)]
        if held and _flushes(item):
            raise pytest.UsageError(
                f"{item.nodeid}: a transactional test cannot use the shared {held}; override "
                "`tree` and `personas` in its module (see tests/browser/conftest.py)"
            )
        if _uses(item, DEMO) and _uses(item, TREE):
            raise pytest.UsageError(f"{item.nodeid}: uses both the demo town and the test tree")


def order(items: list[pytest.Item]) -> None:
    """The demo's tests last (in their own order), so the demo town is built once."""
    items.sort(key=lambda item: _uses(item, DEMO))


def refuse_foreign(item: pytest.Item) -> None:
    """The invariant `close_unused` keeps: no test starts inside a world it did not ask for."""
    foreign = sorted(world for world in OPEN if not _uses(item, world))
    if foreign:
        raise RuntimeError(f"{item.nodeid} would run inside {foreign}, which it does not use")


def close_unused(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """Roll back the worlds this test held that the next one does not use (pytest's own
    teardown has already rolled back the test's savepoint). `finish` resets the fixture's
    cache, so a later test that asks for the world builds it again."""
    if nextitem is None:
        return  # the session's teardown closes everything
    # Private pytest API (pinned in pyproject.toml): a fixture's definition and its `finish`.
    definitions = getattr(item, "_fixtureinfo", None)
    if definitions is None:
        return
    for world in WORLDS:
        if _uses(nextitem, world) or world not in definitions.name2fixturedefs:
            continue
        fixturedef = definitions.name2fixturedefs[world][-1]
        if fixturedef.cached_result is not None:
            fixturedef.finish(item._request)  # type: ignore[attr-defined]
