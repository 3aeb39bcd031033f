"""Keyset pages walk every row once, in order, also over sort keys that may be NULL."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from houbei.lib.paging import keyset_page
from houbei.regions.models import Level, Region
from houbei.regions.services import create_region


def _walk(queryset: Any, keys: tuple[str, ...], size: int) -> list[int]:
    seen: list[int] = []
    token = None
    for _ in range(100):
        page = keyset_page(queryset, keys=keys, token=token, size=size)
        seen += [row.pk for row in page.items]
        token = page.next_token
        if token is None:
            return seen
    raise AssertionError("paging did not end")


@pytest.mark.django_db
@pytest.mark.parametrize("keys", [("code", "id"), ("-code", "-id")])
def test_pages_cover_rows_whose_sort_key_is_null(tree: dict[str, Any], keys: Any) -> None:
    for number in range(5):
        create_region(name=f"无码村{number}", level=Level.VILLAGE, parent=tree["town_b"])
    villages = Region.objects.filter(level=Level.VILLAGE)
    expected = list(villages.values_list("pk", flat=True))
    assert villages.filter(code__isnull=True).count() == 5
    for size in (1, 2, 3, 4):
        walked = _walk(villages, keys, size)
        assert sorted(walked) == sorted(expected) and len(walked) == len(set(walked))
        coded = [pk for pk in walked if villages.get(pk=pk).code]
        assert walked[: len(coded)] == coded  # NULLs last on both databases


@pytest.mark.django_db
def test_the_village_list_pages_past_a_village_without_a_code(
    client: Any, tree: Any, personas: Any
) -> None:
    for number in range(60):
        create_region(name=f"新村{number:02d}", level=Level.VILLAGE, parent=tree["town_a"])
    client.force_login(personas["county"])
    response = client.get(reverse("regions:village_list"))
    names: list[str] = []
    while True:
        assert response.status_code == 200
        page = response.context["page"]
        names += [village.name for village in page.items]
        if page.next_token is None:
            break
        response = client.get(reverse("regions:village_list"), {"after": page.next_token})
    assert len(names) == len(set(names)) == response.context["total"]


@pytest.mark.django_db
@pytest.mark.parametrize("keys", [("name", "id"), ("-name", "-id")])
def test_a_deep_page_starts_at_a_bound_on_the_first_key_and_misses_no_tie(
    tree: dict[str, Any], keys: Any
) -> None:
    """The redundant `first >= last value` bound (for an index to start from) keeps the rows
    that tie on the first key and follow on the second."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(3):
        for town in ("town_a", "town_b"):
            create_region(name=f"同名村{number}", level=Level.VILLAGE, parent=tree[town])
    villages = Region.objects.filter(level=Level.VILLAGE)
    expected = list(villages.values_list("pk", flat=True))
    for size in (1, 2, 3):
        walked = _walk(villages, keys, size)
        assert sorted(walked) == sorted(expected) and len(walked) == len(set(walked))
    first = keyset_page(villages, keys=keys, token=None, size=2)
    with CaptureQueriesContext(connection) as queries:
        keyset_page(villages, keys=keys, token=first.next_token, size=2)
    bound = '"name" <= ' if keys[0].startswith("-") else '"name" >= '
    assert bound in queries[-1]["sql"]
