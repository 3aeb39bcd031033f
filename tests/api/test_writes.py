"""Field work written through the API goes through the pages' forms and services: the same rows,
the same audit entries, the same Chinese refusals naming the field."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.cultivation.models import Attendance, Trainee, TrainingSession
from houbei.people.models import Post
from houbei.regions.models import Region
from houbei.reserves.models import Talk
from houbei.risk.models import Problem, ProblemNote, Survey
from tests.api.conftest import ApiClient, token_for


def _sitting(user: Any) -> Post:
    villages = Region.objects.visible_to(user).villages()
    post = Post.objects.sitting(timezone.localdate()).filter(village__in=villages).first()
    assert post is not None
    return post


def _survey(person: int, **fields: Any) -> dict[str, Any]:
    body = {
        "person": person,
        "source": "visit",
        "attitude": "stay",
        "performance": 4,
        "conduct": 4,
        "intention": "run_again",
        "notes": "走访了解，愿意继续干。",
    }
    return body | fields


def _last(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).latest("id")


def test_a_liaison_records_a_survey(demo: Any) -> None:
    liaison = demo.users["liaison"]
    post = _sitting(liaison)
    client = ApiClient(token_for(liaison))
    response = client.post(f"/villages/{post.village_id}/surveys", _survey(post.person_id))
    assert response.status_code == 201, response.content
    survey = Survey.objects.get(pk=response.json()["id"])
    assert (survey.person_id, survey.recorded_by_id, survey.is_latest) == (
        post.person_id,
        liaison.pk,
        True,
    )
    entry = _last("risk.survey.recorded")
    assert (entry.actor_username, entry.target_id) == ("liaison", str(survey.pk))


def test_a_bad_survey_is_refused_naming_the_field_in_chinese(demo: Any) -> None:
    liaison = demo.users["liaison"]
    post = _sitting(liaison)
    before = Survey.objects.count()
    response = ApiClient(token_for(liaison)).post(
        f"/villages/{post.village_id}/surveys", _survey(post.person_id, attitude="maybe")
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid" and "attitude" in body["fields"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])
    assert Survey.objects.count() == before


def test_a_survey_outside_the_liaisons_villages_is_a_404(demo: Any) -> None:
    liaison = demo.users["liaison"]
    mine = Region.objects.visible_to(liaison).values("pk")
    other = Region.objects.villages().exclude(pk__in=mine).first()
    assert other is not None
    response = ApiClient(token_for(liaison)).post(f"/villages/{other.pk}/surveys", _survey(1))
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_a_talk_is_recorded_through_the_talk_service(demo: Any) -> None:
    town = demo.users["town"]
    post = _sitting(town)
    body = {
        "kind": "talk",
        "village": post.village_id,
        "person": post.person_id,
        "held_on": "2026-05-01",
        "talked_by": "李晓燕",
        "topic": "换届意向",
        "summary": "本人表示愿意继续任职。",
    }
    client = ApiClient(token_for(town))
    response = client.post("/talks", body)
    assert response.status_code == 201, response.content
    talk = Talk.objects.get(pk=response.json()["id"])
    assert talk.person_id == post.person_id and talk.recorded_by_id == town.pk
    assert _last("reserves.talk.recorded").target_id == str(talk.pk)
    refused = client.post("/talks", body | {"person": None})
    assert refused.status_code == 422 and "谈心谈话须选择谈话对象" in refused.json()["message"]


def test_progress_on_a_problem_is_noted_and_audited(demo: Any) -> None:
    town = demo.users["town"]
    problem = Problem.objects.visible_to(town).open().first()
    assert problem is not None
    client = ApiClient(token_for(town))
    response = client.post(f"/problems/{problem.pk}/notes", {"note": "已召开协调会。"})
    assert response.status_code == 201
    assert ProblemNote.objects.get(pk=response.json()["id"]).problem_id == problem.pk
    assert _last("risk.problem.progressed").target_id == str(problem.pk)
    empty = client.post(f"/problems/{problem.pk}/notes", {"note": "  "})
    assert empty.status_code == 422 and "整改进展" in empty.json()["message"]


def _session_with_trainee(user: Any) -> tuple[TrainingSession, Trainee]:
    for session in TrainingSession.objects.visible_to(user).select_related("plan"):
        trainee = (
            Trainee.objects.visible_to(user)
            .filter(plan=session.plan)
            .exclude(candidate__stage="removed")
            .first()
        )
        if trainee is not None:
            return session, trainee
    raise AssertionError("the demo has no class with a trainee")


def test_attendance_is_marked_through_the_roster_service(demo: Any) -> None:
    town = demo.users["town"]
    session, trainee = _session_with_trainee(town)
    client = ApiClient(token_for(town))
    marks = {"marks": [{"trainee": trainee.pk, "status": "late"}]}
    response = client.post(f"/cultivation/sessions/{session.pk}/attendance", marks)
    assert response.status_code == 200, response.content
    row = next(a for a in response.json()["attendance"] if a["trainee_id"] == trainee.pk)
    assert row["status"] == "late"
    assert Attendance.objects.get(session=session, trainee=trainee).status == "late"
    assert _last("cultivation.attendance.marked").target_id == str(session.pk)
    leave = {"marks": [{"trainee": trainee.pk, "status": "leave"}]}
    refused = client.post(f"/cultivation/sessions/{session.pk}/attendance", leave)
    assert refused.status_code == 422 and "请假须填写事由" in refused.json()["message"]
    assert Attendance.objects.get(session=session, trainee=trainee).status == "late"
