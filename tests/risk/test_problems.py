"""The problem list (问题清单): listing, progress, closing with a note, overdue, scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from houbei.audit.models import AuditEntry

LATE = dt.date(2020, 1, 1)


@pytest.fixture
def problem(tree: Any, risk_round: Any) -> Any:
    from houbei.risk.services import create_problem

    fields = {
        "kind": "petition_backlog",
        "title": "土地纠纷上访",
        "owner_name": "张副书记",
        "due_on": LATE,
    }
    return create_problem(village=tree["a1"], election_round=risk_round, fields=fields, actor=None)


def test_a_liaison_lists_a_problem_of_their_village(tree: Any, risk_round: Any, login: Any) -> None:
    from houbei.risk.models import Problem

    url = reverse("risk:problem_create", args=[tree["a1"].pk])
    data = {
        "kind": "clan_dispute",
        "title": "两姓宗族矛盾",
        "owner_name": "刘国栋",
        "due_on": "2026-12-31",
    }

    response = login("liaison").post(url, data)

    problem = Problem.objects.get()
    assert response.status_code == 302
    assert (problem.kind, problem.village, problem.is_open) == ("clan_dispute", tree["a1"], True)


def test_a_liaison_cannot_list_problems_elsewhere(tree: Any, risk_round: Any, login: Any) -> None:
    url = reverse("risk:problem_create", args=[tree["a3"].pk])

    assert login("liaison").get(url).status_code == 404


def test_a_liaison_does_not_see_other_villages_problems(
    tree: Any, risk_round: Any, problem: Any, login: Any
) -> None:
    from houbei.risk.services import create_problem

    fields = {"kind": "other", "title": "别村的问题", "owner_name": "某人", "due_on": LATE}
    other = create_problem(village=tree["a3"], election_round=risk_round, fields=fields, actor=None)
    client = login("liaison")

    listing = client.get(reverse("risk:problem_list")).content.decode()

    assert "土地纠纷上访" in listing and "别村的问题" not in listing
    assert client.get(reverse("risk:problem_detail", args=[other.pk])).status_code == 404
    assert (
        client.post(reverse("risk:problem_progress", args=[other.pk]), {"note": "x"}).status_code
        == 404
    )


def test_closing_without_a_note_is_refused_with_a_clear_message(problem: Any, login: Any) -> None:
    url = reverse("risk:problem_close", args=[problem.pk])

    response = login("town").post(url, {"note": "  "}, follow=True)

    problem.refresh_from_db()
    assert problem.is_open
    assert "销号必须填写整改结果说明" in response.content.decode()


def test_closing_with_a_note_is_recorded(problem: Any, login: Any) -> None:
    url = reverse("risk:problem_close", args=[problem.pk])

    response = login("town").post(url, {"note": "经调解双方达成协议，已签字"})

    problem.refresh_from_db()
    assert response.status_code == 302
    assert (problem.is_open, problem.closed_by.username) == (False, "town")
    assert AuditEntry.objects.filter(
        action="risk.problem.closed", target_id=str(problem.pk)
    ).exists()


def test_a_liaison_may_not_close_problems(problem: Any, login: Any) -> None:
    url = reverse("risk:problem_close", args=[problem.pk])

    assert login("liaison").post(url, {"note": "已解决"}).status_code == 403


def test_closing_is_a_post(problem: Any, login: Any) -> None:
    assert login("town").get(reverse("risk:problem_close", args=[problem.pk])).status_code == 405


def test_progress_is_kept_line_by_line(problem: Any, login: Any) -> None:
    client = login("liaison")
    client.post(reverse("risk:problem_progress", args=[problem.pk]), {"note": "第一次调解"})

    page = client.get(reverse("risk:problem_detail", args=[problem.pk])).content.decode()

    assert "第一次调解" in page


def test_overdue_problems_stand_out(problem: Any, login: Any) -> None:
    page = login("town").get(reverse("risk:problem_list")).content.decode()

    assert 'class="overdue"' in page and "已逾期" in page


def test_the_problem_list_costs_the_same_queries_for_more_rows(
    tree: Any, risk_round: Any, login: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from houbei.risk.services import create_problem

    client = login("town")
    counts = []
    for n in (2, 20):
        for i in range(n):
            fields = {"kind": "other", "title": f"问题{n}-{i}", "owner_name": "x", "due_on": LATE}
            create_problem(village=tree["a1"], election_round=risk_round, fields=fields, actor=None)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("risk:problem_list")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_problem_list_exports_to_excel_with_chinese_headers(problem: Any, login: Any) -> None:
    import io

    from python_calamine import CalamineWorkbook

    response = login("town").get(reverse("risk:export_problems"))

    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[0][:5] == ["乡镇", "管理区", "村", "问题类型", "问题"]
    assert rows[1][4] == "土地纠纷上访" and rows[1][9] == "逾期"
    assert AuditEntry.objects.filter(action="risk.export.downloaded").exists()
