"""Rule sections edited as forms: Chinese labels and units, errors next to the field, lists of
records, the fallback to JSON for a section not described yet, and the history in words."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from houbei.rounds.services import current_rules
from houbei.rulebook import registry
from houbei.rulebook.registry import BY_NAME
from tests.rounds.forms import post_section, shown

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(client: Any, personas: Any) -> Any:
    client.force_login(personas["county"])
    return client


def _history(client: Any, round_: Any) -> str:
    return client.get(f"/rounds/{round_.pk}/history/").content.decode()


@pytest.mark.parametrize("name", list(BY_NAME))
def test_every_section_has_a_form_that_posts_back_unchanged(
    county: Any, election_round: Any, name: str
) -> None:
    assert BY_NAME[name].describe is not None

    response = post_section(county, election_round, name)

    assert "内容没有变化，未保存新版本。" in response.content.decode()
    assert current_rules(election_round).version == 1


@pytest.mark.parametrize("name", list(BY_NAME))
def test_the_form_shows_no_key_of_the_rules(county: Any, election_round: Any, name: str) -> None:
    text = county.get(f"/rounds/{election_round.pk}/rules/{name}/edit/").content.decode()
    visible = re.sub(r"<[^>]+>", " ", text)

    assert name not in re.findall(r"[a-z_]+", visible)
    assert "_" not in visible.replace("__", "")


def test_an_age_cap_changed_through_the_form_reads_in_words(
    county: Any, election_round: Any
) -> None:
    response = post_section(county, election_round, "age_caps", secretary="55")

    assert response.status_code == 302
    assert current_rules(election_round).rules["age_caps"]["secretary"] == 55
    assert "在任干部年龄上限 村党组织书记 由 60 岁 改为 55 岁" in _history(county, election_round)


def test_an_age_cap_out_of_range_is_refused_next_to_its_field(
    county: Any, election_round: Any
) -> None:
    response = post_section(county, election_round, "age_caps", chair="140")

    text = response.content.decode()
    field = text[text.index('id="field-chair"') :][:1500]
    assert "field-error" in text and "100" in field and "errorlist" in field
    assert current_rules(election_round).version == 1


def test_a_validator_message_names_the_field_by_its_label(county: Any, election_round: Any) -> None:
    response = post_section(county, election_round, "committee", min_size="7", max_size="9")

    text = response.content.decode()
    assert "职数应满足 最少职数 ≤ 两委职数 ≤ 最多职数" in text
    assert "min_size" not in re.sub(r"<[^>]+>", " ", text)
    assert current_rules(election_round).version == 1


def test_a_share_is_edited_as_a_percentage(county: Any, election_round: Any) -> None:
    response = post_section(county, election_round, "recommendation", threshold="60")

    assert response.status_code == 302
    assert current_rules(election_round).rules["recommendation"]["threshold"] == 0.6
    assert "民主推荐通过规则 赞成票比例 由 50% 改为 60%" in _history(county, election_round)


def test_a_ratio_keeps_its_fraction_and_accepts_a_percentage(
    county: Any, election_round: Any
) -> None:
    assert shown("cultivation", current_rules(election_round).rules)["leave_limit"] == "1/7"

    post_section(county, election_round, "cultivation", leave_limit="20%")

    assert current_rules(election_round).rules["cultivation"]["leave_limit"] == 0.2


def test_a_department_is_added_in_a_blank_row_and_named_in_the_history(
    county: Any, election_round: Any
) -> None:
    count = len(current_rules(election_round).rules["review_departments"]["departments"])
    row = f"departments-{count}-"

    response = post_section(
        county,
        election_round,
        "review_departments",
        **{f"{row}name": "市场监管", f"{row}checks": "市场主体登记"},
    )

    assert response.status_code == 302
    added = current_rules(election_round).rules["review_departments"]["departments"][-1]
    assert added == {"code": "department-1", "name": "市场监管", "checks": "市场主体登记"}
    assert "资格联审部门 新增联审部门“市场监管”" in _history(county, election_round)


def test_removing_a_department_the_negative_list_names_is_refused(
    county: Any, election_round: Any
) -> None:
    listed = current_rules(election_round).rules["review_departments"]["departments"]
    police = next(i for i, d in enumerate(listed) if d["code"] == "police")

    response = post_section(
        county, election_round, "review_departments", **{f"departments-{police}-remove": "on"}
    )

    assert "核查部门“police”不在资格联审部门中" in response.content.decode()
    assert current_rules(election_round).version == 1


def test_a_disqualifier_item_changes_class_and_the_history_names_it(
    county: Any, election_round: Any
) -> None:
    response = post_section(county, election_round, "disqualifiers", **{"items-7-class": "不能"})

    assert response.status_code == 302
    history = _history(county, election_round)
    assert (
        "负面清单 条目“长期无理上访或组织、蛊惑群众上访，影响社会稳定的” 类别 由 不宜 改为 不能"
        in history
    )


def test_a_colour_band_is_changed_through_the_risk_form(county: Any, election_round: Any) -> None:
    response = post_section(county, election_round, "risk", colours__0__min="85")

    assert response.status_code == 302
    assert current_rules(election_round).rules["risk"]["colours"][0]["min"] == 85
    assert "选情研判规则 绿色最低分 由 80 分 改为 85 分" in _history(county, election_round)


def test_a_preview_saves_nothing_and_needs_no_note(county: Any, election_round: Any) -> None:
    response = post_section(
        county, election_round, "age_caps", preview=True, secretary="55", note=""
    )

    text = response.content.decode()
    assert "预览效果（尚未保存）" in text
    assert "在任干部年龄上限 村党组织书记 由 60 岁 改为 55 岁" in text
    assert "现任干部到截止日超过年龄上限" in text
    assert current_rules(election_round).version == 1


def test_a_section_without_a_description_is_edited_as_json(
    county: Any, election_round: Any, monkeypatch: Any
) -> None:
    plain = dataclasses.replace(BY_NAME["pool"], describe=None)
    monkeypatch.setitem(registry.BY_NAME, "pool", plain)
    monkeypatch.setattr(
        registry, "SECTIONS", tuple(plain if s.name == "pool" else s for s in registry.SECTIONS)
    )

    text = county.get(f"/rounds/{election_round.pk}/rules/pool/edit/").content.decode()

    assert "规则内容（JSON）" in text


def test_towns_cannot_open_the_form(client: Any, personas: Any, election_round: Any) -> None:
    client.force_login(personas["town"])

    assert client.get(f"/rounds/{election_round.pk}/rules/age_caps/edit/").status_code == 403
    assert post_section(client, election_round, "age_caps", secretary="50").status_code == 403
    assert current_rules(election_round).version == 1
