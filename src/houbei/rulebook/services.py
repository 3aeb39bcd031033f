"""Creating a round with the default rules of every area, and saving an edited section."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from houbei.accounts.types import Actor, acting_user
from houbei.audit import record
from houbei.regions.models import Region
from houbei.rounds.models import ElectionRound, RuleSet
from houbei.rounds.services import current_rules, save_rules
from houbei.rulebook.registry import (
    DEFAULT_SOURCE,
    default_rules,
    titles,
    validate_rules,
    with_missing_defaults,
)


@transaction.atomic
def create_round(
    *,
    name: str,
    year: int,
    region: Region,
    cutoff_date: dt.date,
    actor: Actor | None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> ElectionRound:
    election_round = ElectionRound.objects.create(
        name=name,
        year=year,
        region=region,
        cutoff_date=cutoff_date,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    RuleSet.objects.create(
        election_round=election_round,
        version=1,
        rules=default_rules(),
        source_document=DEFAULT_SOURCE,
        created_by=acting_user(actor),
    )
    record(actor, "rounds.round.created", election_round, {"year": year}, region=region)
    return election_round


class RulesConflictError(Exception):
    """The rules changed since the editor opened them."""


@transaction.atomic
def save_section(
    election_round: ElectionRound,
    *,
    name: str,
    value: Any,
    base_version: int,
    source_document: str,
    note: str,
    actor: Actor,
) -> RuleSet:
    """A new version with one section replaced, refused when invalid or edited meanwhile."""
    locked = ElectionRound.objects.select_for_update().get(pk=election_round.pk)
    previous = current_rules(locked)
    if previous.version != base_version:
        raise RulesConflictError(
            f"规则已被修改为第{previous.version}版，请刷新页面，在最新版本上重新修改。"
        )
    rules = {**default_rules(), **previous.rules, name: value}
    problems = validate_rules(rules)
    if problems:
        raise ValidationError(
            [f"{key}：{m}" if key else m for key, ms in problems.items() for m in ms]
        )
    if rules == previous.rules:
        raise ValidationError("内容没有变化，未保存新版本。")
    return save_rules(locked, rules=rules, source_document=source_document, note=note, actor=actor)


@transaction.atomic
def import_rules(
    election_round: ElectionRound,
    *,
    rules: Any,
    base_version: int,
    source_document: str,
    note: str,
    actor: Actor,
) -> RuleSet:
    """A new version holding a whole rule set (an expert's edited export), refused when any
    section is invalid, when nothing changed, or when the rules changed since the export. A
    section the file lacks (made before the section existed) takes its default, and the
    version's note says so."""
    locked = ElectionRound.objects.select_for_update().get(pk=election_round.pk)
    previous = current_rules(locked)
    if previous.version != base_version:
        raise RulesConflictError(
            f"规则已被修改为第{previous.version}版，请重新导出最新版本，在其上修改后再导入。"
        )
    rules, defaulted = with_missing_defaults(rules)
    problems = validate_rules(rules)
    if problems:
        names = titles()
        raise ValidationError(
            [
                f"{names.get(key, '')}：{m}" if key in names else m
                for key, ms in problems.items()
                for m in ms
            ]
        )
    if rules == previous.rules:
        raise ValidationError("内容没有变化，未保存新版本。")
    if defaulted:
        note = (
            f"{note}（{defaulted_note(defaulted)}）" if note.strip() else defaulted_note(defaulted)
        )[:300]
    return save_rules(locked, rules=rules, source_document=source_document, note=note, actor=actor)


def defaulted_note(titles_: list[str]) -> str:
    return "未包含规则项" + "、".join(f"“{t}”" for t in titles_) + "，沿用默认值"
