"""Who answers for each village (分片包干 and the matrix by colour), and editing the assignments."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from houbei.audit.models import AuditEntry


@pytest.fixture
def leaders(tree: Any) -> Any:
    from houbei.risk.services import create_assignment

    rows = [
        (tree["town_a"], "county_leader", "高建民", "县委常委"),
        (tree["town_a"], "party_secretary", "王建军", "镇党委书记"),
        (tree["district"], "district_director", "牛振华", "管理区主任"),
        (tree["town_a"], "covering_leader", "马国强", "副镇长"),
        (tree["a1"], "covering_leader", "陈淑芬", "镇党委委员"),
    ]
    for region, duty, name, title in rows:
        create_assignment(
            fields={"region": region, "duty": duty, "name": name, "title": title}, actor=None
        )
    return tree


def _in_charge(village: Any, colour: str) -> list[tuple[str, str]]:
    from houbei.risk.responsibility import in_charge, roster
    from houbei.rulebook.registry import default_rules

    matrix = default_rules()["risk"]["responsibility"]
    return [
        (r.position, r.name) for r in in_charge(village, colour, matrix, roster([village.town_id]))
    ]


def test_a_red_village_is_led_by_the_county_leader_and_driven_by_the_town_secretary(
    leaders: Any,
) -> None:
    assert _in_charge(leaders["a2"], "red") == [("挂帅", "高建民"), ("主抓", "王建军")]


def test_the_villages_own_assignment_comes_before_the_towns(leaders: Any) -> None:
    assert _in_charge(leaders["a1"], "yellow") == [("挂点指导", "陈淑芬")]
    assert _in_charge(leaders["a2"], "yellow") == [("挂点指导", "马国强")]


def test_a_green_village_names_its_liaison_account_and_flags_missing_duties(
    leaders: Any, personas: Any
) -> None:
    lines = _in_charge(leaders["a1"], "green")

    assert ("跟踪负责", "牛振华") in lines and ("跟踪负责", "liaison") in lines
    assert ("跟踪负责", "") in lines  # nobody for the resident work team yet


def test_the_village_page_follows_the_colour(leaders: Any, risk_round: Any, login: Any) -> None:
    from houbei.risk.services import run_assessment

    run_assessment(region=leaders["town_a"], actor=None)

    page = login("town").get(reverse("risk:village", args=[leaders["a2"].pk])).content.decode()
    assert "高建民" in page and "王建军" in page


def test_staff_add_an_assignment(tree: Any, login: Any) -> None:
    from houbei.risk.models import LeadershipAssignment

    data = {
        "region": tree["a3"].pk,
        "duty": "resident_team",
        "name": "赵一",
        "title": "驻村第一书记",
    }

    response = login("town").post(reverse("risk:assignment_create"), data)

    assert response.status_code == 302
    assert LeadershipAssignment.objects.get().region == tree["a3"]
    assert AuditEntry.objects.filter(action="risk.assignment.created").exists()


def test_staff_cannot_assign_in_another_town(tree: Any, login: Any) -> None:
    data = {"region": tree["b1"].pk, "duty": "resident_team", "name": "赵一"}

    response = login("town").post(reverse("risk:assignment_create"), data)

    assert response.status_code == 200  # the other town's village is no choice at all


def test_staff_edit_and_delete_assignments_in_scope(leaders: Any, login: Any) -> None:
    from houbei.risk.models import LeadershipAssignment

    found = LeadershipAssignment.objects.get(name="牛振华")
    client = login("town")
    data = {
        "region": found.region_id,
        "duty": found.duty,
        "name": "牛振中",
        "version": found.version,
    }

    assert client.post(reverse("risk:assignment_edit", args=[found.pk]), data).status_code == 302
    assert client.post(reverse("risk:assignment_delete", args=[found.pk])).status_code == 302
    assert not LeadershipAssignment.objects.filter(pk=found.pk).exists()
    assert (
        login("town_b").post(reverse("risk:assignment_delete", args=[found.pk + 1])).status_code
        == 404
    )


def test_a_liaison_reads_but_does_not_edit_assignments(leaders: Any, login: Any) -> None:
    client = login("liaison")

    assert client.get(reverse("risk:assignment_list")).status_code == 200
    assert client.get(reverse("risk:assignment_create")).status_code == 403
