"""The whole rule set as a file for an expert: exported as it stands, imported after editing
(validated, a new version with its source document, the history in words)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from houbei.rounds.services import current_rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(client: Any, personas: Any) -> Any:
    client.force_login(personas["county"])
    return client


def _import(client: Any, round_: Any, body: Any, **extra: Any) -> Any:
    text = json.dumps(body, ensure_ascii=False)
    data = {
        "file": SimpleUploadedFile("rules.json", text.encode(), "application/json"),
        "source_document": "辉组〔2026〕5号",
        "note": "专家按县里文件整体修改",
        "base_version": current_rules(round_).version,
        **extra,
    }
    return client.post(f"/rounds/{round_.pk}/import/", data)


def test_the_export_is_the_current_rule_set_as_a_file(county: Any, election_round: Any) -> None:
    response = county.get(f"/rounds/{election_round.pk}/export/")

    body = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment;")
    assert body["version"] == 1 and body["rules"] == current_rules(election_round).rules


def test_an_edited_export_imports_as_a_new_version_with_its_source(
    county: Any, election_round: Any
) -> None:
    body = json.loads(county.get(f"/rounds/{election_round.pk}/export/").content)
    body["rules"]["age_caps"]["chair"] = 58
    body["rules"]["risk"]["problem_due_days"] = 20

    response = _import(county, election_round, body)

    assert response.status_code == 302
    saved = current_rules(election_round)
    assert saved.version == 2 and saved.source_document == "辉组〔2026〕5号"
    assert saved.rules["age_caps"]["chair"] == 58
    history = county.get(f"/rounds/{election_round.pk}/history/").content.decode()
    assert "在任干部年龄上限 村委会主任 由 60 岁 改为 58 岁" in history
    assert "选情研判规则 问题整改默认期限 由 30 天 改为 20 天" in history


def test_an_import_with_an_invalid_section_is_refused_naming_the_section(
    county: Any, election_round: Any
) -> None:
    rules = current_rules(election_round).rules
    rules = {**rules, "pool": {**rules["pool"], "reserves_per_village": 1}}

    response = _import(county, election_round, rules)

    assert "储备库与目标：每村后备总数目标不应少于书记后备目标" in response.content.decode()
    assert current_rules(election_round).version == 1


def test_a_file_made_before_a_section_existed_takes_its_default_and_says_so(
    county: Any, election_round: Any
) -> None:
    from houbei.rulebook.registry import default_rules

    body = json.loads(county.get(f"/rounds/{election_round.pk}/export/").content)
    del body["rules"]["transfer"]  # an export from before the transfer section
    body["rules"]["age_caps"]["chair"] = 58

    response = _import(county, election_round, body["rules"])

    assert response.status_code == 302
    saved = current_rules(election_round)
    assert saved.version == 2 and saved.rules["transfer"] == default_rules()["transfer"]
    assert "未包含规则项“" in saved.note and "，沿用默认值" in saved.note
    page = county.get(response["Location"]).content.decode()
    assert "规则文件未包含规则项“" in page and "沿用默认值" in page


def test_a_file_missing_a_section_still_refuses_a_malformed_one(
    county: Any, election_round: Any
) -> None:
    rules = {k: v for k, v in current_rules(election_round).rules.items() if k != "transfer"}
    rules["risk"] = "不是对象"

    response = _import(county, election_round, rules)

    page = response.content.decode()
    assert "选情研判规则须为对象" in page and "沿用默认值" not in page
    assert current_rules(election_round).version == 1


def test_only_the_county_exports_and_imports(
    client: Any, personas: Any, election_round: Any
) -> None:
    client.force_login(personas["town"])

    assert client.get(f"/rounds/{election_round.pk}/export/").status_code == 403
    assert _import(client, election_round, current_rules(election_round).rules).status_code == 403
