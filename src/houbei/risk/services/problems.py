"""The problem list (问题清单): listing, progress, and closing one by one (销号) with a note."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from houbei.accounts.types import Actor, acting_user
from houbei.audit import record
from houbei.audit.corrections import ALREADY_VOID, correct, void
from houbei.audit.services import diff
from houbei.lib.locking import claim_version
from houbei.regions.models import Region
from houbei.risk.models import Problem, ProblemNote, ProblemStatus
from houbei.risk.rollups import refresh_towns
from houbei.rounds.models import ElectionRound

EDITABLE = ("kind", "title", "description", "owner", "owner_name", "due_on")


def _values(problem: Problem) -> dict[str, Any]:
    values = {name: getattr(problem, name) for name in EDITABLE if name != "owner"}
    return values | {"owner": problem.owner_id}


@transaction.atomic
def create_problem(
    *,
    village: Region,
    election_round: ElectionRound,
    fields: dict[str, Any],
    actor: Actor | None,
) -> Problem:
    problem = Problem(
        village=village,
        election_round=election_round,
        created_by=acting_user(actor),
    )
    for name in EDITABLE:
        if name in fields:
            setattr(problem, name, fields[name])
    if not problem.owner_name and problem.owner is not None:
        problem.owner_name = str(problem.owner)
    problem.save()
    refresh_towns([village.town_id])
    record(actor, "risk.problem.created", problem, diff({}, _values(problem)))
    return problem


@transaction.atomic
def update_problem(
    problem: Problem, *, fields: dict[str, Any], version: int, actor: Actor, reason: str
) -> Problem:
    """A correction (decision 0028): the problem form's fields with a reason, old and new values
    in the problem's history."""
    if problem.status == ProblemStatus.CLOSED:
        raise ValidationError("已销号的问题不能修改。")
    if problem.status == ProblemStatus.VOIDED:
        raise ValidationError(ALREADY_VOID)
    claim_version(problem, version, "该问题已被他人修改，请刷新页面后重新编辑。")
    changed = {name: fields[name] for name in EDITABLE if name in fields}
    correct(problem, fields=changed, reason=reason, actor=actor, action="risk.problem.corrected")
    refresh_towns([problem.village.town_id])
    return problem


@transaction.atomic
def void_problem(problem: Problem, *, reason: str, actor: Actor) -> Problem:
    """作废 a problem listed in error: it stays, marked 已作废, and leaves every count of open and
    overdue problems (the towns' rows are refreshed in this transaction). A closed problem was
    resolved: that stays a fact."""
    problem = Problem.objects.select_for_update().select_related("village").get(pk=problem.pk)
    if problem.status == ProblemStatus.CLOSED:
        raise ValidationError("已销号的问题不能作废。")
    problem.status = ProblemStatus.VOIDED
    problem.version += 1
    problem.save(update_fields=["status", "version"])
    void(problem, reason=reason, actor=actor, action="risk.problem.voided")
    refresh_towns([problem.village.town_id])
    return problem


@transaction.atomic
def add_progress(problem: Problem, *, note: str, actor: Actor) -> ProblemNote:
    note = note.strip()
    if not note:
        raise ValidationError({"note": "请填写整改进展。"})
    if problem.status == ProblemStatus.CLOSED:
        raise ValidationError("问题已销号，不能再记录进展。")
    line = ProblemNote.objects.create(problem=problem, note=note, recorded_by=acting_user(actor))
    record(actor, "risk.problem.progressed", problem, {"note": note})
    return line


@transaction.atomic
def close_problem(
    problem: Problem, *, note: str, actor: Actor, when: dt.datetime | None = None
) -> Problem:
    """销号: only with a note saying how it was resolved (the evidence)."""
    note = note.strip()
    if not note:
        raise ValidationError(
            {"note": "销号必须填写整改结果说明（如何解决、有何佐证），否则不能销号。"}
        )
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    if problem.status == ProblemStatus.CLOSED:
        raise ValidationError("该问题已经销号。")
    problem.status = ProblemStatus.CLOSED
    problem.closing_note = note
    problem.closed_by = acting_user(actor)
    problem.closed_at = when or timezone.now()
    problem.version += 1
    problem.save(update_fields=["status", "closing_note", "closed_by", "closed_at", "version"])
    refresh_towns([problem.village.town_id])
    record(actor, "risk.problem.closed", problem, {"note": note})
    return problem
