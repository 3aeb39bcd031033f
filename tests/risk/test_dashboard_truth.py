"""The dashboard says exactly what it counts: problems before any run, overrides as changes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.urls import reverse
from django.utils import timezone

DASHBOARD = reverse("risk:dashboard")


def _problem(tree: Any, risk_round: Any, village: str, days: int) -> None:
    from houbei.risk.services import create_problem

    due = timezone.localdate() + dt.timedelta(days=days)
    fields = {"kind": "other", "title": "问题", "owner_name": "x", "due_on": due}
    create_problem(village=tree[village], election_round=risk_round, fields=fields, actor=None)


def _total(page: str, kind: str) -> int:
    found = re.search(rf'id="problems-{kind}-total">(\d+)<', page)
    assert found is not None
    return int(found.group(1))


def test_open_problems_are_counted_before_the_first_assessment(
    tree: Any, risk_round: Any, login: Any
) -> None:
    _problem(tree, risk_round, "a1", -3)
    _problem(tree, risk_round, "a2", 10)

    page = login("town").get(DASHBOARD).content.decode()

    assert (_total(page, "open"), _total(page, "overdue")) == (2, 1)
    assert "未研判" in page


def test_open_problems_of_assessed_villages_add_up_to_the_total(
    assessed: Any, risk_round: Any, login: Any
) -> None:
    _problem(assessed, risk_round, "a2", -1)

    page = login("town").get(DASHBOARD).content.decode()

    assert (_total(page, "open"), _total(page, "overdue")) == (1, 1)


def test_the_legend_says_what_the_mark_means(assessed: Any, login: Any) -> None:
    page = login("town").get(DASHBOARD).content.decode()

    assert "！不具备换届条件" in page and "！尚有问题未销号" not in page


def test_an_approved_override_is_listed_as_a_change(
    assessed: Any, personas: Any, login: Any
) -> None:
    from houbei.risk.models import Assessment
    from houbei.risk.services import propose_override

    green = Assessment.objects.get(village=assessed["a1"], is_latest=True)
    propose_override(green, colour="orange", reason="班子不团结", actor=personas["leader"])

    page = login("town").get(DASHBOARD).content.decode()
    changes = page.split('id="changes-this-week"')[1].split("</section>")[0]

    assert "张屯村" in changes and "经审批调整为" in changes
