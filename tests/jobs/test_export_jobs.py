"""Large exports as jobs (decision 0031): above EXPORT_INLINE_MAX_ROWS the export's page offers a
job (a GET starts nothing), the form starts it, the worker writes the same rows the inline export
writes, as the starter and in the starter's scope, audited as in the request; the job is its
starter's alone (404 to anyone else); the bar moves; the offer page's queries do not grow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from houbei.audit import record
from houbei.audit.models import AuditEntry
from houbei.jobs import exports as job_exports
from houbei.jobs.exports import NOT_ALLOWED, run_export
from houbei.jobs.models import Job, Kind, Status
from houbei.jobs.services import start_job
from houbei.jobs.worker import run_queued
from houbei.lib import exports
from tests.jobs.exporting import as_job, inline, offered
from tests.people.factories import bulk_people

pytestmark = pytest.mark.django_db
PEOPLE = "people:person_export"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _client(personas: Any, who: str) -> Client:
    client = Client()
    client.force_login(personas[who])
    return client


def test_a_large_person_export_runs_as_a_job_with_the_rows_of_the_inline_export(
    personas: Any, tree: Any, settings: Any
) -> None:
    bulk_people(tree["a1"], 3)
    bulk_people(tree["a2"], 2, start=3)
    bulk_people(tree["b1"], 4, start=5)  # another town: in neither file
    client, url = _client(personas, "town"), reverse(PEOPLE)
    query = {"village": tree["a2"].pk}

    direct = inline(client, url, query, settings)
    job, written = as_job(client, url, query, settings, "people")

    assert len(direct) == 1 + 2 and written == direct
    assert (job.done, job.total, job.result_name) == (2, 2, "人员名单.xlsx")
    assert job.region_id == personas["town"].region_id
    entries = AuditEntry.objects.filter(action="people.person.exported").order_by("pk")
    assert [(e.actor_username, e.changes["rows"]) for e in entries] == [("town", 2), ("town", 2)]
    assert entries[0].changes["filters"] == entries[1].changes["filters"]


def test_the_audit_log_export_as_a_job_keeps_its_filter_and_format(
    personas: Any, settings: Any
) -> None:
    auditor = personas["auditor"]
    for n in range(3):
        record(personas["town"], "people.person.exported", None, {"rows": n})
    client, url = _client(personas, "auditor"), reverse("audit:entry_export")
    query = {"action": "people.person.exported", "format": "csv"}

    direct = inline(client, url, query, settings)
    job, written = as_job(client, url, query, settings, "audit_log")

    assert len(direct) == 1 + 3 and written == direct
    assert job.result_name.endswith(".csv") and job.started_by == auditor
    assert AuditEntry.objects.filter(action="audit.log.exported").count() == 2


def test_the_job_is_its_starters_alone(personas: Any, tree: Any, settings: Any) -> None:
    bulk_people(tree["a1"], 3)
    client = _client(personas, "town")
    job, _ = as_job(client, reverse(PEOPLE), {}, settings, "people")

    for who in ("town_b", "leader", "county"):  # another town; the same town; the county
        other = _client(personas, who)
        for name in ("jobs:job_detail", "jobs:job_progress", "jobs:job_result"):
            assert other.get(reverse(name, kwargs={"pk": job.pk})).status_code == 404, who
    page = client.get(reverse("jobs:job_detail", kwargs={"pk": job.pk})).content.decode()
    assert "后台导出" in page and "下载结果：人员名单.xlsx" in page
    assert client.get(reverse("jobs:job_result", kwargs={"pk": job.pk})).status_code == 200


def test_a_starter_who_lost_the_scope_gets_a_failed_job_and_no_file(
    personas: Any, tree: Any
) -> None:
    bulk_people(tree["a1"], 3)
    town = personas["town"]
    params = {"export": "people", "query": "", "today": "2026-12-01"}
    job = start_job(run_export, Kind.EXPORT, town, town.region, params)
    town.region = tree["town_b"]
    town.save(update_fields=["region"])

    run_queued()

    job.refresh_from_db()
    assert (job.status, job.message, job.result_file) == (Status.FAILED, NOT_ALLOWED, "")
    assert not AuditEntry.objects.filter(action="people.person.exported").exists()


def test_a_starter_without_the_capability_cannot_start_the_export(personas: Any) -> None:
    response = _client(personas, "auditor").post(
        reverse("jobs:export_start"), {"kind": "people", "query": ""}
    )
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_the_bar_moves_as_rows_are_written(
    personas: Any, tree: Any, monkeypatch: Any, settings: Any
) -> None:
    bulk_people(tree["a1"], 7)
    seen: list[tuple[int, int | None]] = []
    real = job_exports.progress

    def spy(job: Job, done: int, total: int | None = None, message: str | None = None) -> None:
        real(job, done, total, message)
        seen.append((job.done, job.total))

    monkeypatch.setattr(job_exports, "progress", spy)
    monkeypatch.setattr(exports, "CHUNK", 2)
    job, written = as_job(_client(personas, "town"), reverse(PEOPLE), {}, settings, "people")

    assert seen == [(0, 7), (2, 7), (4, 7), (6, 7), (7, 7)]
    assert len(written) == 1 + 7


def test_a_second_start_of_the_same_export_shows_the_waiting_job(
    personas: Any, tree: Any, settings: Any
) -> None:
    bulk_people(tree["a1"], 3)
    client = _client(personas, "town")
    data = {"kind": "people", "query": "village=1"}
    first = client.post(reverse("jobs:export_start"), data)
    second = client.post(reverse("jobs:export_start"), data)
    assert first["Location"] == second["Location"] and Job.objects.count() == 1


def test_the_offer_page_takes_the_same_queries_at_two_sizes(
    personas: Any, tree: Any, settings: Any
) -> None:
    client, url = _client(personas, "town"), reverse(PEOPLE)
    bulk_people(tree["a1"], 3)
    with CaptureQueriesContext(connection) as small:
        offered(client, url, {}, settings, "people")
    bulk_people(tree["a2"], 30, start=3)
    with CaptureQueriesContext(connection) as large:
        response = offered(client, url, {}, settings, "people")
    assert response.context["rows"] == 33
    assert len(small) == len(large)
