"""The risk table and the problem list as a background job writes them: to a path, without a
request, scoped by the actor, the same queries at two sizes, audited."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from houbei.audit.models import AuditEntry
from houbei.risk.exports import write_problems, write_risk_table
from tests.export_queries import run

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)


def test_the_risk_table_is_written_in_the_same_queries_for_one_village_or_four(
    assessed: Any, personas: Any, tmp_path: Path
) -> None:
    one = run(write_risk_table, tmp_path / "1.xlsx", actor=personas["town_b"], today=TODAY)
    four = run(write_risk_table, tmp_path / "4.xlsx", actor=personas["county"], today=TODAY)

    assert (one[0], four[0]) == (1, 4) and (one[2], four[2]) == (2, 5)
    assert one[1] == four[1]
    kinds = AuditEntry.objects.filter(action="risk.export.downloaded").values_list(
        "changes", flat=True
    )
    assert [c["rows"] for c in kinds.order_by("pk")] == [1, 4]


def test_the_problem_list_is_written_in_the_same_queries_at_two_sizes(
    tree: Any, risk_round: Any, personas: Any, tmp_path: Path
) -> None:
    from houbei.risk.services import create_problem

    def add(count: int) -> None:
        for n in range(count):
            fields = {
                "kind": "petition_backlog",
                "title": f"问题{n}",
                "owner_name": "张三",
                "due_on": dt.date(2026, 11, 1),
            }
            create_problem(village=tree["a1"], election_round=risk_round, fields=fields, actor=None)

    add(1)
    small = run(write_problems, tmp_path / "1.xlsx", actor=personas["town"], today=TODAY)
    add(9)
    large = run(write_problems, tmp_path / "10.xlsx", actor=personas["town"], today=TODAY)
    other = run(write_problems, tmp_path / "b.xlsx", actor=personas["town_b"], today=TODAY)

    assert (small[0], large[0], other[0]) == (1, 10, 0)
    assert small[1] == large[1]
