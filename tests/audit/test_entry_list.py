"""The auditor's search: whose records did account X read or export between t1 and t2."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from houbei.audit import record
from houbei.audit.catalogue import CATALOGUE, label
from houbei.audit.models import AuditEntry

LIST = reverse("audit:entry_list")
EXPORT = reverse("audit:entry_export")


@pytest.fixture
def history(personas: Any, make_person: Any, tree: Any) -> dict[str, Any]:
    zhang = make_person(tree["a1"], name="张三")
    li = make_person(tree["a2"], name="李四")
    wang = make_person(tree["b1"], name="王五")
    town = personas["town"]
    record(town, "people.id_number.revealed", zhang, {"reason": "核对"})
    record(town, "people.person.exported", li, {"rows": 1})
    record(town, "people.person.updated", wang, {"name": {"old": "王", "new": "王五"}})
    record(personas["leader"], "people.id_number.revealed", li, {"reason": "审核"})
    record(town, "somebody.thing.frobbed", zhang, {})
    return {"zhang": zhang, "li": li, "wang": wang}


def _auditor(client: Client, personas: Any) -> Client:
    client.force_login(personas["auditor"])
    return client


def _names(response: Any) -> list[str]:
    return [e.target_repr for e in response.context["page"].items]


def test_it_answers_whose_records_an_account_read_or_exported(
    client: Client, personas: Any, history: Any
) -> None:
    today = timezone.localdate().isoformat()
    response = _auditor(client, personas).get(
        LIST, {"actor": "town", "kind": "disclosure", "since": today, "until": today}
    )
    assert response.status_code == 200
    assert sorted(_names(response)) == ["张三", "李四"]


def test_dates_bound_the_answer(client: Client, personas: Any, history: Any) -> None:
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = _auditor(client, personas).get(
        LIST, {"actor": "town", "kind": "disclosure", "until": yesterday}
    )
    assert _names(response) == []
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.get(LIST, {"actor": "town", "kind": "disclosure", "since": tomorrow})
    assert _names(response) == []


def test_a_reversed_date_range_is_explained(client: Client, personas: Any, history: Any) -> None:
    response = _auditor(client, personas).get(LIST, {"since": "2026-05-02", "until": "2026-05-01"})
    assert "截止日期不能早于起始日期" in response.content.decode()
    assert _names(response) == []


def test_actions_show_in_chinese_and_unknown_codes_as_they_are(
    client: Client, personas: Any, history: Any
) -> None:
    body = _auditor(client, personas).get(LIST, {"actor": "town"}).content.decode()
    assert "查看完整身份号码" in body and "导出人员信息" in body
    assert "somebody.thing.frobbed" in body


def test_every_catalogued_code_reads_app_noun_verb() -> None:
    for code, text in CATALOGUE.items():
        assert len(code.split(".")) == 3 and text, code
    assert label("x.y.z") == "x.y.z"


def test_an_auditor_of_another_town_sees_nothing_of_this_one(
    client: Client, personas: Any, history: Any, tree: Any
) -> None:
    from houbei.accounts.models import User

    other = User.objects.create_user("auditor_b", role="auditor", region=tree["town_b"])
    client.force_login(other)
    names = _names(client.get(LIST, {"actor": "town"}))
    assert "王五" in names and "张三" not in names and "李四" not in names


def test_other_roles_are_refused(client: Client, personas: Any) -> None:
    for role in ("town", "county", "sysadmin"):
        client.force_login(personas[role])
        assert client.get(LIST).status_code == 403
        assert client.get(EXPORT).status_code == 403


def test_the_list_refuses_post(client: Client, personas: Any) -> None:
    assert _auditor(client, personas).post(LIST).status_code == 405
    assert client.post(EXPORT).status_code == 405


def test_the_list_costs_the_same_at_ten_and_two_hundred_entries(
    client: Client, personas: Any, tree: Any
) -> None:
    _auditor(client, personas)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    for n in range(10):
        record(personas["town"], "people.person.viewed", personas["town"], {"n": n})
    small = queries()
    for n in range(200):
        record(personas["town"], "people.person.viewed", personas["town"], {"n": n})
    assert queries() == small


def _csv(response: Any) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_filtered_log_exports_as_csv_and_the_export_is_audited(
    client: Client, personas: Any, history: Any
) -> None:
    response = _auditor(client, personas).get(EXPORT, {"actor": "town", "kind": "disclosure"})
    rows = _csv(response)
    assert rows[0][:5] == ["时间", "账号", "角色", "地址", "事件"]
    assert sorted(r[8] for r in rows[1:]) == ["张三", "李四"]
    assert {r[4] for r in rows[1:]} == {"查看完整身份号码", "导出人员信息"}
    entry = AuditEntry.objects.filter(action="audit.log.exported").get()
    assert entry.actor == personas["auditor"]
    assert entry.changes == {"filters": {"actor": "town", "kind": "disclosure"}, "format": "csv"}


def test_the_export_as_xlsx(client: Client, personas: Any, history: Any) -> None:
    response = _auditor(client, personas).get(EXPORT, {"actor": "leader", "format": "xlsx"})
    content = b"".join(response.streaming_content)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_name("审计日志")
    rows = sheet.to_python()
    assert rows[0][0] == "时间" and len(rows) == 2 and rows[1][8] == "李四"


def test_a_value_a_spreadsheet_would_run_is_exported_as_text(
    client: Client, personas: Any, tree: Any
) -> None:
    from houbei.lib.idnumber import make_id_number
    from houbei.people.services import create_person

    create_person(
        fields={
            "name": "=HYPERLINK(1)",
            "id_number": make_id_number("410782", dt.date(1980, 1, 1), 11),
            "education": "61",
            "village": tree["a1"],
        },
        actor=personas["town"],
    )
    rows = _csv(_auditor(client, personas).get(EXPORT, {"target": "HYPERLINK"}))
    assert rows[1][8] == "'=HYPERLINK(1)"
