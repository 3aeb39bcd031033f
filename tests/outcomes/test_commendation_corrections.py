"""Correcting a commendation's record (表彰; decision 0028, issue 13 §6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.outcomes import services
from houbei.outcomes.models import Commendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def commendation(placed: Any, personas: dict[str, Any]) -> Commendation:
    return services.commend(
        candidate=placed(),
        title="优秀后备干部",
        document="镇党委〔2026〕1号",
        awarded_on=timezone.localdate() - dt.timedelta(days=10),
        note="",
        actor=personas["town"],
    )


def _data(made: Any, **extra: str) -> dict[str, str]:
    return {
        "correct-title": made.title,
        "correct-document": "镇党委〔2026〕12号",
        "correct-awarded_on": f"{made.awarded_on:%Y-%m-%d}",
        "correct-note": "",
        "correct-reason": "文件号录错",
    } | extra


def test_a_commendation_is_corrected_with_the_reason_in_its_history(
    client: Any, personas: Any, commendation: Any
) -> None:
    client.force_login(personas["town"])

    url = f"/outcomes/commendations/{commendation.pk}/correct/"
    response = client.post(url, _data(commendation))

    assert response.status_code == 302
    commendation.refresh_from_db()
    assert commendation.document == "镇党委〔2026〕12号"
    entry = AuditEntry.objects.get(action="outcomes.commendation.corrected")
    assert entry.changes["reason"] == "文件号录错"
    assert entry.changes["document"] == {"old": "镇党委〔2026〕1号", "new": "镇党委〔2026〕12号"}
    page = client.get(f"/outcomes/commendations/{commendation.pk}/record/").content.decode()
    assert "更正表彰记录" in page and "表彰文件" in page and "文件号录错" in page
    candidate = client.get(f"/outcomes/candidates/{commendation.candidate_id}/").content.decode()
    assert f"/outcomes/commendations/{commendation.pk}/record/" in candidate


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"correct-reason": ""}, "请填写理由"),
        ({"correct-awarded_on": "2999-01-01"}, "日期不能晚于今天"),
        ({"correct-document": "镇党委〔2026〕1号"}, "更正内容与原记录相同"),
    ],
)
def test_a_bad_commendation_correction_changes_nothing(
    client: Any, personas: Any, commendation: Any, extra: dict[str, str], message: str
) -> None:
    client.force_login(personas["town"])

    url = f"/outcomes/commendations/{commendation.pk}/correct/"
    response = client.post(url, _data(commendation, **extra))

    assert response.status_code == 200 and message in response.content.decode()
    commendation.refresh_from_db()
    assert commendation.document == "镇党委〔2026〕1号"
    assert not AuditEntry.objects.filter(action="outcomes.commendation.corrected").exists()


@pytest.mark.parametrize(("role", "status"), [("liaison", 403), ("town_b", 404)])
def test_wrong_roles_and_other_towns_cannot_correct_a_commendation(
    client: Any, personas: Any, commendation: Any, role: str, status: int
) -> None:
    client.force_login(personas[role])

    url = f"/outcomes/commendations/{commendation.pk}/correct/"
    assert client.post(url, _data(commendation)).status_code == status
    commendation.refresh_from_db()
    assert commendation.document == "镇党委〔2026〕1号"
