"""`houbei assess` and `houbei bench assess`."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_assess_runs_for_a_region_by_its_code(tree: Any, risk_round: Any) -> None:
    from houbei.risk.models import Assessment, AssessmentRun

    out = io.StringIO()
    call_command("assess", "--region", tree["town_a"].code, stdout=out)

    assert "研判完成：3 个村" in out.getvalue()
    assert Assessment.objects.count() == 3
    assert AssessmentRun.objects.get().source == "command"


def test_assess_refuses_an_unknown_code(tree: Any) -> None:
    with pytest.raises(CommandError, match="不存在"):
        call_command("assess", "--region", "999999999999")


def test_assess_says_when_nothing_could_be_assessed(tree: Any) -> None:
    with pytest.raises(CommandError, match="没有可研判的村"):
        call_command("assess", "--region", tree["town_a"].code)


def test_bench_refuses_a_database_that_holds_data(tree: Any) -> None:
    with pytest.raises(CommandError, match="数据库不为空"):
        call_command("bench", "assess", "--villages", "10", "--in-place")


@pytest.mark.django_db
def test_bench_times_the_engine_against_one_statement() -> None:
    out = io.StringIO()

    call_command("bench", "assess", "--villages", "40", "--in-place", stdout=out)

    assert "村 40；" in out.getvalue() and "结果一致" in out.getvalue()
