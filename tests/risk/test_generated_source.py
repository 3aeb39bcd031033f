"""The generated source of the rules is visible: `houbei assess --show-source` prints it, and
tracebacks and `inspect` show the generated lines (they are registered in linecache)."""

from __future__ import annotations

import copy
import inspect
import io
import linecache
import traceback
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from houbei.risk.defaults import RISK
from houbei.risk.engine.scoring import Rules, filename, sources
from houbei.risk.rules import MEASURES


def _show(*args: str) -> str:
    out = io.StringIO()
    call_command("assess", "--show-source", *args, stdout=out)
    return out.getvalue()


def test_show_source_prints_the_python_and_the_sql_without_assessing(
    tree: Any, risk_round: Any
) -> None:
    from houbei.risk.models import Assessment, AssessmentRun

    text = _show()

    generated = sources(RISK)
    assert generated["judge"] in text and generated["suggest"] in text
    assert filename("judge", generated["judge"]) in text
    assert "-- ---- SQL" in text and "SELECT c.id, c.score" in text
    assert f"--   round = {risk_round.pk}" in text
    assert "2026年换届（辉县市）规则第1版" in text
    assert (Assessment.objects.count(), AssessmentRun.objects.count()) == (0, 0)


def test_show_source_follows_the_rules_of_the_current_version(tree: Any, risk_round: Any) -> None:
    from houbei.rounds.services import current_rules, save_rules

    rules = copy.deepcopy(current_rules(risk_round).rules)
    rules["risk"]["colours"][0]["min"] = 91
    save_rules(risk_round, rules=rules, source_document="测试文件", note="提高绿色门槛", actor=None)

    text = _show("--region", tree["a1"].code)

    assert "规则第2版" in text
    assert "if total >= 91:" in text and "WHEN s.score >= 91 THEN" in text


def test_show_source_says_when_there_is_no_round(tree: Any) -> None:
    with pytest.raises(CommandError, match="没有本届换届"):
        _show("--region", tree["town_a"].code)


def test_inspect_reads_the_generated_source() -> None:
    rules = Rules(RISK)

    assert inspect.getsource(rules._judge) == sources(RISK)["judge"] + "\n"
    assert inspect.getsourcefile(rules._suggest) == filename("suggest", sources(RISK)["suggest"])


class _Treacherous:
    """Passes the engine's number check, then fails to compare: an error inside judge()."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return int

    def __le__(self, other: Any) -> bool:
        raise ArithmeticError("比较失败")


def test_a_traceback_shows_the_generated_line() -> None:
    rules = Rules(RISK)
    measures: list[Any] = [0] * len(MEASURES)
    measures[0] = _Treacherous()  # members_short: the first band is `<= 0`

    with pytest.raises(ArithmeticError) as raised:
        rules.judge(measures)

    text = "".join(traceback.format_exception(raised.value))
    path = filename("judge", sources(RISK)["judge"])
    assert f'File "{path}", line 4, in judge' in text
    assert "elif v_members_short <= 0:" in text
    assert linecache.getline(path, 4).strip() == "elif v_members_short <= 0:"
