"""Caps on the risk rules: a saved rule set can never crash or stall the engine. Refused with a
Chinese message by the validator, by the service that saves rules, and by the rules editor."""

from __future__ import annotations

import copy
import json
from itertools import cycle, islice
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from houbei.risk import rules as caps
from houbei.risk.defaults import RISK
from houbei.risk.rules import MEASURES, validate_risk_section


def _risk() -> dict[str, Any]:
    return copy.deepcopy(RISK)


def _many_factors(count: int) -> dict[str, Any]:
    risk = _risk()
    factor = risk["factors"][0]
    risk["factors"] = [{**factor, "key": f"k{n}", "weight": 0, "bands": [{"points": 0}]}
                       for n in range(count)]  # fmt: skip
    risk["factors"][0]["weight"] = 100
    return risk


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def _condition(measure: str = "members_short") -> dict[str, Any]:
    return {"measure": measure, "op": "<", "value": 1}


CAPPED = [
    (
        lambda r: r["factors"][0].update(bands=[{"points": 0, "max": n} for n in range(25)]),
        "评分因素“班子完整”：分档最多20个，当前25个",
    ),
    (
        lambda r: r.update(hard_rules=[{**r["hard_rules"][0], "key": f"h{n}"} for n in range(150)]),
        "硬性规则最多100条，当前150条",
    ),
    (
        lambda r: r["hard_rules"][0].update(all=[_condition()] * 30),
        "硬性规则“两委缺额2人及以上且无成熟的书记后备”：条件最多20个，当前30个",
    ),
    (
        lambda r: r["outlook"].update(rules=[r["outlook"]["rules"][0]] * 101),
        "进退留转规则最多100条，当前101条",
    ),
    (
        lambda r: r["outlook"]["rules"][0].update(
            all=[{"measure": "rating", "op": "<", "value": 2}] * 21
        ),
        "进退留转规则“截止日超过本职务年龄上限”：条件最多20个，当前21个",
    ),  # fmt: skip
    (lambda r: r.update(notes=_nested(12)), "选情研判规则嵌套最多8层"),
    (lambda r: r.update(notes=list(range(60_000))), "选情研判规则内容过多：最多50000项"),
    (
        lambda r: r["factors"][0]["bands"][1].update(max=10**12),
        "数值须在 -1000000 至 1000000 之间：“factors.0.bands.1.max”为 1000000000000",
    ),
    (
        lambda r: r["hard_rules"][0]["all"][0].update(value=float("nan")),
        "数值无效（不能为 NaN 或无穷大）：“hard_rules.0.all.0.value”为 nan",
    ),
    (
        lambda r: r["factors"][0]["bands"][0].update(min=float("-inf")),
        "数值无效（不能为 NaN 或无穷大）",
    ),
    (
        lambda r: r["factors"][0].update(label="长" * 301),
        "文字最长300字：“factors.0.label”现为301字",
    ),
    (lambda r: r.update({"键" * 400: 1}), "文字最长300字：中有400字的键名"),
]


@pytest.mark.parametrize(("change", "message"), CAPPED)
def test_each_cap_is_refused_with_a_chinese_message(change: Any, message: str) -> None:
    risk = _risk()
    change(risk)

    assert any(message in error for error in validate_risk_section(risk))


def test_thousands_of_factors_are_refused_in_one_message() -> None:
    assert validate_risk_section(_many_factors(3000)) == ["评分因素最多100个，当前3000个"]


def test_a_rule_set_at_every_cap_is_valid_and_every_form_evaluates_it(db: Any) -> None:
    from houbei.devtools.risk_sql import colours_of
    from houbei.risk.engine import reference
    from houbei.risk.engine.measures import as_dict
    from houbei.risk.engine.scoring import Rules

    risk = _many_factors(caps.MAX_FACTORS)
    bands = [{"points": 0, "min": n, "max": n + 0.5} for n in range(caps.MAX_BANDS - 1)]
    for factor in risk["factors"]:
        factor["bands"] = [*bands, {"points": 0}]
    risk["factors"][0]["bands"][-1]["points"] = 100
    conditions = [_condition(m) for m in islice(cycle(MEASURES), caps.MAX_CONDITIONS)]
    rule = {"key": "h", "label": "很多条件", "colour": "orange", "all": conditions}
    risk["hard_rules"] = [{**rule, "key": f"h{n}"} for n in range(caps.MAX_HARD_RULES)]
    outlook = {"outlook": "leave", "label": "很多条件", "all": [_condition("rating")] * 20}
    risk["outlook"]["rules"] = [outlook] * caps.MAX_OUTLOOK_RULES
    assert validate_risk_section(risk) == []
    measures = (100,) * len(MEASURES)

    verdict = Rules(risk).judge(measures)

    assert (verdict.score, verdict.colour) == (100, "green")
    assert reference.judge(risk, as_dict(measures)).colour == "green"
    assert colours_of(risk, [measures]) == [(100, "green")]


