"""Correcting and voiding a practice post's records (decision 0028, issue 13 §6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from houbei.audit.models import AuditEntry
from houbei.cultivation import services
from houbei.cultivation.models import MentorRating, WorkLog
from houbei.cultivation.services import corrections

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def placement(trainees: list[Any], personas: dict[str, Any], tree: dict[str, Any]) -> Any:
    """The first trainee (of 张屯村, town A) passed the test and placed in 潘村."""
    trainee, town = trainees[0], personas["town"]
    services.record_exam(trainee=trainee, score=Decimal("90"), taken_on=DAY, actor=town)
    trainee.refresh_from_db()
    return services.place(
        trainee=trainee,
        village=tree["a2"],
        role="secretary_assistant",
        duty_areas=["党建"],
        mentor=None,
        starts_on=DAY,
        actor=town,
    )


def _log(placement: Any) -> WorkLog:
    return services.add_work_log(placement=placement, logged_on=DAY, text="入户走访", actor=None)


def test_a_work_log_is_corrected_with_a_reason_in_its_history(
    client: Any, personas: Any, placement: Any
) -> None:
    log = _log(placement)
    client.force_login(personas["town"])
    data = {
        "correct-logged_on": "2026-11-21",
        "correct-text": "入户走访",
        "correct-reason": "日期录错一天",
    }

    response = client.post(f"/cultivation/work-logs/{log.pk}/correct/", data)

    assert response.status_code == 302
    log.refresh_from_db()
    assert log.logged_on == dt.date(2026, 11, 21)
    page = client.get(f"/cultivation/work-logs/{log.pk}/record/").content.decode()
    assert "更正工作纪实" in page and "2026-11-20 → 2026-11-21" in page and "日期录错一天" in page


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"correct-reason": ""}, "请填写理由"),
        ({"correct-logged_on": "2026-01-01"}, "日期不应早于实岗锻炼开始日期"),
    ],
)
def test_a_bad_work_log_correction_changes_nothing(
    client: Any, personas: Any, placement: Any, extra: dict[str, str], message: str
) -> None:
    log = _log(placement)
    client.force_login(personas["town"])
    data = {
        "correct-logged_on": "2026-11-21",
        "correct-text": "入户走访",
        "correct-reason": "日期录错一天",
    }

    response = client.post(f"/cultivation/work-logs/{log.pk}/correct/", data | extra)

    assert response.status_code == 200 and message in response.content.decode()
    log.refresh_from_db()
    assert log.logged_on == DAY
    assert not AuditEntry.objects.filter(action="cultivation.worklog.corrected").exists()


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        ("liaison", "/cultivation/work-logs/{pk}/correct/", 403),
        ("town", "/cultivation/work-logs/{pk}/void/", 403),
        ("town_b", "/cultivation/work-logs/{pk}/correct/", 404),
    ],
)
def test_wrong_roles_and_other_towns_cannot_correct_a_work_log(
    client: Any, personas: Any, placement: Any, role: str, url: str, status: int
) -> None:
    log = _log(placement)
    client.force_login(personas[role])
    data = {
        "correct-logged_on": "2026-11-21",
        "correct-text": "改了",
        "correct-reason": "日期录错一天",
        "void-reason": "重复录入的纪实",
    }

    assert client.post(url.format(pk=log.pk), data).status_code == status
    log.refresh_from_db()
    assert log.text == "入户走访" and log.voided_at is None


def test_a_voided_work_log_leaves_the_board_and_stays_struck_through(
    client: Any, personas: Any, placement: Any
) -> None:
    log = _log(placement)
    client.force_login(personas["leader"])

    client.post(f"/cultivation/work-logs/{log.pk}/void/", {"void-reason": "重复录入的纪实"})

    log.refresh_from_db()
    assert log.is_void and WorkLog.objects.valid().count() == 0
    page = client.get(f"/cultivation/trainees/{placement.trainee_id}/").content.decode()
    assert 'class="voided"' in page and "重复录入的纪实" in page


def test_a_voided_mentor_rating_leaves_the_score_and_the_month_can_be_rated_again(
    client: Any, personas: Any, placement: Any
) -> None:
    from houbei.outcomes.scoring import components

    rating = services.rate_month(
        placement=placement, month=DAY, rating="较差", note="", actor=personas["town"]
    )
    client.force_login(personas["leader"])
    assert client.post(f"/cultivation/mentor-ratings/{rating.pk}/correct/").status_code == 404

    client.post(f"/cultivation/mentor-ratings/{rating.pk}/void/", {"void-reason": "评价对象录错"})

    rating.refresh_from_db()
    assert rating.is_void
    assert (
        AuditEntry.objects.get(action="cultivation.mentor.voided").changes["reason"]
        == "评价对象录错"
    )
    candidate = placement.candidate
    from houbei.cultivation.rules import cultivation_rules
    from houbei.rounds.services import current_rules

    rules = cultivation_rules(current_rules(candidate.election_round))
    assert components(candidate, rules)["mentor"] == 0
    again = services.rate_month(
        placement=placement, month=DAY, rating="优秀", note="", actor=personas["town"]
    )
    assert MentorRating.objects.valid().get() == again
    assert components(candidate, rules)["mentor"] > 0


def test_a_rating_the_evaluation_was_made_on_cannot_be_voided(
    personas: Any, placement: Any
) -> None:
    rating = services.rate_month(
        placement=placement, month=DAY, rating="良好", note="", actor=personas["town"]
    )
    candidate = placement.candidate
    candidate.stage = "evaluated"
    candidate.save(update_fields=["stage"])

    with pytest.raises(Exception, match="综合评分已据此作出"):
        corrections.void_mentor_rating(rating, reason="评价对象录错", actor=personas["leader"])


@pytest.mark.parametrize("size", [1, 5])
def test_the_trainee_page_and_the_record_page_take_constant_queries(
    client: Any, personas: Any, placement: Any, size: int, django_assert_max_num_queries: Any
) -> None:
    for n in range(size):
        log = _log(placement)
        corrections.void_work_log(log, reason=f"第{n}条重复", actor=personas["leader"])
        corrections.correct_work_log(
            _log(placement),
            logged_on=DAY,
            text=f"走访{n}",
            reason="补充内容",
            actor=personas["town"],
        )
    client.force_login(personas["leader"])

    with django_assert_max_num_queries(6):
        assert client.get(f"/cultivation/work-logs/{log.pk}/record/").status_code == 200
    with django_assert_max_num_queries(15):  # 14 measured at 1 and at 5
        assert client.get(f"/cultivation/trainees/{placement.trainee_id}/").status_code == 200


def test_voiding_a_passed_test_takes_the_candidate_back_and_the_attempt_is_entered_again(
    client: Any, trainees: list[Any], personas: Any
) -> None:
    from houbei.cultivation.models import ExamResult

    trainee = trainees[0]
    result = services.record_exam(
        trainee=trainee, score=Decimal("90"), taken_on=DAY, actor=personas["town"]
    )
    client.force_login(personas["leader"])

    response = client.post(
        f"/cultivation/exam-results/{result.pk}/void/", {"void-reason": "成绩录到别人名下"}
    )

    assert response.status_code == 302
    trainee.candidate.refresh_from_db()
    assert trainee.candidate.stage == "pooled"
    page = client.get(f"/cultivation/trainees/{trainee.pk}/").content.decode()
    assert "已作废：成绩录到别人名下" in page
    again = services.record_exam(
        trainee=trainee, score=Decimal("85"), taken_on=DAY, actor=personas["town"]
    )
    assert again.attempt == 1
    trainee.candidate.refresh_from_db()
    assert trainee.candidate.stage == "trained"
    assert ExamResult.objects.valid().filter(trainee=trainee).count() == 1


def test_a_passed_test_a_placement_was_made_on_cannot_be_voided(
    placement: Any, personas: Any
) -> None:
    from houbei.cultivation.models import ExamResult

    result = ExamResult.objects.get(trainee=placement.trainee)

    with pytest.raises(Exception, match="不能作废"):
        corrections.void_exam(result, reason="成绩录到别人名下", actor=personas["leader"])
