"""The rounds pages: the county edits a section, every save a new version with its diff in
words; towns read; a malformed rules file is refused with messages an expert can act on (the
forms themselves: tests/rounds/test_rule_forms.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from houbei.rounds.models import RuleSet
from houbei.rounds.services import current_rules
from houbei.rulebook.registry import default_rules

pytestmark = pytest.mark.django_db


def _edit(client: Any, round_: Any, name: str, value: Any, **extra: Any) -> Any:
    """Import the round's rules with one section replaced (`value`: the section, or the text of
    the whole file when a string)."""
    rules = {**current_rules(round_).rules, name: value}
    text = value if isinstance(value, str) else json.dumps(rules, ensure_ascii=False)
    data = {
        "file": SimpleUploadedFile("rules.json", text.encode(), "application/json"),
        "source_document": "辉组〔2026〕3号",
        "note": "按县里文件调整",
        "base_version": current_rules(round_).version,
        **extra,
    }
    return client.post(f"/rounds/{round_.pk}/import/", data)


def test_the_round_page_shows_every_section_with_its_source(
    client: Any, personas: Any, election_round: Any
) -> None:
    client.force_login(personas["town"])

    text = client.get(f"/rounds/{election_round.pk}/").content.decode()

    assert "负面清单" in text and "受过刑事处罚的" in text and "资格联审部门" in text
    assert "依据：" in text and f"/rounds/{election_round.pk}/rules/" not in text


def test_the_county_gets_an_edit_link_per_section(
    client: Any, personas: Any, election_round: Any
) -> None:
    client.force_login(personas["county"])

    text = client.get(f"/rounds/{election_round.pk}/").content.decode()

    assert f"/rounds/{election_round.pk}/rules/disqualifiers/edit/" in text


def test_the_county_saves_a_new_version_and_sees_the_diff(
    client: Any, personas: Any, election_round: Any
) -> None:
    client.force_login(personas["county"])
    pool = {**default_rules()["pool"], "secretary_reserves_per_village": 1}

    response = _edit(client, election_round, "pool", pool)

    assert response.status_code == 302
    assert current_rules(election_round).version == 2
    history = client.get(f"/rounds/{election_round.pk}/history/").content.decode()
    assert "储备库与目标 每村书记后备目标 由 2 人 改为 1 人" in history
    assert "辉组〔2026〕3号" in history and "secretary_reserves_per_village" not in history


def test_malformed_json_is_explained_with_its_line(
    client: Any, personas: Any, election_round: Any
) -> None:
    client.force_login(personas["county"])

    response = _edit(client, election_round, "pool", '{\n  "reserves_per_village": 3\n  "x": 1\n}')

    text = response.content.decode()
    assert "第 3 行" in text and "缺少英文逗号" in text
    assert RuleSet.objects.filter(election_round=election_round).count() == 1


def test_an_invalid_section_is_refused(client: Any, personas: Any, election_round: Any) -> None:
    client.force_login(personas["county"])
    rule = {**default_rules()["recommendation"], "threshold": 2}

    response = _edit(client, election_round, "recommendation", rule)

    assert "民主推荐通过规则：" in response.content.decode()
    assert "0 到 1 之间" in response.content.decode()
    assert current_rules(election_round).version == 1


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deeply_nested_json_is_refused_in_chinese_not_with_an_error_page(
    client: Any, personas: Any, election_round: Any, depth: int
) -> None:
    client.force_login(personas["county"])

    response = _edit(client, election_round, "pool", "[" * depth + "]" * depth)

    assert response.status_code == 200
    assert "规则嵌套层数过多：对象和列表最多嵌套32层" in response.content.decode()
    assert current_rules(election_round).version == 1


def test_an_edit_from_a_stale_page_is_refused(
    client: Any, personas: Any, election_round: Any
) -> None:
    client.force_login(personas["county"])
    pool = default_rules()["pool"]
    _edit(client, election_round, "pool", {**pool, "reserves_per_village": 4})

    response = _edit(
        client, election_round, "pool", {**pool, "reserves_per_village": 5}, base_version=1
    )

    assert "规则已被修改为第2版" in response.content.decode()


def test_towns_cannot_edit_rules(client: Any, personas: Any, election_round: Any) -> None:
    client.force_login(personas["town"])

    assert _edit(client, election_round, "pool", default_rules()["pool"]).status_code == 403


def test_an_unknown_section_is_404(client: Any, personas: Any, election_round: Any) -> None:
    client.force_login(personas["county"])

    assert client.get(f"/rounds/{election_round.pk}/rules/nothing/edit/").status_code == 404


def test_the_read_pages_refuse_post(client: Any, personas: Any, election_round: Any) -> None:
    client.force_login(personas["county"])

    assert client.post(f"/rounds/{election_round.pk}/").status_code == 405


def test_another_countys_round_is_404(client: Any, personas: Any, tree: Any) -> None:
    import datetime as dt

    from houbei.regions.models import Level
    from houbei.regions.services import create_region
    from houbei.rulebook.services import create_round

    other = create_region(
        name="外县", level=Level.COUNTY, parent=tree["county"].parent, code="410783000000"
    )
    round_ = create_round(
        name="外县2026", year=2026, region=other, cutoff_date=dt.date(2026, 12, 31), actor=None
    )
    client.force_login(personas["county"])

    assert client.get(f"/rounds/{round_.pk}/").status_code == 404
    assert client.get(f"/rounds/versions/{current_rules(round_).pk}/").status_code == 404
