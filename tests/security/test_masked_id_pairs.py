"""A masked ID number is never completed by the birth date beside it (docs/security.md §2,
items 15 and 28): characters 7-14 of the number are the birth date, so no page, export, audit
entry, audit export, backup or log line holds, for one person, the mask and the full date.

Walks every page of the URL policy tables for every role of the demo town."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from houbei.audit.models import AuditEntry
from houbei.demo import build_demo
from houbei.demo.context import DemoContext
from houbei.ops.backup import write_backup
from houbei.ops.restore import opened
from houbei.people.models import Person
from tests.accounts.test_url_policy import ROLES
from tests.security.walk import allowed_roles, url_names, urls_for

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MASKED = re.compile(r"(\d{6})\*{8}([0-9Xx]{4})")


@pytest.fixture(scope="module")
def demo_town(django_db_setup: Any, django_db_blocker: Any) -> Iterator[DemoContext]:
    fast = override_settings(PASSWORD_HASHERS=FAST_HASHERS)
    with django_db_blocker.unblock(), fast, transaction.atomic():
        yield build_demo()
        transaction.set_rollback(True)


def _births() -> dict[str, set[str]]:
    """Masked ID -> the ways its people's full birth dates are written."""
    found: dict[str, set[str]] = defaultdict(set)
    for masked, birth in Person.objects.values_list("id_number_masked", "birth_date"):
        found[masked] |= {f"{birth:%Y-%m-%d}", f"{birth.year}年{birth.month}月{birth.day}日"}
    return found


def pairs(text: str, births: dict[str, set[str]]) -> list[str]:
    """Each masked ID in `text` whose person's full birth date is also in `text`."""
    masks = {match.group(0) for match in MASKED.finditer(text)}
    return sorted(f"{m} {d}" for m in masks for d in births.get(m, ()) if d in text)


def _texts(response: Any) -> list[str]:
    """A page as one text; a file as one text per row (a CSV line, a worksheet row), since a
    file of many people holds other people's dates too. A Word form is one text per form (one
    person each); a zip is read member by member; a PDF page by page."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:4] == b"%PDF":
        return [page.extract_text() for page in PdfReader(io.BytesIO(body)).pages]
    if body[:2] != b"PK":
        text = body.decode("utf-8", "replace")
        html = response.get("Content-Type", "").startswith("text/html")
        return [text] if html else text.splitlines()
    return _archive_texts(body)


def _archive_texts(body: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        names = archive.namelist()
        if "xl/workbook.xml" in names:
            book = CalamineWorkbook.from_filelike(io.BytesIO(body))
            rows = []
            for name in book.sheet_names:
                for row in book.get_sheet_by_name(name).to_python():
                    cells = (c.isoformat() if hasattr(c, "isoformat") else str(c) for c in row)
                    rows.append(" ".join(cells))
            return rows
        if "word/document.xml" in names:
            xml = archive.read("word/document.xml").decode()
            return [" ".join(re.sub(r"<[^>]+>", " ", xml).split())]
        texts = []
        for name in names:
            member = archive.read(name)
            if member[:2] == b"PK":
                texts.extend(_archive_texts(member))
            else:
                texts.extend(member.decode("utf-8", "replace").splitlines())
        return texts


def _pks(demo: DemoContext) -> list[int]:
    from houbei.reserves.models import Candidate, JointReview

    person = Person.objects.filter(candidacies__isnull=False).order_by("pk").first()
    candidate = Candidate.objects.order_by("pk").first()
    review = JointReview.objects.order_by("pk").first()
    village = person.village_id if person else None
    found = [getattr(x, "pk", x) for x in (person, candidate, review, village)]
    return sorted({pk for pk in found if pk is not None})


def _urls(name: str, pks: list[int]) -> list[str]:
    urls = urls_for(name, pks)
    if name == "audit:entry_export":
        urls.append(urls[0] + "?format=xlsx")
    return urls


@pytest.mark.django_db
def test_no_page_export_audit_entry_backup_or_log_pairs_a_mask_with_the_birth_date(
    demo_town: DemoContext, tmp_path: Path, caplog: Any
) -> None:
    births = _births()
    pks = _pks(demo_town)
    caplog.set_level(logging.DEBUG)
    found: dict[str, list[str]] = {}
    walked = 0
    for role in ROLES:
        client = Client()
        client.force_login(demo_town.users[role])
        for name in url_names():
            if role not in allowed_roles(name):
                continue
            for url in _urls(name, pks):
                walked += 1
                texts = _texts(client.get(url))
                hits = [hit for text in texts for hit in pairs(text, births)]
                if hits:
                    found[f"{role} {url}"] = hits
    for entry in AuditEntry.objects.all():
        hits = pairs(f"{entry.target_repr} {entry.changes}", births)
        if hits:
            found[f"audit entry {entry.pk} {entry.action}"] = hits
    write_backup(tmp_path / "backup.zip")
    with opened(tmp_path / "backup.zip") as archive:  # backups are encrypted whole
        for member in archive.namelist():
            lines = archive.read(member).decode().splitlines()
            hits = [hit for text in lines for hit in pairs(text, births)]
            if hits:
                found[f"backup {member}"] = hits[:3]
    if hits := [hit for text in caplog.messages for hit in pairs(text, births)]:
        found["log"] = hits
    assert found == {}, "\n".join(f"{where}: {hits}" for where, hits in found.items())
    assert walked > 200  # the walk saw real pages


def test_the_pair_finder_finds_a_pair() -> None:
    births = {"410782********1234": {"1975-03-08", "1975年3月8日"}}
    assert pairs("<td>410782********1234</td><td>1975-03-08</td>", births)
    assert pairs("410782********1234 生于1975年3月8日", births)
    assert not pairs("<td>410782********1234</td><td>1975-03</td>", births)
