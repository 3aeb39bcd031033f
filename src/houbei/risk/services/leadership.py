"""The town's leadership assignments (分片包干): who covers which town, district or village."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.audit.services import diff
from houbei.lib.locking import claim_version
from houbei.risk.models import LeadershipAssignment

FIELDS = ("region", "duty", "user", "name", "title", "phone")


def _values(assignment: LeadershipAssignment) -> dict[str, Any]:
    values = {name: getattr(assignment, name) for name in ("duty", "name", "title", "phone")}
    return values | {"region": assignment.region_id, "user": assignment.user_id}


def _fill(assignment: LeadershipAssignment, fields: dict[str, Any]) -> None:
    for name in FIELDS:
        if name in fields:
            setattr(assignment, name, fields[name])
    if not assignment.name and assignment.user is not None:
        assignment.name = str(assignment.user)
    if not assignment.name.strip():
        raise ValidationError({"name": "请填写姓名，或选择一个账号。"})


@transaction.atomic
def create_assignment(*, fields: dict[str, Any], actor: Actor | None) -> LeadershipAssignment:
    assignment = LeadershipAssignment()
    _fill(assignment, fields)
    assignment.save()
    record(actor, "risk.assignment.created", assignment, diff({}, _values(assignment)))
    return assignment


@transaction.atomic
def update_assignment(
    assignment: LeadershipAssignment, *, fields: dict[str, Any], version: int, actor: Actor
) -> LeadershipAssignment:
    claim_version(assignment, version, "该包联安排已被他人修改，请刷新页面后重新编辑。")
    before = _values(assignment)
    _fill(assignment, fields)
    assignment.save()
    changes = diff(before, _values(assignment))
    if changes:
        record(actor, "risk.assignment.updated", assignment, changes)
    return assignment


@transaction.atomic
def delete_assignment(assignment: LeadershipAssignment, *, actor: Actor) -> None:
    record(actor, "risk.assignment.deleted", assignment, diff(_values(assignment), {}))
    assignment.delete()
