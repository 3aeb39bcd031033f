"""No personal data in URLs: links, form targets and redirects carry only numeric keys."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

from django.test import Client
from django.urls import reverse

from houbei.lib import crypto
from tests.security.walk import url_names, urls_for


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value or "" for name, value in attrs if name in ("href", "src", "action")]
        self.urls += [value or "" for name, value in attrs if name.startswith("hx-")]


def test_no_page_links_to_a_url_with_a_name_or_id_number(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    people = [make_person(tree["a1"], name="欧阳娜娜"), make_person(tree["a2"], name="司马光")]
    secrets = []
    for person in people:
        number = crypto.decrypt(person.id_number_encrypted)
        secrets += [person.name, number, person.id_number_masked]
    client.force_login(personas["town"])
    seen: dict[str, list[str]] = {}
    for name in url_names():
        for url in urls_for(name, [people[0].pk, tree["a1"].pk]):
            response = client.get(url)
            links = _Links()
            if response.get("Content-Type", "").startswith("text/html"):
                links.feed(response.content.decode())
            seen[url] = [unquote(u) for u in links.urls] + [unquote(response.get("Location", ""))]
    leaks = {url: [u for u in found if any(s in u for s in secrets)] for url, found in seen.items()}
    assert {url: found for url, found in leaks.items() if found} == {}
    assert sum(len(found) for found in seen.values()) > 50  # the walk saw real pages


def test_object_urls_take_numeric_keys(db: Any) -> None:
    for name in url_names():
        url = urls_for(name, [12345])[0]
        assert re.fullmatch(r"[a-z0-9/_.\-]*", url), url
    assert reverse("people:person_detail", args=[7]) == "/people/7/"
