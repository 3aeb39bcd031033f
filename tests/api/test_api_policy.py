"""The API's role × operation walk (docs/security.md item 12): every operation of the OpenAPI
description, for every role and for anonymous, answers exactly as the declared table says.

Each role is walked with a token carrying every scope (made directly, so the roles that may not
create one are walked too): the capability table alone must stop them. Then each operation is
called by an allowed role whose token lacks the operation's scope: the scope alone must stop it.
"""

from __future__ import annotations

from typing import Any

import pytest

from houbei.api.main import api
from houbei.api.scopes import Scope
from houbei.api.tokens import create_token
from tests.api.conftest import ApiClient

ROLES = ["county", "leader", "town", "liaison", "reviewer", "auditor", "sysadmin"]
TOWN = {"county", "leader", "town", "liaison"}
FIELD = {"leader", "town", "liaison"}
R, P, W = Scope.READ, Scope.READ_PERSONAL, Scope.FIELDWORK
MISSING = 999999
TALK = {
    "kind": "talk",
    "village": MISSING,
    "held_on": "2026-05-01",
    "talked_by": "王书记",
    "topic": "换届意向",
    "summary": "谈了换届意向。",
}
SURVEY = {
    "person": MISSING,
    "source": "visit",
    "attitude": "stay",
    "performance": 3,
    "conduct": 3,
    "intention": "run_again",
}

# (method, path): (scope, roles allowed, body)
API_POLICY: dict[tuple[str, str], tuple[Scope, set[str], Any]] = {
    ("get", "/regions"): (R, TOWN, None),
    ("get", "/villages"): (R, TOWN, None),
    ("get", "/villages/{pk}"): (R, TOWN, None),
    ("get", "/villages/{pk}/committee"): (P, TOWN, None),
    ("get", "/people"): (P, TOWN, None),
    ("get", "/people/{pk}"): (P, TOWN, None),
    ("get", "/candidates"): (P, TOWN, None),
    ("get", "/candidates/{pk}"): (P, TOWN, None),
    ("post", "/talks"): (W, FIELD, TALK),
    ("get", "/assessments"): (R, TOWN, None),
    ("get", "/problems"): (R, TOWN, None),
    ("get", "/problems/{pk}"): (R, TOWN, None),
    ("post", "/problems/{pk}/notes"): (W, FIELD, {"note": "已整改。"}),
    ("post", "/villages/{pk}/surveys"): (W, FIELD, SURVEY),
    ("get", "/cultivation/sessions/{pk}"): (P, TOWN, None),
    ("post", "/cultivation/sessions/{pk}/attendance"): (
        W,
        {"leader", "town"},
        {"marks": [{"trainee": MISSING, "status": "present"}]},
    ),
    ("get", "/stats"): (R, TOWN, None),
}
SERVED = (200, 201, 404, 422)  # allowed: served, or the missing object, or the refused input


def _operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {
        (method, path.removeprefix("/api/v1"))
        for path, methods in paths.items()
        for method in methods
    }


def _call(client: ApiClient, method: str, path: str, body: Any) -> int:
    url = path.replace("{pk}", str(MISSING))
    response = client.get(url) if method == "get" else client.post(url, body)
    assert response["Content-Type"] == "application/json; charset=utf-8", (method, path)
    return int(response.status_code)


def _forged(user: Any) -> ApiClient:
    """A token with every scope, whatever the role may grant (as if the table were bypassed)."""
    from houbei.api.models import ApiToken
    from houbei.api.tokens import digest

    secret = f"hb_forged_{user.username}_" + "x" * 30
    ApiToken.objects.create(
        user=user,
        name="walk",
        prefix=secret[:8],
        digest=digest(secret),
        scopes=list(Scope.values),
        role=user.role,
        expires_at="2999-01-01T00:00:00Z",
    )
    return ApiClient(secret)


def test_every_operation_has_a_row() -> None:
    assert _operations() == set(API_POLICY)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_the_table_allows(personas: Any, role: str) -> None:
    client = _forged(personas[role])
    wrong = []
    for (method, path), (_, allowed, body) in API_POLICY.items():
        status = _call(client, method, path, body)
        ok = status in SERVED if role in allowed else status == 403
        if not ok:
            wrong.append((method, path, status))
    assert wrong == []


def test_anonymous_gets_401_everywhere(db: Any) -> None:
    client = ApiClient(None)
    answers = {key: _call(client, *key, body) for key, (_, _, body) in API_POLICY.items()}
    assert set(answers.values()) == {401}


def test_a_token_without_the_operations_scope_gets_403(personas: Any) -> None:
    wrong = []
    for (method, path), (scope, allowed, body) in API_POLICY.items():
        role = "town" if "town" in allowed else sorted(allowed)[0]
        others = [s for s in Scope.values if s != scope]
        _, secret = create_token(name="少一项", scopes=others, days=7, actor=personas[role])
        status = _call(ApiClient(secret), method, path, body)
        if status != 403:
            wrong.append((method, path, status))
    assert wrong == []
