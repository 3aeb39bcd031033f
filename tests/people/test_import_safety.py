"""The upload page refuses a crafted workbook with a Chinese message, writes nothing and keeps
serving (issue 11 item 6)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from houbei.lib.spreadsheet import limits, sandbox
from houbei.people.models import Person
from tests.lib import crafted
from tests.people.sheets import good_rows, write_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _upload(client: Client, name: str, data: bytes) -> Any:
    file = SimpleUploadedFile(name, data)
    return client.post(reverse("people:import_upload"), {"file": file})


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (crafted.claimed_dimension(), "超过上限200000行"),
        (crafted.far_cell(), "超过上限200000行"),
        (crafted.far_cell("XFD9"), "超过上限256列"),
        (crafted.zip_bomb(16), "压缩比异常"),
    ],
    ids=["claimed", "used", "wide", "bomb"],
)
def test_a_crafted_workbook_gets_a_chinese_refusal_and_the_server_keeps_serving(
    client: Client, personas: Any, tmp_path: Path, data: bytes, said: str
) -> None:
    client.force_login(personas["town"])

    refused = _upload(client, "名单.xlsx", data)

    assert refused.status_code == 200
    assert said in refused.content.decode()
    assert Person.objects.count() == 0
    checked = _upload(
        client, "ok.xlsx", write_sheet(tmp_path / "ok.xlsx", good_rows(3)).read_bytes()
    )
    assert "全部通过检查" in checked.content.decode()


def test_a_parser_killed_by_its_limit_is_a_message_not_a_dead_server(
    client: Client, personas: Any, monkeypatch: Any
) -> None:
    lifted = limits.Limits(rows=10**8, columns=10**6, cells=10**15, memory_bytes=512 << 20)
    monkeypatch.setattr(sandbox, "LIMITS", lifted)
    client.force_login(personas["town"])

    refused = _upload(client, "名单.xlsx", crafted.far_cell())

    assert "超出了内存或时间上限" in refused.content.decode()
    assert client.get(reverse("people:import_upload")).status_code == 200
