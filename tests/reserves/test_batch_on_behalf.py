"""One department's letter or a joint review meeting answering for several candidates at once
(批量代录): the town ticks the candidates waiting for that department, enters one reference,
date and scan, and one result per candidate. All or none is written, each candidate's answer is
audited on its own, the scan is stored once, and the page stays inside the user's scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from houbei.audit.models import AuditEntry
from houbei.reserves import services
from houbei.reserves.models import CandidateEvent, JointReview, ReviewAnswer, ReviewScan
from houbei.reserves.services import CandidateAnswer

pytestmark = pytest.mark.django_db

URL = "/reserves/reviews/on-behalf/?department=court"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NAMES = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"]


@pytest.fixture
def waiting(walk: Any, tree: Any) -> Any:
    """`n` candidates of 吴村镇 in joint review, every department pending."""

    def make(n: int) -> list[Any]:
        villages = [tree["a1"], tree["a2"]]
        return [
            walk("reviewed", village=villages[i % 2], post="member", name=f"候{NAMES[i]}")
            for i in range(n)
        ]

    return make


def _post(candidates: list[Any], **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "meeting",
        "reference": "吴村镇第2次资格联审会",
        "answered_on": "2026-10-20",
    }
    for candidate in candidates:
        data[f"tick_{candidate.pk}"] = "on"
        data[f"outcome_{candidate.pk}"] = "passed"
    data.update(extra)
    return data


def _court(candidate: Any) -> JointReview:
    return JointReview.objects.get(candidate=candidate, department="court")


def test_a_meeting_answers_for_three_candidates_with_one_scan_and_one_objection(
    client: Any, personas: Any, waiting: Any
) -> None:
    first, second, third = waiting(3)
    client.force_login(personas["town"])
    scan = SimpleUploadedFile("联审会纪要.pdf", PDF, content_type="application/pdf")
    data = _post(
        [first, second, third],
        **{f"outcome_{second.pk}": "not_passed", f"note_{second.pk}": "有未结民事执行案件"},
        scan=scan,
    )

    response = client.post(URL, data)

    assert response.status_code == 302, response.content.decode()
    assert [_court(c).outcome for c in (first, second, third)] == [
        "passed",
        "not_passed",
        "passed",
    ]
    assert _court(second).note == "有未结民事执行案件"
    answers = ReviewAnswer.objects.filter(candidate__in=[first, second, third])
    assert answers.count() == 3
    assert ReviewScan.objects.count() == 1
    assert {a.scan_id for a in answers} == {ReviewScan.objects.get().pk}
    assert {a.reference for a in answers} == {"吴村镇第2次资格联审会"}
    assert {a.entered_by_id for a in answers} == {personas["town"].pk}
    entries = AuditEntry.objects.filter(action="reserves.review.entered_on_behalf")
    assert sorted(e.changes["outcome"] for e in entries) == ["不通过", "通过", "通过"]
    assert {e.actor_username for e in entries} == {"town"}
    assert {e.target_id for e in entries} == {str(_court(c).pk) for c in (first, second, third)}
    events = CandidateEvent.objects.filter(action__contains="法院联审")
    assert events.count() == 3
    assert "有未结民事执行案件" not in " ".join(events.values_list("action", flat=True))
    others = JointReview.objects.filter(candidate=first).exclude(department="court")
    assert set(others.values_list("outcome", flat=True)) == {"pending"}
    page = client.get(f"/reserves/candidates/{second.pk}/").content.decode()
    assert "联审会“吴村镇第2次资格联审会”" in page


def test_the_page_lists_only_candidates_waiting_and_preselects_nothing(
    client: Any, personas: Any, waiting: Any
) -> None:
    first, second = waiting(2)
    services.record_batch_on_behalf(
        "court",
        kind="letter",
        reference="县法院函〔2026〕9号",
        answered_on=dt.date(2026, 10, 1),
        answers=[CandidateAnswer(first.pk, "passed")],
        actor=personas["town"],
    )
    client.force_login(personas["town"])

    text = client.get(URL).content.decode()

    assert f'id="candidate-{second.pk}"' in text
    assert f'id="candidate-{first.pk}"' not in text
    assert "checked" not in text
    assert "无异议" in text and "有异议" in text


def test_an_objection_without_a_reason_is_refused_on_its_row_and_nothing_is_written(
    client: Any, personas: Any, waiting: Any
) -> None:
    first, second = waiting(2)
    client.force_login(personas["town"])

    response = client.post(URL, _post([first, second], **{f"outcome_{second.pk}": "not_passed"}))

    assert response.status_code == 200
    assert f"{second.person.name}：有异议时须说明理由" in response.content.decode()
    assert not ReviewAnswer.objects.exists()
    assert set(JointReview.objects.values_list("outcome", flat=True)) == {"pending"}


def test_a_candidate_of_another_town_in_the_post_is_a_404_and_nothing_is_written(
    client: Any, personas: Any, waiting: Any, walk: Any, tree: Any
) -> None:
    (mine,) = waiting(1)
    foreign = walk("reviewed", village=tree["b1"], name="外镇人")
    client.force_login(personas["town"])

    response = client.post(URL, _post([mine, foreign]))

    assert response.status_code == 404
    assert not ReviewAnswer.objects.exists()
    assert _court(mine).outcome == "pending" and _court(foreign).outcome == "pending"
    assert not AuditEntry.objects.filter(action="reserves.review.entered_on_behalf").exists()


def test_the_service_refuses_an_out_of_scope_candidate_and_an_answered_one_whole(
    personas: Any, waiting: Any, walk: Any, tree: Any
) -> None:
    first, second = waiting(2)
    foreign = walk("reviewed", village=tree["b1"], name="外镇人")
    source = {"kind": "letter", "reference": "县法院函", "answered_on": dt.date(2026, 10, 2)}
    with pytest.raises(PermissionDenied):
        services.record_batch_on_behalf(
            "court",
            answers=[CandidateAnswer(first.pk, "passed"), CandidateAnswer(foreign.pk, "passed")],
            actor=personas["town"],
            **source,
        )
    services.record_batch_on_behalf(
        "court", answers=[CandidateAnswer(first.pk, "passed")], actor=personas["town"], **source
    )
    with pytest.raises(ValidationError, match="已给出意见"):
        services.record_batch_on_behalf(
            "court",
            answers=[CandidateAnswer(second.pk, "passed"), CandidateAnswer(first.pk, "passed")],
            actor=personas["town"],
            **source,
        )
    assert _court(second).outcome == "pending" and _court(foreign).outcome == "pending"
    with pytest.raises(PermissionDenied):
        services.record_batch_on_behalf(
            "court",
            answers=[CandidateAnswer(second.pk, "passed")],
            actor=personas["liaison"],
            **source,
        )
    assert ReviewAnswer.objects.count() == 1


def test_a_future_date_and_a_missing_reference_are_refused_in_chinese(
    client: Any, personas: Any, waiting: Any
) -> None:
    (first,) = waiting(1)
    client.force_login(personas["town"])

    text = client.post(URL, _post([first], reference="", answered_on="2099-01-01")).content.decode()

    assert "请填写文号或会议名称" in text
    assert "晚于今天" in text or "不能晚于" in text
    assert not ReviewAnswer.objects.exists()


def _counted(client: Any, method: str, data: Any = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.post(URL, data) if method == "post" else client.get(URL)
        assert response.status_code in (200, 302), response.content.decode()[:2000]
    return len(captured)


def test_the_page_and_the_batch_run_a_constant_number_of_queries(
    client: Any, personas: Any, waiting: Any
) -> None:
    client.force_login(personas["town"])
    small = waiting(2)
    read_small = _counted(client, "get")
    write_small = _counted(client, "post", _post(small))
    large = waiting(7)
    read_large = _counted(client, "get")
    write_large = _counted(client, "post", _post(large))

    assert read_small == read_large
    assert write_small == write_large
    assert JointReview.objects.filter(department="court", outcome="passed").count() == 9