def test_a_missing_score_cannot_be_a_boolean() -> None:
    risk = _risk()
    risk["factors"][0]["if_missing"] = True

    assert validate_risk_section(risk) == ["评分因素“班子完整”：缺少数据时的得分须在0至15之间"]


def test_labels_the_pages_show_are_required() -> None:
    risk = _risk()
    del risk["factors"][0]["label"]
    del risk["hard_rules"][0]["key"]
    del risk["outlook"]["rules"][0]["label"]

    assert validate_risk_section(risk) == [
        "评分因素“committee”：名称不能为空",
        "硬性规则“两委缺额2人及以上且无成熟的书记后备”：代码和名称不能为空",
        "进退留转规则“第1条”：名称不能为空",
    ]


def test_a_name_given_as_a_list_is_refused_not_raised() -> None:
    risk = _risk()
    risk["hard_rules"][0]["all"][0]["measure"] = ["members_short"]
    risk["not_ready_colours"] = [{"red": 1}]

    errors = validate_risk_section(risk)

    assert "“['members_short']”不存在" in errors[0]
    assert "“不具备换届条件”的颜色须从 red/orange/yellow/green 中选择" in errors


def _save(election_round: Any, value: Any, actor: Any) -> Any:
    from houbei.rulebook.services import save_section

    return save_section(
        election_round, name="risk", value=value, base_version=1,
        source_document="测试文件", note="很多因素", actor=actor,
    )  # fmt: skip


def test_the_service_refuses_thousands_of_factors(risk_round: Any, personas: Any) -> None:
    from houbei.rounds.services import current_rules

    with pytest.raises(ValidationError) as refused:
        _save(risk_round, _many_factors(3000), personas["county"])

    assert refused.value.messages == ["risk：评分因素最多100个，当前3000个"]
    assert current_rules(risk_round).version == 1


def test_the_service_refuses_deep_nesting_without_recursing(risk_round: Any, personas: Any) -> None:
    risk = _risk()
    risk["notes"] = _nested(100_000)  # deeper than Python's recursion limit

    with pytest.raises(ValidationError, match="选情研判规则嵌套最多8层"):
        _save(risk_round, risk, personas["county"])


def _edit(client: Any, election_round: Any, content: str) -> Any:
    """Import the round's rules with the risk section's text replaced by `content` (the risk
    section has a form; a section as text arrives through the expert's rules file)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from houbei.rounds.services import current_rules

    others = {k: v for k, v in current_rules(election_round).rules.items() if k != "risk"}
    text = json.dumps(others, ensure_ascii=False)[:-1] + ', "risk": ' + content + "}"
    return client.post(
        f"/rounds/{election_round.pk}/import/",
        {
            "file": SimpleUploadedFile("rules.json", text.encode(), "application/json"),
            "source_document": "辉组〔2026〕3号",
            "note": "调整",
            "base_version": 1,
        },
    )


@pytest.fixture
def county(client: Any, personas: Any) -> Any:
    client.force_login(personas["county"])
    return client


def test_the_editor_refuses_thousands_of_factors(county: Any, risk_round: Any) -> None:
    from houbei.rounds.services import current_rules

    response = _edit(county, risk_round, json.dumps(_many_factors(3000), ensure_ascii=False))

    assert response.status_code == 200
    assert "评分因素最多100个，当前3000个" in response.content.decode()
    assert current_rules(risk_round).version == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "规则嵌套层数过多：对象和列表最多嵌套32层"),
        ("[" * 500 + "]" * 500, "规则嵌套层数过多：对象和列表最多嵌套32层"),
        ('{"factors": ' + "[" * 20 + "]" * 20 + "}", "选情研判规则嵌套最多8层"),
        ('{"problem_due_days": ' + "9" * 5000 + "}", "数字位数过多，无法读取"),
        ('{"problem_due_days": NaN}', "数值无效（不能为 NaN 或无穷大）"),
    ],
)
def test_the_editor_explains_deep_or_unreadable_json_in_chinese(
    county: Any, risk_round: Any, content: str, message: str
) -> None:
    response = _edit(county, risk_round, content)

    assert response.status_code == 200
    assert message in response.content.decode()
