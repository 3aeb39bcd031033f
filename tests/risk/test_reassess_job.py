"""The county-wide re-assessment as a background job (decision 0031): the county officer starts
it from the dashboard (a POST), the worker assesses town by town with the bar moving by villages,
each town audited as a run from the page; a town's account may not start it (403) nor see it
(404); the large risk table and problem list exports run as jobs with the inline rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from houbei.audit.models import AuditEntry
from houbei.jobs.models import Job, Kind, Status
from houbei.jobs.worker import run_queued
from houbei.risk import tasks
from houbei.risk.models import Assessment
from tests.jobs.exporting import as_job, inline

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_county_reassesses_every_town_as_a_job_and_the_bar_moves(
    tree: Any, risk_round: Any, login: Any, monkeypatch: Any
) -> None:
    seen: list[tuple[int, int | None]] = []
    real = tasks.progress

    def spy(job: Job, done: int, total: int | None = None, message: str | None = None) -> None:
        real(job, done, total, message)
        seen.append((job.done, job.total))

    monkeypatch.setattr(tasks, "progress", spy)
    county = login("county")
    response = county.post(reverse("risk:assessment_job"))
    job = Job.objects.get(kind=Kind.ASSESSMENT)
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:job_detail", kwargs={"pk": job.pk})

    assert run_queued() == 1

    job.refresh_from_db()
    assert job.status == Status.DONE, job.message
    assert seen == [(0, 4), (1, 4), (4, 4)]  # by town code: town b's one village, town a's three
    assert job.message.startswith("重新研判完成：2 个乡镇，共 4 个村")
    assert Assessment.objects.filter(is_latest=True).count() == 4
    runs = AuditEntry.objects.filter(action="risk.assessment.ran").order_by("pk")
    assert [(e.actor_username, e.changes["villages"]) for e in runs] == [
        ("county", 1),
        ("county", 3),
    ]
    page = county.get(reverse("jobs:job_detail", kwargs={"pk": job.pk})).content.decode()
    assert "全县重新研判" in page and "重新研判完成" in page


def test_a_town_may_neither_start_nor_see_the_county_wide_job(
    tree: Any, risk_round: Any, login: Any
) -> None:
    assert login("town").post(reverse("risk:assessment_job")).status_code == 403
    assert login("leader").post(reverse("risk:assessment_job")).status_code == 403
    assert login("county").get(reverse("risk:assessment_job")).status_code == 405
    assert not Job.objects.exists()
    login("county").post(reverse("risk:assessment_job"))
    job = Job.objects.get()
    for who in ("town", "leader", "town_b"):
        assert login(who).get(reverse("jobs:job_detail", kwargs={"pk": job.pk})).status_code == 404


def test_the_button_is_the_countys(tree: Any, risk_round: Any, login: Any) -> None:
    assert 'id="reassess-all"' in login("county").get(reverse("risk:dashboard")).content.decode()
    assert 'id="reassess-all"' not in login("town").get(reverse("risk:dashboard")).content.decode()


def test_a_starter_who_lost_the_county_gets_a_failed_job(
    tree: Any, risk_round: Any, personas: Any
) -> None:
    county = personas["county"]
    job = tasks.start_reassessment(county)
    county.region = tree["town_a"]
    county.save(update_fields=["region"])

    run_queued()

    job.refresh_from_db()
    assert (job.status, job.message) == (Status.FAILED, tasks.NOT_ALLOWED)
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("name", "view"), [("risk_table", "export_risk"), ("problems", "export_problems")]
)
def test_large_risk_exports_run_as_jobs_with_the_inline_rows(
    assessed: Any, risk_round: Any, personas: Any, settings: Any, name: str, view: str
) -> None:
    from houbei.risk.services import create_problem

    for village in ("a1", "a2", "b1"):
        fields = {"kind": "petition_backlog", "title": "信访积案", "owner_name": "张三"}
        fields["due_on"] = dt.date(2026, 11, 1)  # type: ignore[assignment]
        create_problem(
            village=assessed[village], election_round=risk_round, fields=fields, actor=None
        )
    client = Client()
    client.force_login(personas["county"])
    url = reverse(f"risk:{view}")

    direct = inline(client, url, {}, settings)
    job, written = as_job(client, url, {}, settings, name)

    assert len(direct) == 1 + (4 if name == "risk_table" else 3)
    assert written == direct and job.total == len(direct) - 1
