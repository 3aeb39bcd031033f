"""What every page shares: the audit log in Chinese, a favicon, a Chinese 404 in development."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def test_the_audit_log_shows_fields_and_values_in_chinese(
    tree: Any, personas: Any, election_round: Any, make_person: Any, login: Any
) -> None:
    from houbei.risk.services import record_survey, save_facts

    save_facts(
        village=tree["a1"],
        election_round=election_round,
        fields={"clan_disputes": 2},
        version=None,
        actor=personas["town"],
    )
    fields = {"source": "talk", "attitude": "undecided", "performance": 4, "conduct": 4}
    record_survey(
        village=tree["a1"],
        person=make_person(village=tree["a1"]),
        election_round=election_round,
        fields={**fields, "intention": "run_again"},
        actor=personas["town"],
    )

    page = login("auditor").get(reverse("audit:entry_list")).content.decode()

    assert "宗族派性矛盾（件）" in page and "思想有波动、态度不明" in page
    assert "<b>clan_disputes</b>" not in page and "<b>attitude</b>" not in page


def test_every_page_names_its_favicon(personas: Any, login: Any) -> None:
    page = login("town").get(reverse("home")).content.decode()

    assert 'rel="icon"' in page and "favicon.svg" in page


def test_an_unknown_address_reads_as_the_chinese_404_in_development(
    personas: Any, login: Any, settings: Any
) -> None:
    settings.DEBUG = True

    response = login("town").get("/no-such-page/")

    text = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in text and "URLconf" not in text


def test_a_view_404_reads_as_the_chinese_404_in_development(
    personas: Any, login: Any, settings: Any
) -> None:
    settings.DEBUG = True

    response = login("county").get(reverse("workbench:town_detail", args=[999999]))

    assert response.status_code == 404 and "页面不存在" in response.content.decode()
