"""The upload page: template, upload → check → confirm, all or nothing."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from houbei.audit.models import AuditEntry
from houbei.jobs.worker import run_queued
from houbei.people.importer.columns import HEADERS
from houbei.people.models import Person
from tests.people.sheets import good_rows, write_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client: Client, path: Path) -> Any:
    content = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post(reverse("people:import_upload"), {"file": content})


def confirm(client: Client, response: Any, **extra: Any) -> Any:
    """Confirms, runs the queued job in a real worker loop, and opens the job's page."""
    data = {"token": response.context["token"], **extra}
    posted = client.post(reverse("people:import_confirm"), data)
    if posted.status_code != 302:
        return posted
    run_queued()
    return client.get(posted["Location"])


def test_the_template_has_the_chinese_headers_and_the_users_villages(
    client: Client, personas: Any
) -> None:
    client.force_login(personas["town"])

    response = client.get(reverse("people:import_template"))

    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names[:2] == ["人员", "填写说明"]
    assert tuple(book.get_sheet_by_index(0).to_python()[0]) == HEADERS
    notes = str(book.get_sheet_by_name("填写说明").to_python())
    assert "张屯村" in notes and "蒋庄村" not in notes
    assert "attachment" in response["Content-Disposition"]


def test_a_valid_file_is_checked_then_imported_on_confirmation(
    client: Client, personas: Any, tmp_path: Path
) -> None:
    client.force_login(personas["town"])
    checked = upload(client, write_sheet(tmp_path / "ok.xlsx", good_rows(8)))

    assert "全部通过检查；确认后将新增 8 人" in checked.content.decode()
    assert Person.objects.count() == 0
    done = confirm(client, checked)

    assert "已导入：新增 8 人" in done.content.decode()
    assert Person.objects.count() == 8
    assert AuditEntry.objects.filter(action="people.import.completed").count() == 1
    assert list((tmp_path / "media" / "imports").iterdir()) == []


def test_a_file_with_a_bad_row_names_it_and_writes_nothing(
    client: Client, personas: Any, tmp_path: Path
) -> None:
    rows = good_rows(5)
    rows[3][7] = "幼儿园"
    client.force_login(personas["town"])

    checked = upload(client, write_sheet(tmp_path / "bad.xlsx", rows))

    html = checked.content.decode()
    assert "第5行" in html and "学历（H列）" in html and "幼儿园" in html
    assert "确认导入</button>" not in html
    assert "只导入无误的 4 行，跳过有问题的 1 行" in html
    assert Person.objects.count() == 0


def test_importing_only_the_valid_rows_must_be_chosen_explicitly(
    client: Client, personas: Any, tmp_path: Path
) -> None:
    rows = good_rows(5)
    rows[3][7] = "幼儿园"
    client.force_login(personas["town"])
    checked = upload(client, write_sheet(tmp_path / "bad.xlsx", rows))

    refused = confirm(client, checked)
    assert Person.objects.count() == 0
    assert "未写入任何数据" in refused.content.decode()
    done = confirm(client, checked, valid_only="on")

    assert Person.objects.count() == 4
    assert "跳过有问题的 1 行" in done.content.decode()


def test_a_token_from_another_session_is_refused(
    client: Client, personas: Any, tmp_path: Path
) -> None:
    client.force_login(personas["town"])
    checked = upload(client, write_sheet(tmp_path / "ok.xlsx", good_rows(3)))
    other = Client()
    other.force_login(personas["leader"])

    response = confirm(other, checked)

    assert response.status_code == 400
    assert Person.objects.count() == 0


def test_the_staged_file_holds_no_plaintext_id_number(
    client: Client, personas: Any, tmp_path: Path
) -> None:
    rows = good_rows(3)
    client.force_login(personas["town"])
    upload(client, write_sheet(tmp_path / "ok.xlsx", rows))

    staged_file = next((tmp_path / "media" / "imports").iterdir())
    staged = staged_file.read_bytes()
    assert rows[0][1].encode() not in staged and b"PK" not in staged[:2]
    assert staged_file.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "media" / "imports").stat().st_mode & 0o777 == 0o700


def test_a_non_xlsx_upload_is_refused_next_to_the_field(client: Client, personas: Any) -> None:
    client.force_login(personas["town"])

    response = client.post(
        reverse("people:import_upload"), {"file": SimpleUploadedFile("a.csv", b"x")}
    )

    assert "请上传 .xlsx 格式的表格" in response.content.decode()


def test_import_pages_are_refused_to_the_county_and_liaison(client: Client, personas: Any) -> None:
    for who in ("county", "liaison"):
        client.force_login(personas[who])
        assert client.get(reverse("people:import_upload")).status_code == 403
        assert client.get(reverse("people:import_template")).status_code == 403
        assert client.post(reverse("people:import_confirm")).status_code == 403


def test_confirm_refuses_a_get_and_upload_refuses_a_put(client: Client, personas: Any) -> None:
    client.force_login(personas["town"])

    assert client.get(reverse("people:import_confirm")).status_code == 405
    assert client.put(reverse("people:import_upload")).status_code == 405


def test_rows_in_another_towns_villages_are_reported_not_imported(
    client: Client, personas: Any, tmp_path: Path
) -> None:
    client.force_login(personas["town_b"])

    checked = upload(client, write_sheet(tmp_path / "a.xlsx", good_rows(2, village="张屯村")))

    assert "不是您管辖范围内的村" in checked.content.decode()
    assert Person.objects.count() == 0
