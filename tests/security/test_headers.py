"""Security headers on every page; no inline script or style that the CSP would have to allow."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.walk import url_names, urls_for


def _csp(response: Any) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.fixture
def page(client: Client, personas: Any, make_person: Any, tree: Any) -> Any:
    person = make_person(tree["a1"])
    client.force_login(personas["town"])
    return client.get(reverse("people:person_detail", args=[person.pk]), secure=True)


def test_hsts_is_sent_over_https(page: Any) -> None:
    value = page["Strict-Transport-Security"]
    assert "max-age=31536000" in value and "includeSubDomains" in value


def test_hsts_is_not_sent_over_plain_http(client: Client, db: Any) -> None:
    assert "Strict-Transport-Security" not in client.get(reverse("accounts:login"))


def test_the_csp_allows_no_plugins_base_tags_framing_or_inline_script(page: Any) -> None:
    csp = _csp(page)
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    script = csp.get("script-src", csp["default-src"])
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert "*" not in script and not any(s.startswith(("http:", "https:")) for s in script)


def test_the_other_headers(page: Any) -> None:
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == "same-origin"
    assert page["X-Frame-Options"] == "DENY"
    assert page["Cache-Control"] == "no-store"


def test_pages_with_personal_data_are_not_stored(
    client: Client, personas: Any, make_person: Any
) -> None:
    person = make_person()
    client.force_login(personas["town"])
    for url in (reverse("people:person_list"), reverse("people:person_detail", args=[person.pk])):
        assert client.get(url)["Cache-Control"] == "no-store", url


def test_static_files_may_be_cached(client: Client, db: Any) -> None:
    response = client.get("/static/houbei/app.css")
    assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")


class _InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        data_only = dict(attrs).get("type") == "application/json"  # json_script: data, not code
        if tag == "script" and "src" not in names and not data_only:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        self.found += [
            f"{tag} {name}=" for name in names if name.startswith("on") or name == "style"
        ]


@pytest.mark.parametrize(
    "role", ["county", "town", "liaison", "reviewer", "auditor", "sysadmin", "secadmin"]
)
def test_no_page_carries_inline_script_or_style(
    client: Client, personas: Any, make_person: Any, role: str
) -> None:
    person = make_person()
    client.force_login(personas[role])
    found = {}
    for name in url_names():
        for url in urls_for(name, [person.pk, person.village_id]):
            response = client.get(url)
            if response.get("Content-Type", "").startswith("text/html"):
                finder = _InlineFinder()
                finder.feed(response.content.decode())
                if finder.found:
                    found[url] = finder.found
    assert found == {}
