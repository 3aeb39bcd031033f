"""Appointing to a village post and ending it, from the village page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from houbei.audit.models import AuditEntry
from houbei.people.models import Organisation, Post, Role
from houbei.people.services import appoint_to_post

pytestmark = pytest.mark.django_db
START = dt.date(2021, 3, 1)


def appoint(client: Client, personas: Any, village: Any, who: str = "town", **data: Any) -> Any:
    client.force_login(personas[who])
    values = {"term_start": "2021.3.1", **data}
    return client.post(reverse("people:post_create", args=[village.pk]), values)


def seat(person: Any, village: Any, role: Role, **extra: Any) -> Post:
    return appoint_to_post(
        person=person, village=village, role=role, term_start=START, actor=None, **extra
    )


def test_appointing_a_secretary_seats_them_and_returns_to_the_village(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    person = make_person()

    response = appoint(client, personas, tree["a1"], person=person.pk, role="secretary")

    assert response.status_code == 302
    assert response["Location"] == reverse("regions:village_detail", args=[tree["a1"].pk])
    post = Post.objects.get()
    assert (post.role, post.organisation, post.term_start) == ("secretary", "party", START)
    entry = AuditEntry.objects.get(action="people.post.created")
    assert entry.changes["person"] == person.name


def test_a_second_sitting_secretary_is_refused_with_a_readable_message(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    seat(make_person(name="老书记"), tree["a1"], Role.SECRETARY)
    newcomer = make_person(name="新人")

    response = appoint(client, personas, tree["a1"], person=newcomer.pk, role="secretary")

    assert response.status_code == 200
    assert "该村已有在任党组织书记，请先办理其离任。" in response.content.decode()
    assert Post.objects.count() == 1


def test_one_person_may_be_secretary_and_chair_and_the_village_page_says_so(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    person = make_person()
    appoint(client, personas, tree["a1"], person=person.pk, role="secretary")
    appoint(client, personas, tree["a1"], person=person.pk, role="chair")

    page = client.get(reverse("regions:village_detail", args=[tree["a1"].pk])).content.decode()

    assert Post.objects.filter(person=person).count() == 2
    assert "书记、主任一肩挑" in page


def test_a_member_must_name_the_organisation(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    person = make_person()

    missing = appoint(client, personas, tree["a1"], person=person.pk, role="member")
    given = appoint(
        client, personas, tree["a1"], person=person.pk, role="member", organisation="villagers"
    )

    assert "委员须选择所在组织" in missing.content.decode()
    assert given.status_code == 302
    assert Post.objects.get().organisation == Organisation.VILLAGERS


def test_a_chair_cannot_be_put_in_the_party_organisation(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    person = make_person()

    response = appoint(
        client, personas, tree["a1"], person=person.pk, role="chair", organisation="party"
    )

    assert "村委会主任属于村民委员会" in response.content.decode()
    assert Post.objects.count() == 0


def test_a_term_cannot_start_in_the_future(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = appoint(
        client,
        personas,
        tree["a1"],
        person=make_person().pk,
        role="secretary",
        term_start=tomorrow.isoformat(),
    )

    assert "任职时间不能晚于今天" in response.content.decode()


def test_only_the_users_people_can_be_appointed(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    outsider = make_person(village=tree["b1"])

    response = appoint(client, personas, tree["a1"], person=outsider.pk, role="secretary")

    assert response.status_code == 200 and Post.objects.count() == 0


def test_appointing_in_another_towns_village_is_not_found(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    response = appoint(client, personas, tree["b1"], person=make_person().pk, role="secretary")

    assert response.status_code == 404


def test_a_liaison_cannot_appoint(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    response = appoint(client, personas, tree["a1"], "liaison", person=make_person().pk)

    assert response.status_code == 403


def test_the_appoint_page_refuses_other_methods(client: Client, personas: Any, tree: Any) -> None:
    client.force_login(personas["town"])

    response = client.delete(reverse("people:post_create", args=[tree["a1"].pk]))

    assert response.status_code == 405


def test_ending_a_post_frees_the_seat_and_is_audited(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    post = seat(make_person(), tree["a1"], Role.SECRETARY)
    client.force_login(personas["town"])

    response = client.post(
        reverse("people:post_end", args=[post.pk]), {"term_end": "2024年6月30日"}
    )

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.term_end == dt.date(2024, 6, 30)
    assert AuditEntry.objects.get(action="people.post.ended").changes["term_end"]["new"] == (
        "2024-06-30"
    )
    seat(make_person(name="接任者"), tree["a1"], Role.SECRETARY)


def test_a_term_cannot_end_before_it_started(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    post = seat(make_person(), tree["a1"], Role.SECRETARY)
    client.force_login(personas["town"])

    response = client.post(reverse("people:post_end", args=[post.pk]), {"term_end": "2020-01-01"})

    assert "离任时间不能早于任职时间" in response.content.decode()
    post.refresh_from_db()
    assert post.term_end is None


def test_another_towns_post_cannot_be_ended(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    post = seat(make_person(village=tree["b1"]), tree["b1"], Role.CHAIR)
    client.force_login(personas["town"])

    assert client.get(reverse("people:post_end", args=[post.pk])).status_code == 404


def test_a_liaison_cannot_end_a_post(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    post = seat(make_person(), tree["a1"], Role.CHAIR)
    client.force_login(personas["liaison"])

    assert client.post(reverse("people:post_end", args=[post.pk])).status_code == 403


def test_the_village_page_offers_post_actions_only_to_those_who_may_edit_posts(
    client: Client, personas: Any, make_person: Any, tree: Any
) -> None:
    post = seat(make_person(), tree["a1"], Role.CHAIR)
    url = reverse("regions:village_detail", args=[tree["a1"].pk])
    end_url = reverse("people:post_end", args=[post.pk])

    client.force_login(personas["town"])
    office = client.get(url).content.decode()
    client.force_login(personas["liaison"])
    liaison = client.get(url).content.decode()

    assert "任命职务" in office and end_url in office
    assert "任命职务" not in liaison and end_url not in liaison
