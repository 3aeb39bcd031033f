"""The town's and county's dashboard, the weekly run button, exports and colour counts."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from houbei.audit.models import AuditEntry


def test_the_dashboard_shows_villages_by_colour(assessed: Any, login: Any) -> None:
    response = login("town").get(reverse("risk:dashboard"))

    page = response.content.decode()
    counts = dict(re.findall(r'data-colour="(\w+)"><span class="count">(\d+)', page))
    assert counts == {"red": "2", "orange": "0", "yellow": "0", "green": "1"}
    assert 'id="risk-grid"' in page and "张屯村" in page and "蒋庄村" not in page


def test_the_trend_is_passed_to_the_chart_as_json(assessed: Any, login: Any) -> None:
    page = login("county").get(reverse("risk:dashboard")).content.decode()

    data = re.search(r'<script id="risk-trend" type="application/json">(.*?)</script>', page)
    trend = json.loads(data.group(1))
    assert len(trend["labels"]) == 1
    assert {s["colour"]: s["data"] for s in trend["series"]}["red"] == [3]
    assert "risk/dashboard.js" in page and "<script>" not in page


def test_a_liaison_sees_only_their_villages(assessed: Any, login: Any) -> None:
    page = login("liaison").get(reverse("risk:dashboard")).content.decode()

    assert "张屯村" in page and "潘村" in page and "王展村" not in page


def test_the_weekly_run_reports_its_counts(tree: Any, risk_round: Any, login: Any) -> None:
    response = login("town").post(reverse("risk:assessment_run"), follow=True)

    assert "本周研判完成：共 3 个村" in response.content.decode()
    assert AuditEntry.objects.filter(action="risk.assessment.ran").exists()


def test_the_run_is_a_post_for_town_office_only(tree: Any, risk_round: Any, login: Any) -> None:
    assert login("town").get(reverse("risk:assessment_run")).status_code == 405
    assert login("liaison").post(reverse("risk:assessment_run")).status_code == 403
    assert login("county").post(reverse("risk:assessment_run")).status_code == 403


def _dashboard_queries(client: Any) -> int:
    """The queries of the page drawn afresh (the cached path: test_dashboard_cache.py)."""
    caches["dashboards"].clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("risk:dashboard")).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_dashboard_costs_the_same_queries_for_10_and_1100_villages(client: Any) -> None:
    from houbei.accounts.models import User
    from houbei.devtools.risk_bench import build
    from houbei.risk.services import run_assessment

    counts = []
    for size, code in ((10, "450000000000"), (1100, "440000000000")):
        election_round = build(size, code=code)
        run_assessment(region=election_round.region, actor=None)
        county = election_round.region.children.get().children.first()
        user = User.objects.create_user(username=f"c{code}", role="county_officer", region=county)
        client.force_login(user)
        counts.append(_dashboard_queries(client))
    assert counts[0] == counts[1]
    assert counts[0] <= 12


def test_colour_counts_read_the_latest_snapshots(assessed: Any) -> None:
    from houbei.regions.models import Region
    from houbei.risk.queries import colour_counts

    villages = Region.objects.villages().filter(town=assessed["town_a"])

    assert colour_counts(villages) == {"red": 2, "orange": 0, "yellow": 0, "green": 1}


def test_the_risk_table_exports_with_reasons(assessed: Any, login: Any) -> None:
    import io

    from python_calamine import CalamineWorkbook

    response = login("town").get(reverse("risk:export_risk"))

    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[0][:5] == ["乡镇", "管理区", "村", "区划代码", "颜色"]
    by_name = {row[2]: row for row in rows[1:]}
    assert set(by_name) == {"张屯村", "潘村", "王展村"}
    assert "书记空缺且无成熟的书记后备" in by_name["潘村"][10]


def test_the_export_is_scoped_like_the_pages(assessed: Any, login: Any) -> None:
    response = login("liaison").get(reverse("risk:export_risk"))

    import io

    from python_calamine import CalamineWorkbook

    content = b"".join(response.streaming_content)
    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    assert "王展村" not in str(rows) and len(rows) > 1
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
