"""The roster export as a background job runs it: to a path, the same queries at two sizes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from houbei.audit.models import AuditEntry
from houbei.reserves.exports import write_roster
from tests.export_queries import run

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)


def test_the_roster_is_written_in_the_same_queries_at_two_sizes(
    personas: Any, walk: Any, tree: Any, tmp_path: Path
) -> None:
    town = personas["town"]
    walk("pooled", village=tree["a1"])
    small = run(write_roster, tmp_path / "1.xlsx", actor=town, filters={}, today=TODAY)
    for village in ("a2", "a3", "a1", "a2"):
        walk("pooled", village=tree[village], post="member")
    large = run(write_roster, tmp_path / "5.xlsx", actor=town, filters={}, today=TODAY)

    assert (small[0], large[0]) == (1, 5)
    assert (small[2], large[2]) == (2 + 1, 2 + 5)  # the title line and the headers
    assert small[1] == large[1]
    entry = AuditEntry.objects.filter(action="reserves.roster.exported").latest("pk")
    assert entry.changes["rows"] == 5 and len(entry.changes["people"]) == 5


def test_a_large_roster_runs_as_a_job_with_the_inline_rows(
    personas: Any, walk: Any, tree: Any, settings: Any, tmp_path: Path
) -> None:
    from django.test import Client
    from django.urls import reverse

    from tests.jobs.exporting import as_job, inline

    settings.MEDIA_ROOT = tmp_path / "media"
    for village in ("a1", "a2", "a3"):
        walk("pooled", village=tree[village], post="member")
    client = Client()
    client.force_login(personas["town"])
    url = reverse("reserves:roster_export")

    direct = inline(client, url, {}, settings)
    job, written = as_job(client, url, {}, settings, "roster")

    assert len(direct) == 2 + 3 and written == direct and job.total == 3
