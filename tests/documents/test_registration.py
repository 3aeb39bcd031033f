"""The registration form (后备干部登记表): one person, and a batch as a zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.documents.reading import docx_text, leftover_placeholders

pytestmark = pytest.mark.django_db


def _seat(person: Any, village: Any) -> None:
    from houbei.people.models import Role
    from houbei.people.services import appoint_to_post

    appoint_to_post(
        person=person, village=village, role=Role.MEMBER, term_start=dt.date(2021, 3, 20),
        actor=None,
    )  # fmt: skip


def test_a_candidates_form_holds_their_data_with_the_id_number_masked(
    client: Any, personas: Any, walk: Any, tree: Any
) -> None:
    from houbei.audit.models import AuditEntry

    candidate = walk("screened", name="李<明>&", major="农学", phone="13800000001")
    _seat(candidate.person, tree["a1"])
    client.force_login(personas["town"])

    response = client.get(reverse("documents:registration", args=[candidate.person.pk]))

    assert response.status_code == 200
    assert "wordprocessingml" in response["Content-Type"]
    text = docx_text(response.content)
    assert leftover_placeholders(text) == []
    for expected in (
        "村级后备干部登记表",
        "李<明>&",
        "农学",
        "13800000001",
        "张屯村",
        "吴村镇",
        "党组织书记",
        "政治筛查",
        "2026年换届",
        "1991.05",
        "村党组织委员",
    ):
        assert expected in text, expected  # fmt: skip
    assert candidate.person.id_number_masked in text
    full = __import__("houbei.lib.crypto", fromlist=["decrypt"]).decrypt(
        candidate.person.id_number_encrypted
    )
    assert full not in text
    entry = AuditEntry.objects.filter(action="documents.registration.exported").get()
    assert entry.changes["people"] == [candidate.person.pk]


def test_a_person_of_another_town_is_not_found(
    client: Any, personas: Any, make_person: Any
) -> None:
    person = make_person()
    client.force_login(personas["town_b"])

    response = client.get(reverse("documents:registration", args=[person.pk]))

    assert response.status_code == 404


def test_a_liaison_may_not_download_forms(client: Any, personas: Any, make_person: Any) -> None:
    person = make_person()
    client.force_login(personas["liaison"])

    assert client.get(reverse("documents:registration", args=[person.pk])).status_code == 403


def test_the_forms_of_many_people_take_as_many_queries_as_of_one(
    make_person: Any, tree: Any
) -> None:
    from houbei.documents.registration import forms_for
    from houbei.people.models import Person

    first = make_person()
    _seat(first, tree["a1"])
    with CaptureQueriesContext(connection) as one:
        forms_for(Person.objects.filter(pk=first.pk))
    for n in range(5):
        _seat(make_person(village=tree["a2"], name=f"王{n}"), tree["a2"])
    with CaptureQueriesContext(connection) as six:
        found = forms_for(Person.objects.all())

    assert len(found) == 6
    assert len(six.captured_queries) == len(one.captured_queries) == 3


def _zip_names(content: bytes) -> list[str]:
    return sorted(zipfile.ZipFile(io.BytesIO(content)).namelist())


def test_a_batch_is_one_zip_of_the_filtered_candidates_forms(
    client: Any, personas: Any, walk: Any, tree: Any
) -> None:
    from houbei.audit.models import AuditEntry

    a = walk("nominated", name="赵一")
    b = walk("screened", name="钱二")
    walk("nominated", name="孙三", village=tree["a2"])
    client.force_login(personas["town"])

    response = client.get(reverse("documents:batch"), {"village": tree["a1"].pk})

    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    names = _zip_names(content)
    assert len(names) == 2
    assert any("赵一" in name for name in names) and any("钱二" in name for name in names)
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert "钱二" in docx_text(archive.read(next(n for n in names if "钱二" in n)))
    entry = AuditEntry.objects.filter(action="documents.registration_batch.exported").get()
    assert sorted(entry.changes["people"]) == sorted([a.person.pk, b.person.pk])
    assert entry.changes["filters"]["village"] == "张屯村"


def test_a_batch_above_the_cap_is_refused_with_the_count_and_writes_nothing(
    client: Any, personas: Any, walk: Any, settings: Any
) -> None:
    from houbei.audit.models import AuditEntry

    settings.DOCUMENT_BATCH_LIMIT = 1
    walk("nominated", name="赵一")
    walk("nominated", name="钱二")
    client.force_login(personas["town"])

    response = client.get(reverse("documents:batch"))

    assert response.status_code == 200
    assert "本次筛选共 2 人，超过单次打包上限 1 人" in response.content.decode()
    assert not AuditEntry.objects.filter(action="documents.registration_batch.exported").exists()


def test_a_batch_sees_only_the_readers_villages(
    client: Any, personas: Any, walk: Any, tree: Any
) -> None:
    walk("nominated", name="赵一")
    walk("nominated", name="孙三", village=tree["b1"])
    client.force_login(personas["town_b"])

    response = client.get(reverse("documents:batch"))

    names = _zip_names(b"".join(response.streaming_content))
    assert len(names) == 1 and "孙三" in names[0]


def _batch_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("documents:batch"))
        b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_a_batch_takes_the_same_queries_for_two_people_as_for_six(
    client: Any, personas: Any, walk: Any, tree: Any
) -> None:
    client.force_login(personas["town"])
    walk("nominated", name="赵一")
    walk("screened", name="钱二")
    client.get(reverse("documents:index"))  # the session is saved once a minute
    small = _batch_queries(client)
    for n in range(4):
        walk("nominated", name=f"周{n}", village=tree["a2"])
    large = _batch_queries(client)

    assert small == large


def test_the_sixth_batch_in_a_minute_is_refused(client: Any, personas: Any, walk: Any) -> None:
    walk("nominated", name="赵一")
    client.force_login(personas["town"])
    for _ in range(5):
        assert client.get(reverse("documents:batch")).status_code == 200

    response = client.get(reverse("documents:batch"))

    assert response.status_code == 429
    assert "导出过于频繁" in response.content.decode()
