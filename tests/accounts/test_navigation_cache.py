"""The navigation bar is a fragment cached per set of capabilities (docs/decisions/0030): each
role still sees exactly its own links, whichever role's page was drawn first."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


def _nav(client: Client, who: Any) -> str:
    client.force_login(who)
    response = client.get("/", follow=True)
    assert response.status_code == 200, response
    page = response.content.decode()
    return page[page.index('<nav class="mainnav">') : page.index("</nav>")]


@pytest.mark.django_db
def test_each_role_sees_its_own_links_from_the_cached_bar(client: Client, personas: Any) -> None:
    first = {role: _nav(client, personas[role]) for role in ("auditor", "county", "reviewer")}
    again = {role: _nav(client, personas[role]) for role in ("reviewer", "county", "auditor")}
    assert first == again
    assert "审计日志" in first["auditor"] and "审计日志" not in first["county"]
    assert "选情研判" in first["county"] and "选情研判" not in first["reviewer"]
    assert "联审队列" in first["reviewer"] and "联审队列" not in first["auditor"]
