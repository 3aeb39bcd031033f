"""The batch of registration forms as a background job: progress per form, the zip as the job's
result (scoped, audited), the same cap and audit as the direct download."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from houbei.audit.models import AuditEntry
from houbei.jobs.models import Job, Kind, Status
from houbei.jobs.worker import run_queued

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_batch_job_makes_the_zip_with_progress_and_offers_it_in_scope(
    client: Client, personas: Any, walk: Any, tree: Any
) -> None:
    a = walk("nominated", name="赵一")
    b = walk("screened", name="钱二")
    walk("nominated", name="孙三", village=tree["a2"])
    client.force_login(personas["town"])

    posted = client.post(reverse("documents:batch_job"), {"job-village": tree["a1"].pk})

    assert posted.status_code == 302
    job = Job.objects.get(kind=Kind.DOCUMENT_BATCH)
    assert posted["Location"] == reverse("jobs:job_detail", kwargs={"pk": job.pk})
    run_queued()
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Status.DONE, 2, 2)
    assert job.message == "已生成 2 人的登记表。"
    page = client.get(posted["Location"]).content.decode()
    assert "下载结果：后备干部登记表-" in page
    response = client.get(reverse("jobs:job_result", kwargs={"pk": job.pk}))
    names = sorted(zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    assert len(names) == 2 and any("赵一" in n for n in names) and any("钱二" in n for n in names)
    entry = AuditEntry.objects.get(action="documents.registration_batch.exported")
    assert sorted(entry.changes["people"]) == sorted([a.person.pk, b.person.pk])
    other = Client()
    other.force_login(personas["town_b"])
    assert other.get(reverse("jobs:job_result", kwargs={"pk": job.pk})).status_code == 404


def test_a_batch_job_above_the_cap_fails_with_the_count(
    client: Client, personas: Any, walk: Any, settings: Any
) -> None:
    settings.DOCUMENT_BATCH_LIMIT = 1
    walk("nominated", name="赵一")
    walk("nominated", name="钱二")
    client.force_login(personas["town"])

    client.post(reverse("documents:batch_job"), {})
    run_queued()

    job = Job.objects.get(kind=Kind.DOCUMENT_BATCH)
    assert job.status == Status.FAILED
    assert "共 2 人，超过单次打包上限 1 人" in job.message
    assert not AuditEntry.objects.filter(action="documents.registration_batch.exported").exists()
