"""The round's leading group (领导小组): kept by the town or county it belongs to, shown on the
round page, every change audited, out of scope is 404 (issue 13 §7)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from houbei.accounts.capabilities import Capability, has_capability
from houbei.audit.models import AuditEntry
from houbei.rounds.models import LeadingGroupMember

pytestmark = pytest.mark.django_db


def _add(election_round: Any, region: Any, name: str, **fields: Any) -> Any:
    from houbei.rounds.leading import add_member

    values = {"region": region, "position": "member", "name": name, **fields}
    return add_member(election_round=election_round, fields=values, actor=None)


def test_town_staff_add_a_member_with_an_account_and_it_is_audited(
    client: Any, tree: Any, personas: Any, election_round: Any
) -> None:
    client.force_login(personas["town"])
    data = {
        "region": tree["town_a"].pk,
        "user": personas["leader"].pk,
        "name": "",
        "title": "镇党委书记",
        "position": "head",
        "duty": "全面负责",
        "order": 1,
    }
    url = reverse("rounds:leading_member_create", kwargs={"pk": election_round.pk})

    response = client.post(url, data)

    assert response.status_code == 302
    member = LeadingGroupMember.objects.get()
    assert (member.name, member.user, member.region) == (
        "leader",
        personas["leader"],
        tree["town_a"],
    )
    entry = AuditEntry.objects.get(action="rounds.leading_member.added")
    assert entry.region_id == tree["town_a"].pk and entry.changes["position"]["new"] == "组长"
    page = client.get(reverse("rounds:round_detail", kwargs={"pk": election_round.pk}))
    assert "吴村镇领导小组" in page.content.decode() and "全面负责" in page.content.decode()


def test_a_member_needs_a_name_or_an_account(
    client: Any, tree: Any, personas: Any, election_round: Any
) -> None:
    client.force_login(personas["town"])
    url = reverse("rounds:leading_member_create", kwargs={"pk": election_round.pk})
    data = {"region": tree["town_a"].pk, "position": "member", "order": 0}

    page = client.post(url, data).content.decode()

    assert "请填写姓名，或选择一个账号。" in page
    assert not LeadingGroupMember.objects.exists()


def test_a_town_cannot_put_a_member_into_another_towns_group(
    client: Any, tree: Any, personas: Any, election_round: Any
) -> None:
    client.force_login(personas["town"])
    url = reverse("rounds:leading_member_create", kwargs={"pk": election_round.pk})
    data = {"region": tree["town_b"].pk, "position": "member", "name": "某人", "order": 0}

    page = client.post(url, data)

    assert page.status_code == 200 and "town_b" not in page.content.decode()
    assert not LeadingGroupMember.objects.exists()


def test_another_towns_member_is_not_found(
    client: Any, tree: Any, personas: Any, election_round: Any
) -> None:
    member = _add(election_round, tree["town_a"], "王建军")
    client.force_login(personas["town_b"])

    assert (
        client.get(reverse("rounds:leading_member_edit", kwargs={"pk": member.pk})).status_code
        == 404
    )
    assert (
        client.post(reverse("rounds:leading_member_delete", kwargs={"pk": member.pk})).status_code
        == 404
    )
    page = client.get(reverse("rounds:round_detail", kwargs={"pk": election_round.pk}))
    assert "王建军" not in page.content.decode()


def test_the_county_keeps_its_own_group_and_reads_the_towns(
    client: Any, tree: Any, personas: Any, election_round: Any
) -> None:
    _add(election_round, tree["town_a"], "王建军")
    client.force_login(personas["county"])
    url = reverse("rounds:leading_member_create", kwargs={"pk": election_round.pk})
    data = {"region": tree["county"].pk, "position": "head", "name": "高建民", "order": 0}

    assert client.post(url, data).status_code == 302
    page = client.get(
        reverse("rounds:round_detail", kwargs={"pk": election_round.pk})
    ).content.decode()
    assert "辉县市领导小组" in page and "吴村镇领导小组" in page and "高建民" in page


def test_editing_and_removing_are_audited_and_an_attendee_stays(
    client: Any, tree: Any, personas: Any, election_round: Any
) -> None:
    from django.utils import timezone

    from houbei.risk.services import record_meeting
    from houbei.rounds.leading import remove_member

    member = _add(election_round, tree["town_a"], "张红梅")
    client.force_login(personas["leader"])
    data = {"region": tree["town_a"].pk, "position": "deputy", "name": "张红梅", "order": 2}
    edit = reverse("rounds:leading_member_edit", kwargs={"pk": member.pk})
    assert client.post(edit, data).status_code == 302
    assert AuditEntry.objects.get(action="rounds.leading_member.updated").changes["position"] == {
        "old": "成员",
        "new": "副组长",
    }
    record_meeting(
        town=tree["town_a"], held_on=timezone.localdate(), members=[member], accounts=[],
        decisions="x", confirmed=[], actor=None,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        remove_member(member, actor=None)

    spare = _add(election_round, tree["town_a"], "周立平")
    client.post(reverse("rounds:leading_member_delete", kwargs={"pk": spare.pk}))
    assert not LeadingGroupMember.objects.filter(pk=spare.pk).exists()
    assert AuditEntry.objects.filter(action="rounds.leading_member.removed").count() == 1


def test_who_may_keep_the_group(personas: Any) -> None:
    allowed = {n for n, u in personas.items() if has_capability(u, Capability.MANAGE_LEADING_GROUP)}
    assert allowed == {"county", "leader", "town", "town_b"}
    recorders = {n for n, u in personas.items() if has_capability(u, Capability.RECORD_MEETINGS)}
    assert recorders == {"leader", "town", "town_b"}


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_round_page_costs_the_same_queries_at_two_sizes(
    client: Any, tree: Any, personas: Any, election_round: Any
) -> None:
    client.force_login(personas["county"])
    url = reverse("rounds:round_detail", kwargs={"pk": election_round.pk})
    _add(election_round, tree["town_a"], "甲", user=personas["leader"])
    small = _queries(client, url)
    for n in range(12):
        region = (tree["town_a"], tree["town_b"], tree["county"])[n % 3]
        _add(election_round, region, f"成员{n}", user=personas["town"] if n % 2 else None)
    assert _queries(client, url) == small
