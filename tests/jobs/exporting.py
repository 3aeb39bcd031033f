"""Running a list export both ways, for the tests of large exports as jobs (decision 0031): in
the request (the threshold high) and as a job (the threshold low: the page offers the job, the
form starts it, the worker writes it); the rows of both files."""

from __future__ import annotations

import io
from typing import Any

from django.test import Client
from django.urls import reverse
from python_calamine import CalamineWorkbook

from houbei.jobs.models import Job, Kind, Status
from houbei.jobs.services import read_result
from houbei.jobs.worker import run_queued


def sheet_rows(content: bytes, name: str = "x.xlsx") -> list[list[Any]]:
    if name.endswith(".csv"):
        return [line.split(",") for line in content.decode("utf-8-sig").splitlines()]
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def inline(client: Client, url: str, query: dict[str, Any], settings: Any) -> list[list[Any]]:
    settings.EXPORT_INLINE_MAX_ROWS = 1_000_000
    response = client.get(url, query)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    name = "x.csv" if "csv" in response["Content-Type"] else "x.xlsx"
    return sheet_rows(b"".join(response.streaming_content), name)


def offered(client: Client, url: str, query: dict[str, Any], settings: Any, kind: str) -> Any:
    """The export's page with the threshold at 1 row: the offer of a job, nothing started."""
    settings.EXPORT_INLINE_MAX_ROWS = 1
    before = Job.objects.count()
    response = client.get(url, query)
    assert response.status_code == 200
    assert "Content-Disposition" not in response
    page = response.content.decode()
    assert "在后台生成" in page and f'value="{kind}"' in page
    assert Job.objects.count() == before  # a GET starts nothing
    return response


def as_job(
    client: Client, url: str, query: dict[str, Any], settings: Any, kind: str
) -> tuple[Job, list[list[Any]]]:
    """Offered, started by the form's POST, run by the worker: the job and its file's rows."""
    response = offered(client, url, query, settings, kind)
    form_query = response.context["query"]
    started = client.post(reverse("jobs:export_start"), {"kind": kind, "query": form_query})
    job = Job.objects.filter(kind=Kind.EXPORT).latest("pk")
    assert started.status_code == 302
    assert started["Location"] == reverse("jobs:job_detail", kwargs={"pk": job.pk})
    assert run_queued() == 1
    job.refresh_from_db()
    assert job.status == Status.DONE, job.message
    content = read_result(job)
    assert content is not None
    return job, sheet_rows(content, job.result_name)
