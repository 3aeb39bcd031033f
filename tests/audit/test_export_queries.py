"""The audit log export as a background job writes it: to a path, xlsx or csv, the same queries
at two sizes, its own entry first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from houbei.audit import record
from houbei.audit.exports import write_audit_log
from houbei.audit.models import AuditEntry
from tests.export_queries import run

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_the_log_is_written_in_the_same_queries_at_two_sizes(
    personas: Any, tmp_path: Path, kind: Any
) -> None:
    auditor, town = personas["auditor"], personas["town"]
    filters = {"action": "people.person.exported"}
    record(town, "people.person.exported", None, {"rows": 1}, region=town.region)
    small = run(
        write_audit_log, tmp_path / f"1.{kind}", actor=auditor, filters=filters, file_format=kind
    )
    for n in range(30):
        record(town, "people.person.exported", None, {"rows": n}, region=town.region)
    large = run(
        write_audit_log, tmp_path / f"31.{kind}", actor=auditor, filters=filters, file_format=kind
    )

    assert (small[0], large[0]) == (1, 31) and (small[2], large[2]) == (2, 32)
    assert small[1] == large[1]
    assert AuditEntry.objects.filter(action="audit.log.exported").count() == 2
