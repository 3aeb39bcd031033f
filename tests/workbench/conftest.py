"""Helpers of the workbench tests: reading a page's counted lines and the rows behind a link."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

LINE = re.compile(
    r'<li id="wb-(?P<key>[\w-]+)"[^>]*>\s*<a href="(?P<url>[^"]+)"><span class="count" '
    r'data-count="(?P<count>\d+)"'
)
# What one row of each linked list looks like (the path the link opens → a row's mark).
ROW_MARKS = {
    "/risk/problems/": r'<a href="/risk/problems/\d+/">',
    "/reserves/": r'class="board-card"',
    "/risk/overrides/": r'action="/risk/overrides/\d+/decide/"',
    "/reserves/reviews/": r'class="button" href="/reserves/reviews/\d+/"',
    "/regions/villages/": r'<td data-label="村"><a href="/regions/villages/\d+/"',
    "/workbench/surveys/stale/": r'<td data-label="村"><a href="/risk/villages/\d+/"',
    "/workbench/reviews/waiting/": r'<a href="/reserves/candidates/\d+/">',
    "/workbench/towns/": r"<tr data-town=",
    "/reserves/approvals/": r'<tr class="approval"',
    "/risk/actions/": r'<tr class="meeting-action"',
    "/workbench/unfit/waiting/": r'<tr class="unfit-hit"',
    "/workbench/appointments/waiting/": r'<tr class="appointment"',
}


def lines_of(page: str) -> dict[str, tuple[str, int]]:
    """key → (url, count) of every line on the workbench."""
    return {
        m["key"]: (m["url"].replace("&amp;", "&"), int(m["count"])) for m in LINE.finditer(page)
    }


def rows_at(client: Any, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    path = url.split("?")[0]
    mark = next(mark for prefix, mark in ROW_MARKS.items() if path == prefix)
    return len(re.findall(mark, response.content.decode()))


@pytest.fixture
def login(client: Any, personas: dict[str, Any]) -> Callable[[str], Any]:
    def as_(name: str) -> Any:
        client.force_login(personas[name])
        return client

    return as_
