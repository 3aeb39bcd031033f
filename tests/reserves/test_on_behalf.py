"""Town staff enter departments' opinions on their behalf (代录): from a department's letter or
a joint review meeting that answers for several departments at once, with an optional scan kept
encrypted and served only within scope. All or none is written, and every opinion is audited."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.reserves import services
from houbei.reserves.models import JointReview, ReviewAnswer, ReviewScan, Stage
from houbei.reserves.services import DepartmentAnswer

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _url(candidate: Any) -> str:
    return f"/reserves/candidates/{candidate.pk}/reviews/on-behalf/"


def _meeting(reviews: list[JointReview], **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "meeting",
        "reference": "第3次资格联审会",
        "answered_on": "2026-03-20",
    }
    for review in reviews:
        data[f"tick_{review.department}"] = "on"
        data[f"outcome_{review.department}"] = "passed"
    data.update(extra)
    return data


def test_a_joint_meeting_answers_every_department_and_the_candidate_can_be_pooled(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("reviewed")
    reviews = list(JointReview.objects.filter(candidate=candidate))
    assert len(reviews) == 14
    client.force_login(personas["town"])

    response = client.post(_url(candidate), _meeting(reviews))

    assert response.status_code == 302, response.content.decode()
    answer = ReviewAnswer.objects.get(candidate=candidate)
    assert answer.entered_by == personas["town"] and answer.kind == "meeting"
    assert set(
        JointReview.objects.filter(candidate=candidate).values_list("outcome", flat=True)
    ) == {"passed"}
    assert JointReview.objects.filter(answer=answer).count() == 14
    entries = AuditEntry.objects.filter(action="reserves.review.entered_on_behalf")
    assert entries.count() == 14
    assert {e.actor_username for e in entries} == {"town"}
    assert entries.first().changes["reference"] == "第3次资格联审会"
    services.pool(candidate, readiness="ready_now", actor=personas["town"])
    candidate.refresh_from_db()
    assert candidate.stage == Stage.POOLED


def test_a_letter_answers_one_department_and_the_page_says_who_entered_it(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("reviewed")
    court = JointReview.objects.get(candidate=candidate, department="court")
    client.force_login(personas["town"])
    data = {
        "kind": "letter",
        "reference": "县法院函〔2026〕7号",
        "answered_on": "2026-03-18",
        "tick_court": "on",
        "outcome_court": "not_passed",
        "note_court": "列为失信被执行人",
    }

    client.post(_url(candidate), data)

    court.refresh_from_db()
    assert court.outcome == "not_passed" and court.note == "列为失信被执行人"
    assert court.reviewer is None and court.answer.entered_by == personas["town"]
    assert JointReview.objects.filter(candidate=candidate, outcome="pending").count() == 13
    page = client.get(f"/reserves/candidates/{candidate.pk}/").content.decode()
    assert "函复“县法院函〔2026〕7号”（2026-03-18），town代录" in page
    assert "联审未通过：法院" in page


def test_not_passed_needs_a_reason_and_nothing_is_written(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("reviewed")
    reviews = list(JointReview.objects.filter(candidate=candidate))
    client.force_login(personas["town"])

    response = client.post(_url(candidate), _meeting(reviews, outcome_police="not_passed"))

    assert response.status_code == 200
    assert "公安：不通过时须说明理由" in response.content.decode()
    assert not ReviewAnswer.objects.exists()
    assert not JointReview.objects.filter(candidate=candidate).exclude(outcome="pending").exists()


def test_nothing_is_pre_selected_and_an_unanswered_tick_is_refused(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("reviewed")
    client.force_login(personas["town"])

    page = client.get(_url(candidate)).content.decode()
    response = client.post(
        _url(candidate),
        {"kind": "letter", "reference": "函", "answered_on": "2026-03-01", "tick_police": "on"},
    )

    assert "checked" not in page
    assert "公安：请选择通过或不通过" in response.content.decode()
    assert not ReviewAnswer.objects.exists()


def test_a_date_in_the_future_and_no_department_are_refused(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("reviewed")
    client.force_login(personas["town"])
    future = (timezone.localdate() + dt.timedelta(days=30)).isoformat()

    response = client.post(
        _url(candidate), {"kind": "meeting", "reference": "联审会", "answered_on": future}
    )

    text = response.content.decode()
    assert "日期不能晚于今天" in text and "请至少勾选一个部门" in text
    empty = client.post(_url(candidate), {}).content.decode()
    assert "请选择答复方式" in empty and "请填写文号或会议名称" in empty
    assert "请填写函复或会议日期" in empty


def test_an_already_answered_department_is_refused_all_or_none(personas: Any, walk: Any) -> None:
    candidate = walk("reviewed")
    police = JointReview.objects.get(candidate=candidate, department="police")
    services.record_opinion(police, outcome="passed", note="", actor=personas["reviewer"])

    with pytest.raises(ValidationError) as refused:
        services.record_on_behalf(
            candidate,
            kind="meeting",
            reference="联审会",
            answered_on=dt.date(2026, 3, 1),
            answers=[
                DepartmentAnswer("court", "passed"),
                DepartmentAnswer("police", "passed"),
            ],
            actor=personas["town"],
        )

    assert "公安已给出意见（通过），不能重复录入" in refused.value.messages
    assert JointReview.objects.get(candidate=candidate, department="court").outcome == "pending"
    assert not ReviewAnswer.objects.exists()


def test_a_liaison_or_reviewer_cannot_enter_on_behalf(personas: Any, walk: Any) -> None:
    from django.core.exceptions import PermissionDenied

    candidate = walk("reviewed")
    for who in ("liaison", "reviewer", "town_b"):
        with pytest.raises(PermissionDenied):
            services.record_on_behalf(
                candidate,
                kind="letter",
                reference="函",
                answered_on=dt.date(2026, 3, 1),
                answers=[DepartmentAnswer("court", "passed")],
                actor=personas[who],
            )


def test_another_towns_candidate_is_404(client: Any, personas: Any, walk: Any) -> None:
    candidate = walk("reviewed")
    client.force_login(personas["town_b"])

    assert client.get(_url(candidate)).status_code == 404


def test_the_scan_is_encrypted_and_served_only_within_scope(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("reviewed")
    client.force_login(personas["town"])
    scan = SimpleUploadedFile("联审会纪要.pdf", PDF, content_type="application/pdf")
    reviews = list(JointReview.objects.filter(candidate=candidate, department="police"))

    client.post(_url(candidate), {**_meeting(reviews), "scan": scan})

    answer = ReviewAnswer.objects.select_related("scan").get()
    assert answer.scan is not None and answer.scan.name == "联审会纪要.pdf"
    sealed = ReviewScan.objects.values_list("content_sealed", flat=True).get()
    assert base64.b64encode(PDF).decode() not in sealed and "PDF" not in sealed
    url = f"/reserves/review-answers/{answer.pk}/scan/"
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert AuditEntry.objects.filter(action="reserves.review_scan.downloaded").count() == 1
    for who, status in (("town_b", 404), ("county", 200), ("liaison", 403), ("reviewer", 403)):
        client.force_login(personas[who])
        assert client.get(url).status_code == status, who


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("scan.exe", PDF, "只接受 PDF、JPG 或 PNG"),
        ("scan.pdf", b"MZ\x90\x00not a pdf", "扫描件内容与扩展名.pdf不符"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024), "不能超过 5 MB"),
    ],
)
def test_a_bad_scan_is_refused_on_the_field(
    client: Any, personas: Any, walk: Any, name: str, content: bytes, error: str
) -> None:
    candidate = walk("reviewed")
    client.force_login(personas["town"])
    reviews = list(JointReview.objects.filter(candidate=candidate, department="police"))

    response = client.post(
        _url(candidate), {**_meeting(reviews), "scan": SimpleUploadedFile(name, content)}
    )

    assert error in response.content.decode()
    assert not ReviewAnswer.objects.exists() and not ReviewScan.objects.exists()


def test_the_reviewer_sees_an_opinion_entered_on_behalf(
    client: Any, personas: Any, walk: Any
) -> None:
    candidate = walk("reviewed")
    services.record_on_behalf(
        candidate,
        kind="letter",
        reference="县公安局函〔2026〕3号",
        answered_on=dt.date(2026, 3, 1),
        answers=[DepartmentAnswer("police", "passed")],
        actor=personas["town"],
    )
    police = JointReview.objects.get(candidate=candidate, department="police")
    client.force_login(personas["reviewer"])

    text = client.get(f"/reserves/reviews/{police.pk}/").content.decode()

    assert "据函复“县公安局函〔2026〕3号”（2026-03-01）由乡镇代录" in text


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_pages_run_a_constant_number_of_queries(client: Any, personas: Any, walk: Any) -> None:
    small = walk("reviewed", name="甲")
    large = walk("reviewed", name="乙")
    answers = [
        DepartmentAnswer(r.department, "passed")
        for r in JointReview.objects.filter(candidate=large)[:10]
    ]
    services.record_on_behalf(
        large,
        kind="meeting",
        reference="联审会",
        answered_on=dt.date(2026, 3, 1),
        answers=answers[:5],
        actor=personas["town"],
    )
    services.record_on_behalf(
        large,
        kind="letter",
        reference="函",
        answered_on=dt.date(2026, 3, 2),
        answers=answers[5:],
        actor=personas["leader"],
    )
    client.force_login(personas["town"])

    for page in (_url, lambda c: f"/reserves/candidates/{c.pk}/"):
        assert _queries(client, page(small)) == _queries(client, page(large))


def test_the_reviewers_queue_stays_constant_with_answers_entered_on_behalf(
    client: Any, personas: Any, walk: Any
) -> None:
    def answer_police(name: str) -> None:
        services.record_on_behalf(
            walk("reviewed", name=name),
            kind="letter",
            reference=f"县公安局函{name}",
            answered_on=dt.date(2026, 3, 1),
            answers=[DepartmentAnswer("police", "passed")],
            actor=personas["town"],
        )

    answer_police("甲")
    client.force_login(personas["reviewer"])
    one = _queries(client, "/reserves/reviews/")
    answer_police("乙")
    answer_police("丙")

    response = client.get("/reserves/reviews/")
    assert _queries(client, "/reserves/reviews/") == one
    assert response.content.decode().count("town据函复代录") == 3


def test_a_refused_answer_keeps_no_scan(personas: Any, walk: Any) -> None:
    candidate = walk("reviewed")
    police = JointReview.objects.get(candidate=candidate, department="police")
    services.record_opinion(police, outcome="passed", note="", actor=personas["reviewer"])

    with pytest.raises(ValidationError):
        services.record_on_behalf(
            candidate,
            kind="letter",
            reference="函",
            answered_on=dt.date(2026, 3, 1),
            answers=[DepartmentAnswer("police", "passed")],
            actor=personas["town"],
            scan=SimpleUploadedFile("scan.pdf", PDF),
        )

    assert not ReviewScan.objects.exists()


def test_the_scan_rotates_with_the_keys(personas: Any, walk: Any, settings: Any) -> None:
    import os

    from houbei.lib import crypto
    from houbei.ops.keys import rotate_keys
    from houbei.reserves.services import scans

    old, new = (base64.b64encode(os.urandom(32)).decode() for _ in range(2))
    derived = base64.b64encode(crypto._derive("field-encryption")).decode()
    settings.FIELD_ENCRYPTION_KEYS = [old, derived]
    crypto.reset_keys()
    try:
        services.record_on_behalf(
            walk("reviewed"),
            kind="letter",
            reference="函",
            answered_on=dt.date(2026, 3, 1),
            answers=[DepartmentAnswer("court", "passed")],
            actor=personas["town"],
            scan=SimpleUploadedFile("scan.pdf", PDF),
        )
        settings.FIELD_ENCRYPTION_KEYS = [new, old, derived]
        crypto.reset_keys()
        assert rotate_keys(actor=None)["reserves.reviewscan.content_sealed"] == 1
        settings.FIELD_ENCRYPTION_KEYS = [new]
        crypto.reset_keys()
        assert scans.read(ReviewScan.objects.get()) == PDF
    finally:
        crypto.reset_keys()


def test_the_service_names_the_department_of_a_missing_answer(personas: Any, walk: Any) -> None:
    candidate = walk("reviewed")

    with pytest.raises(ValidationError) as refused:
        services.record_on_behalf(
            candidate,
            kind="meeting",
            reference="联审会",
            answered_on=dt.date(2026, 3, 1),
            answers=[DepartmentAnswer("court", "not_passed"), DepartmentAnswer("police", "")],
            actor=personas["town"],
        )

    assert set(refused.value.messages) == {"公安：请选择通过或不通过", "法院：不通过时须说明理由"}
    assert not ReviewAnswer.objects.exists()
