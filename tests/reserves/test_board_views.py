"""The board, the pool, the bench and the roster: scope, filters, constant query counts."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook

from houbei.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_board_shows_candidates_by_stage(client: Any, personas: Any, walk: Any) -> None:
    walk("screened", name="李返乡")
    client.force_login(personas["town"])

    response = client.get("/reserves/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "李返乡" in text and 'data-stage="screened"' in text


def test_the_board_filters_by_post_and_background(client: Any, personas: Any, walk: Any) -> None:
    walk("nominated", name="王书记", post="secretary")
    walk("nominated", name="赵委员", post="member")
    client.force_login(personas["town"])

    text = client.get("/reserves/?post=member").content.decode()

    assert "赵委员" in text and "王书记" not in text


def test_a_liaison_sees_only_their_villages_candidates(
    client: Any, personas: Any, walk: Any, tree: Any
) -> None:
    walk("nominated", name="甲村人", village=tree["a1"])
    outside = walk("nominated", name="乙村人", village=tree["a3"])
    client.force_login(personas["liaison"])

    text = client.get("/reserves/").content.decode()

    assert "甲村人" in text and "乙村人" not in text
    assert client.get(f"/reserves/candidates/{outside.pk}/").status_code == 404


def test_another_town_sees_nothing_of_town_a(client: Any, personas: Any, walk: Any) -> None:
    candidate = walk("pooled", name="甲镇人")
    client.force_login(personas["town_b"])

    assert "甲镇人" not in client.get("/reserves/").content.decode()
    assert "甲镇人" not in client.get("/reserves/pool/").content.decode()
    assert client.get(f"/reserves/candidates/{candidate.pk}/").status_code == 404
    assert client.get(f"/reserves/people/{candidate.person_id}/facts/").status_code == 404


def test_the_board_runs_the_same_queries_at_two_sizes(
    client: Any, personas: Any, walk: Any, tree: Any
) -> None:
    client.force_login(personas["town"])
    walk("nominated")
    client.get("/reserves/")  # warm the session
    small = _queries(client, "/reserves/")
    for village in ("a1", "a2", "a3"):
        walk("pooled", village=tree[village])
        walk("recommended", village=tree[village])

    assert _queries(client, "/reserves/") == small


def test_the_pool_lists_pooled_reserves_with_constant_queries(
    client: Any, personas: Any, walk: Any, tree: Any
) -> None:
    client.force_login(personas["town"])
    walk("pooled", name="入库人")
    walk("reviewed", name="联审人")
    client.get("/reserves/pool/")
    small = _queries(client, "/reserves/pool/")
    text = client.get("/reserves/pool/").content.decode()
    walk("pooled", village=tree["a2"])
    walk("pooled", village=tree["a3"])

    assert "入库人" in text and "联审人" not in text
    assert _queries(client, "/reserves/pool/") == small


def test_the_bench_highlights_villages_without_a_ready_secretary_reserve(
    client: Any, personas: Any, walk: Any, tree: Any
) -> None:
    walk("pooled", village=tree["a1"])
    client.force_login(personas["town"])

    response = client.get("/reserves/bench/")

    bench = {row["village"].name: row["bench"] for row in response.context["rows"]}
    assert bench["张屯村"].ready_secretary_reserves == 1 and bench["潘村"].reserves == 0
    assert response.context["summary"].without_ready_secretary == 2
    assert 'class="row-warn" data-village="潘村"' in response.content.decode()


def _roster(client: Any) -> tuple[list[list[Any]], int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/reserves/pool/roster.xlsx")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
    return sheet.to_python(), len(captured)


def test_the_roster_exports_masked_ids_with_chinese_headers_and_is_audited(
    client: Any, personas: Any, walk: Any, tree: Any
) -> None:
    candidate = walk("pooled", name="花名册人")
    walk("screened", name="未入库人")
    client.force_login(personas["town"])

    rows, small = _roster(client)
    walk("pooled", village=tree["a2"])
    walk("pooled", village=tree["a3"])
    more, large = _roster(client)

    assert rows[1][:5] == ["序号", "乡镇", "管理区", "村", "姓名"]
    names = [row[4] for row in rows[2:]]
    assert names == ["花名册人"]
    assert rows[2][11] == candidate.person.id_number_masked and "*" in rows[2][11]
    assert len(more) == len(rows) + 2 and large == small
    assert AuditEntry.objects.filter(action="reserves.roster.exported").count() == 2


def test_the_roster_is_refused_to_a_liaison(client: Any, personas: Any) -> None:
    client.force_login(personas["liaison"])

    assert client.get("/reserves/pool/roster.xlsx").status_code == 403


def test_the_board_filters_by_village_name_or_pinyin(
    client: Any, personas: Any, walk: Any, tree: Any
) -> None:
    walk("nominated", name="潘村人", village=tree["a2"])
    walk("nominated", name="张屯人", village=tree["a1"])
    client.force_login(personas["town"])

    text = client.get("/reserves/?village=pan").content.decode()

    assert "潘村人" in text and "张屯人" not in text


def _cards(page: str) -> list[str]:
    import re

    return re.findall(r'class="board-card" href="/reserves/candidates/(\d+)/"', page)


def test_every_card_of_a_crowded_stage_is_reachable_and_counts_match(
    client: Any, personas: Any, walk: Any, tree: Any, monkeypatch: Any
) -> None:
    import html
    import re

    from houbei.reserves.views import board

    monkeypatch.setattr(board, "PER_COLUMN", 2)
    monkeypatch.setattr(board, "PER_STAGE", 2)
    client.force_login(personas["town"])
    made = {str(walk("nominated", village=tree["a1" if i % 2 else "a2"]).pk) for i in range(5)}
    walk("pooled")

    page = client.get("/reserves/").content.decode()
    assert len(_cards(page)) == 2 + 1  # two of five nominated, the pooled one
    more = re.search(r'class="board-more" href="\?([^"]+)">该阶段共 5 人', page)
    assert more is not None

    seen: list[str] = []
    url = "/reserves/?" + html.unescape(more[1])
    stage_queries = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as captured:
            text = client.get(url).content.decode()
        stage_queries.append(len(captured))
        seen += _cards(text)
        following = re.search(r'<a href="\?([^"]+)">下一页</a>', text)
        if following is None:
            break
        url = "/reserves/?" + html.unescape(following[1])
    assert sorted(seen) == sorted(made)
    assert len(set(stage_queries[:2])) == 1, stage_queries


def test_the_board_and_a_stage_cost_the_same_queries_at_two_sizes(
    client: Any, personas: Any, walk: Any, tree: Any, monkeypatch: Any
) -> None:
    from houbei.reserves.views import board

    monkeypatch.setattr(board, "PER_COLUMN", 2)
    client.force_login(personas["town"])
    walk("nominated")
    client.get("/reserves/")
    small = [_queries(client, "/reserves/"), _queries(client, "/reserves/?stage=nominated")]
    for i in range(4):
        walk("nominated", village=tree["a2"])
        walk("pooled", village=tree["a1" if i % 2 else "a3"])

    large = [_queries(client, "/reserves/"), _queries(client, "/reserves/?stage=nominated")]
    assert large == small
    assert len(_cards(client.get("/reserves/").content.decode())) == 2 + 2
