"""Correcting and voiding surveys and problems (decision 0028, issue 13 §6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.risk.models import Problem, ProblemStatus, Survey, TownRollup
from houbei.workbench.providers import problems as problem_counts

pytestmark = pytest.mark.django_db

LATE = dt.date(2020, 1, 1)
FORM = {
    "source": "visit",
    "attitude": "stay",
    "performance": "4",
    "conduct": "5",
    "intention": "run_again",
    "notes": "走访了解，群众评价较好",
    "surveyed_on": "2026-11-20",
}


@pytest.fixture
def problem(tree: Any, risk_round: Any) -> Any:
    from houbei.risk.services import create_problem

    fields = {
        "kind": "petition_backlog",
        "title": "土地纠纷上访",
        "owner_name": "张副书记",
        "due_on": LATE,
    }
    return create_problem(village=tree["a1"], election_round=risk_round, fields=fields, actor=None)


def _problem_post(problem: Any, **extra: str) -> dict[str, Any]:
    data = {
        "kind": "petition_backlog",
        "title": "土地纠纷上访",
        "owner_name": "李副镇长",
        "due_on": "2020-01-01",
        "version": str(problem.version),
        "reason": "责任人已调整为分管副镇长",
    }
    return data | extra


def test_a_problem_is_corrected_with_a_reason_shown_in_its_history(
    problem: Any, login: Any
) -> None:
    client = login("town")

    response = client.post(reverse("risk:problem_edit", args=[problem.pk]), _problem_post(problem))

    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.owner_name == "李副镇长"
    entry = AuditEntry.objects.get(action="risk.problem.corrected")
    assert entry.changes["owner_name"] == {"old": "张副书记", "new": "李副镇长"}
    page = client.get(reverse("risk:problem_detail", args=[problem.pk])).content.decode()
    assert "更正问题清单" in page
    assert "张副书记 → 李副镇长" in page and "责任人已调整为分管副镇长" in page


def test_a_problem_correction_without_a_reason_changes_nothing(problem: Any, login: Any) -> None:
    client = login("town")

    response = client.post(
        reverse("risk:problem_edit", args=[problem.pk]), _problem_post(problem, reason="")
    )

    assert response.status_code == 200
    assert "请填写理由" in response.content.decode()
    problem.refresh_from_db()
    assert problem.owner_name == "张副书记"
    assert not AuditEntry.objects.filter(action="risk.problem.corrected").exists()


@pytest.mark.parametrize(
    ("role", "name", "status"),
    [
        ("town", "risk:problem_void", 403),
        ("liaison", "risk:problem_void", 403),
        ("county", "risk:problem_void", 403),
        ("reviewer", "risk:problem_edit", 403),
    ],
)
def test_wrong_roles_cannot_void_or_correct_a_problem(
    problem: Any, login: Any, role: str, name: str, status: int
) -> None:
    client = login(role)

    response = client.post(
        reverse(name, args=[problem.pk]),
        {**_problem_post(problem), "void-reason": "重复登记的问题"},
    )

    assert response.status_code == status
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.OPEN and problem.owner_name == "张副书记"


def test_a_problem_of_another_town_is_not_found(
    tree: Any, risk_round: Any, personas: Any, client: Any
) -> None:
    from houbei.risk.services import create_problem

    fields = {"kind": "petition_backlog", "title": "外镇问题", "owner_name": "王", "due_on": LATE}
    other = create_problem(village=tree["b1"], election_round=risk_round, fields=fields, actor=None)
    client.force_login(personas["leader"])

    response = client.post(
        reverse("risk:problem_void", args=[other.pk]), {"void-reason": "重复登记"}
    )

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == ProblemStatus.OPEN


def test_a_voided_problem_leaves_every_count_and_a_new_one_is_accepted(
    problem: Any, login: Any, personas: Any, tree: Any, risk_round: Any
) -> None:
    from houbei.risk.services import create_problem

    today = timezone.localdate()
    rollup = TownRollup.objects.get(town=tree["town_a"])
    assert rollup.open_problems == 1
    client = login("leader")

    response = client.post(
        reverse("risk:problem_void", args=[problem.pk]), {"void-reason": "与另一条问题重复登记"}
    )

    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.VOIDED and problem.void_reason == "与另一条问题重复登记"
    rollup.refresh_from_db()
    assert rollup.open_problems == 0
    assert Problem.objects.open().count() == 0
    assert [line.count for line in problem_counts(personas["leader"], today).lines][:2] == [0, 0]
    page = client.get(reverse("risk:problem_detail", args=[problem.pk])).content.decode()
    assert "已作废" in page and "与另一条问题重复登记" in page
    assert 'id="void"' not in page
    listed = client.get(reverse("risk:problem_list") + "?status=voided").content.decode()
    assert (
        "土地纠纷上访" in listed
        and "已作废" in listed
        and "已销号" not in listed.split("<tbody>")[1]
    )
    assert "土地纠纷上访" not in client.get(reverse("risk:problem_list")).content.decode()

    create_problem(
        village=tree["a1"],
        election_round=risk_round,
        fields={
            "kind": "petition_backlog",
            "title": "土地纠纷上访",
            "owner_name": "李",
            "due_on": LATE,
        },
        actor=None,
    )
    rollup.refresh_from_db()
    assert rollup.open_problems == 1


def test_a_closed_problem_cannot_be_voided(problem: Any, personas: Any) -> None:
    from houbei.risk.services import close_problem, void_problem

    close_problem(problem, note="已协调解决", actor=personas["town"])

    with pytest.raises(Exception, match="已销号的问题不能作废"):
        void_problem(problem, reason="登记有误的问题", actor=personas["leader"])


def test_a_survey_correction_needs_a_reason_and_lands_in_its_history(
    tree: Any, risk_round: Any, seat: Any, survey: Any, login: Any
) -> None:
    own = survey(tree["a1"], seat(tree["a1"], "secretary"), rating=3)
    client = login("town")
    url = reverse("risk:survey_edit", args=[own.pk])
    data = FORM | {"person": own.person_id, "version": own.version}

    refused = client.post(url, data)
    assert refused.status_code == 200 and "请填写理由" in refused.content.decode()
    own.refresh_from_db()
    assert own.performance == 3

    assert client.post(url, data | {"reason": "履职成效等次录错"}).status_code == 302
    own.refresh_from_db()
    assert own.performance == 4
    page = client.get(url).content.decode()
    assert "更正摸排记录" in page and "履职成效" in page and "履职成效等次录错" in page


def test_voiding_the_latest_survey_brings_the_one_before_back(
    tree: Any, risk_round: Any, seat: Any, survey: Any, login: Any
) -> None:
    person = seat(tree["a1"], "secretary")
    first = survey(tree["a1"], person, rating=4, surveyed_on=dt.date(2026, 10, 1))
    second = survey(tree["a1"], person, rating=1, surveyed_on=dt.date(2026, 11, 1))
    client = login("leader")

    response = client.post(
        reverse("risk:survey_void", args=[second.pk]), {"void-reason": "摸排对象录错了人"}
    )

    assert response.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.is_void and not second.is_latest
    assert first.is_latest
    assert list(Survey.objects.current()) == [first]
    assert (
        AuditEntry.objects.get(action="risk.survey.voided").changes["reason"] == "摸排对象录错了人"
    )
    page = client.get(reverse("risk:survey_edit", args=[second.pk])).content.decode()
    assert "已作废" in page and "保存更正" not in page


def test_staff_cannot_void_a_survey_and_another_town_cannot_see_it(
    tree: Any, risk_round: Any, seat: Any, survey: Any, login: Any, personas: Any, client: Any
) -> None:
    own = survey(tree["a1"], seat(tree["a1"], "secretary"), rating=3)

    assert (
        login("town")
        .post(reverse("risk:survey_void", args=[own.pk]), {"void-reason": "摸排对象录错了人"})
        .status_code
        == 403
    )
    client.force_login(personas["town_b"])
    assert client.get(reverse("risk:survey_edit", args=[own.pk])).status_code == 404
    own.refresh_from_db()
    assert own.voided_at is None


@pytest.mark.parametrize("size", [1, 6])
def test_the_problem_and_survey_pages_take_constant_queries(
    problem: Any,
    tree: Any,
    seat: Any,
    survey: Any,
    login: Any,
    personas: Any,
    size: int,
    django_assert_max_num_queries: Any,
) -> None:
    from houbei.risk.services import update_problem, update_survey

    own = survey(tree["a1"], seat(tree["a1"], "secretary"), rating=3)
    for n in range(size):
        problem.refresh_from_db()
        update_problem(
            problem,
            fields={"owner_name": f"责任人{n}"},
            version=problem.version,
            actor=personas["town"],
            reason=f"第{n}次调整责任人",
        )
        own.refresh_from_db()
        update_survey(
            own,
            fields={"notes": f"第{n}次"},
            version=own.version,
            actor=personas["town"],
            reason=f"第{n}次补充情况",
        )
    client = login("leader")

    with django_assert_max_num_queries(7):  # 6 measured at 1 and 6 corrections
        assert client.get(reverse("risk:problem_detail", args=[problem.pk])).status_code == 200
    with django_assert_max_num_queries(7):  # 6 measured at 1 and 6 corrections
        assert client.get(reverse("risk:survey_edit", args=[own.pk])).status_code == 200
