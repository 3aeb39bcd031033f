"""The village's risk page, a snapshot's page and the panel on the village page."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.risk.conftest import latest


def test_the_town_officer_reads_why_a_village_is_red(assessed: Any, login: Any) -> None:
    response = login("town").get(reverse("risk:village", args=[assessed["a2"].pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-colour="red"' in page
    assert "书记空缺且无成熟的书记后备" in page
    assert "这是该村第一次研判" in page


def test_the_village_page_loads_the_risk_panel_from_risk(assessed: Any, login: Any) -> None:
    panel = reverse("risk:village_panel", args=[assessed["a1"].pk])

    response = login("town").get(reverse("regions:village_detail", args=[assessed["a1"].pk]))

    page = response.content.decode()
    assert f'id="risk" hx-get="{panel}" hx-trigger="load" hx-swap="outerHTML"' in page
    assert "绿色" not in page


def test_the_risk_panel_shows_the_villages_colour_in_two_queries(
    assessed: Any, login: Any, django_assert_num_queries: Any
) -> None:
    client = login("town")
    url = reverse("risk:village_panel", args=[assessed["a1"].pk])
    client.get(url)

    # The session and the user, the village, the panel's two (the session is saved at most
    # once a minute, not on every page).
    with django_assert_num_queries(5):
        response = client.get(url)

    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<section class="card risk-panel" id="risk">')
    assert "绿色" in fragment and "<html" not in fragment


def test_the_risk_panel_is_scoped_as_the_village_page(assessed: Any, login: Any) -> None:
    panel = "risk:village_panel"
    liaison = login("liaison")

    assert liaison.get(reverse(panel, args=[assessed["a1"].pk])).status_code == 200
    assert liaison.get(reverse(panel, args=[assessed["a3"].pk])).status_code == 404
    assert login("town_b").get(reverse(panel, args=[assessed["a1"].pk])).status_code == 404
    assert login("reviewer").get(reverse(panel, args=[assessed["a1"].pk])).status_code == 403
    assert login("town").post(reverse(panel, args=[assessed["a1"].pk])).status_code == 405


def test_a_liaison_opens_only_their_villages(assessed: Any, login: Any) -> None:
    client = login("liaison")

    assert client.get(reverse("risk:village", args=[assessed["a1"].pk])).status_code == 200
    assert client.get(reverse("risk:village", args=[assessed["a3"].pk])).status_code == 404


def test_another_town_is_not_found(assessed: Any, login: Any) -> None:
    response = login("town_b").get(reverse("risk:village", args=[assessed["a1"].pk]))

    assert response.status_code == 404


def test_a_reviewer_may_not_read_risk(assessed: Any, login: Any) -> None:
    response = login("reviewer").get(reverse("risk:village", args=[assessed["a1"].pk]))

    assert response.status_code == 403


def test_the_page_is_read_only(assessed: Any, login: Any) -> None:
    response = login("town").post(reverse("risk:village", args=[assessed["a1"].pk]))

    assert response.status_code == 405


def test_a_snapshot_keeps_its_reasons(assessed: Any, login: Any) -> None:
    snapshot = latest(assessed["a2"])

    response = login("county").get(reverse("risk:assessment_detail", args=[snapshot.pk]))

    assert response.status_code == 200
    assert "第1版规则" in response.content.decode()
    assert (
        login("town_b").get(reverse("risk:assessment_detail", args=[snapshot.pk])).status_code
        == 404
    )
