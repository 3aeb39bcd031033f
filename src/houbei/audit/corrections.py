"""Correcting and voiding a record of something that happened, the same way for every app.

A correction sets the fields a form validated, and the audit entry holds the old and new value
of each changed field and the reason, so the record's history reads "更正：字段 旧值 → 新值，
理由". Voiding leaves the record in place, marked (houbei.lib.voiding.Voidable). The apps'
services call these inside their own transaction, after their own guards, and re-run what
depends on the record (docs/decisions/0028-record-corrections.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from houbei.accounts.types import Actor, acting_user
from houbei.audit import record

M = TypeVar("M", bound=Model)

REASON_MIN = 4
NOTHING_CHANGED = "更正内容与原记录相同，没有需要更正的内容"
ALREADY_VOID = "该记录已作废，不能再更正或作废"


class ReasonForm(forms.Form):
    """The reason every correction and every voiding must give."""

    reason_label = "更正理由"

    reason = forms.CharField(
        label="更正理由",
        min_length=REASON_MIN,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "请填写理由",
            "min_length": f"理由至少 {REASON_MIN} 个字，请写明原因",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = self.reason_label

    def clean_reason(self) -> str:
        text = str(self.cleaned_data["reason"]).strip()
        if len(text) < REASON_MIN:
            raise ValidationError(f"理由至少 {REASON_MIN} 个字，请写明原因")
        return text


class VoidForm(ReasonForm):
    reason_label = "作废理由"


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return str(value)
    return value


def refuse_if_void(instance: Any) -> None:
    if getattr(instance, "voided_at", None) is not None:
        raise ValidationError(ALREADY_VOID)


def correct(
    instance: Model,
    *,
    fields: Mapping[str, Any],
    reason: str,
    actor: Actor | None,
    action: str,
    hidden: Iterable[str] = (),
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Sets `fields` on the record and saves the changed ones; audits old → new and the reason.

    `hidden` names sealed fields: their change is recorded as changed, never their values.
    Refuses a voided record, and a correction that changes nothing."""
    refuse_if_void(instance)
    secret = set(hidden)
    before = {name: getattr(instance, name) for name in fields}
    changed = [name for name, value in fields.items() if before[name] != value]
    if not changed:
        raise ValidationError(NOTHING_CHANGED)
    for name in changed:
        setattr(instance, name, fields[name])
    names = {f.name for f in instance._meta.concrete_fields}
    instance.save(update_fields=[n if n in names else f"{n}_sealed" for n in changed])
    changes: dict[str, Any] = {
        name: {"old": "（已加密，不显示）", "new": "（已加密，不显示）"}
        if name in secret
        else {"old": _plain(before[name]), "new": _plain(fields[name])}
        for name in changed
    }
    record(actor, action, instance, {**changes, **(extra or {}), "reason": reason})
    return changes


def void(
    instance: Model,
    *,
    reason: str,
    actor: Actor | None,
    action: str,
    extra: Mapping[str, Any] | None = None,
) -> None:
    """Marks the record void (it stays, with who, when and why) and audits it."""
    refuse_if_void(instance)
    instance.voided_at = timezone.now()  # type: ignore[attr-defined]
    instance.voided_by = acting_user(actor)  # type: ignore[attr-defined]
    instance.void_reason = reason  # type: ignore[attr-defined]
    instance.save(update_fields=["voided_at", "voided_by", "void_reason"])
    record(actor, action, instance, {**(extra or {}), "reason": reason})


Hook = Callable[[Any, str, "Actor | None"], None]


@transaction.atomic
def void_record(
    record: M,
    reason: str,
    *,
    actor: Actor | None,
    action: str,
    related: Iterable[str] = (),
    later_decided: Callable[[Any], str | None] | None = None,
    step_back: Hook | None = None,
    extra: Callable[[Any], Mapping[str, Any]] | None = None,
    after: Hook | None = None,
) -> M:
    """The one voiding service: locks the record (with `related`), refuses a voided one and
    one a later step was decided on (`later_decided` returns the message saying which), steps
    what was decided on it back (`step_back(record, reason, actor)`), voids it with `extra`
    in the audit entry, then `after` (e.g. the candidate's timeline). Each kind of record gives
    its hooks (docs/decisions/0028-record-corrections.md)."""
    rows = type(record)._default_manager.select_for_update(of=("self",))
    found: M = rows.select_related(*related).get(pk=record.pk)
    refuse_if_void(found)
    message = later_decided(found) if later_decided is not None else None
    if message:
        raise ValidationError(message)
    if step_back is not None:
        step_back(found, reason, actor)
    details = extra(found) if extra is not None else None
    void(found, reason=reason, actor=actor, action=action, extra=details)
    if after is not None:
        after(found, reason, actor)
    return found
