"""schemathesis against the API's own OpenAPI description (docs/security.md item 29), on the
demo town, as a liaison, as town staff and anonymous: no 5xx for any generated input, every answer
documented and matching its schema, and the liaison's token never sees a village outside its own
(item 13). Four examples per operation, three callers each: about a minute on a busy machine."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from houbei.api.main import api
from houbei.regions.models import Region
from tests.api.conftest import token_for

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = WSGIHandler()
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def fuzz_tokens(demo: Any, settings: Any) -> Iterator[dict[str, Any]]:
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_RATE_PER_MINUTE = 100000
    liaison = demo.users["liaison"]
    # The plain WSGI handler closes the database connection at the end of each request (as in
    # production); the test's transaction lives on that connection, so while the fuzzer runs,
    # requests keep it open, as Django's own test client does.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield {
            "liaison": token_for(liaison),
            "town": token_for(demo.users["town"]),
            "villages": set(Region.objects.visible_to(liaison).values_list("pk", flat=True)),
        }
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _villages_in(body: Any) -> set[int]:
    """The villages an answer names: list items and single objects, by `village_id`."""
    rows = body.get("items", [body]) if isinstance(body, dict) else []
    return {int(row["village_id"]) for row in rows if isinstance(row, dict) and "village_id" in row}


@schema.parametrize()
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_holds_its_schema_under_generated_input(case: Any, fuzz_tokens: Any) -> None:
    for who in ("liaison", "town"):
        headers = {"Authorization": f"Bearer {fuzz_tokens[who]}"}
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        if who == "liaison" and response.status_code == 200:
            assert _villages_in(response.json()) <= fuzz_tokens["villages"]
    anonymous = case.call_and_validate(checks=CHECKS)
    assert anonymous.status_code in (401, 405, 422)
