"""Writes to people and posts: atomic, validated, audited. ID numbers never reach the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.audit.services import diff
from houbei.lib import crypto
from houbei.lib.idnumber import IdNumber, IdNumberError, cross_check, mask, parse_id_number
from houbei.lib.locking import ConflictError as ConflictError  # re-exported
from houbei.lib.locking import claim_version
from houbei.lib.pinyin import search_keys
from houbei.people.columns import audited_fields
from houbei.people.models import ORGANISATION_OF_ROLE, Organisation, Person, Post, Role
from houbei.regions.models import Region

TRACKED = audited_fields()  # id_number as id_number_masked: never in clear
HEADS = (Role.SECRETARY, Role.CHAIR)


def village_label(village: Region) -> str:
    """How the audit log names a village: readable, and exact through the code."""
    return f"{village.name}（{village.code}）" if village.code else village.name


def audit_birth(birth: dt.date | None) -> str | None:
    """A birth date as the audit log keeps it: year and month only, since the masked ID number
    beside it would otherwise be completed by the day (docs/security.md §2)."""
    return None if birth is None else f"{birth:%Y-%m}"


def birth_day_change(old: dt.date | None, new: dt.date | None) -> dict[str, Any]:
    """The audit change of a birth date corrected within its month, which the year-month
    snapshots alone would not show."""
    if old == new or audit_birth(old) != audit_birth(new):
        return {}
    return {"birth_date": {"old": audit_birth(old), "new": f"{audit_birth(new)}（日已更正）"}}


def snapshot(person: Person, *, village: str | None = None) -> dict[str, Any]:
    """The tracked fields as the audit log keeps them (`village`: its label, when known)."""
    values = {field: getattr(person, field) for field in TRACKED if field != "village"}
    values["birth_date"] = audit_birth(person.birth_date)
    if village is None and person.village_id:
        village = village_label(person.village)
    values["village"] = village
    return values


def find_by_id_number(number: str) -> Person | None:
    parsed = parse_id_number(number)
    return Person.objects.filter(id_number_hash=crypto.blind_index(parsed.number)).first()


def _set_id_number(person: Person, parsed: IdNumber, fields: dict[str, Any]) -> None:
    problems = cross_check(parsed, birth_date=fields.get("birth_date"), sex=fields.get("sex"))
    if problems:
        raise ValidationError({"id_number": problems})
    person.id_number_encrypted = crypto.encrypt(parsed.number)
    person.id_number_hash = crypto.blind_index(parsed.number)
    person.id_number_masked = mask(parsed.number)
    person.birth_date = fields.get("birth_date") or parsed.birth_date
    person.sex = fields.get("sex") or parsed.sex


def apply_fields(person: Person, fields: dict[str, Any]) -> None:
    """Copies validated fields onto a person; a new ID number sets birth date and sex
    unless they are given, and must agree with them when they are."""
    id_number = fields.pop("id_number", None)
    for key, value in fields.items():
        if value is not None or key not in ("birth_date", "sex"):
            setattr(person, key, value)
    if id_number:
        try:
            parsed = parse_id_number(id_number)
        except IdNumberError as error:
            raise ValidationError({"id_number": str(error)}) from error
        _set_id_number(person, parsed, fields)
    person.name_pinyin, person.name_initials = search_keys(person.name)


@transaction.atomic
def create_person(*, fields: dict[str, Any], actor: Actor | None) -> Person:
    person = Person()
    apply_fields(person, dict(fields))
    if Person.objects.filter(id_number_hash=person.id_number_hash).exists():
        raise ValidationError({"id_number": "该公民身份号码已登记，请在人员列表中查找并修改。"})
    person.save()
    record(actor, "people.person.created", person, diff({}, snapshot(person)))
    return person


@transaction.atomic
def update_person(person: Person, *, fields: dict[str, Any], version: int, actor: Actor) -> Person:
    before, born = snapshot(person), person.birth_date
    apply_fields(person, dict(fields))
    clash = Person.objects.filter(id_number_hash=person.id_number_hash).exclude(pk=person.pk)
    if clash.exists():
        raise ValidationError({"id_number": "该公民身份号码已属于另一人员。"})
    claim_version(person, version, "该人员信息已被他人修改，请刷新页面后重新编辑。本次修改未保存。")
    person.save()
    changes = diff(before, snapshot(person)) | birth_day_change(born, person.birth_date)
    if changes:
        record(actor, "people.person.updated", person, changes)
    return person


@transaction.atomic
def reveal_id_number(
    person: Person, *, reason: str, actor: Actor, context: dict[str, Any] | None = None
) -> str:
    """The plaintext number, after the audit entry (the reason, and `context`: what the reveal
    was for, e.g. the joint review it serves)."""
    if not reason.strip():
        raise ValidationError({"reason": "请填写查看完整身份号码的理由。"})
    record(
        actor, "people.id_number.revealed", person, {"reason": reason.strip(), **(context or {})}
    )
    return crypto.decrypt(person.id_number_encrypted)


def id_number_or_error(value: str) -> str:
    try:
        return parse_id_number(value).number
    except IdNumberError as error:
        raise ValidationError(str(error)) from error


def _organisation_for(role: Role, organisation: Organisation | None) -> Organisation:
    fixed = ORGANISATION_OF_ROLE.get(role)
    if fixed is None:
        return organisation or Organisation.PARTY
    if organisation is not None and organisation != fixed:
        raise ValidationError({"organisation": f"{role.label}属于{fixed.label}。"})
    return fixed


def _check_appointment(
    *, person: Person, village: Region, role: Role, organisation: Organisation, start: dt.date
) -> None:
    if start > timezone.localdate():
        raise ValidationError({"term_start": "任职时间不能晚于今天。"})
    sitting = Post.objects.filter(village=village, term_end__isnull=True)
    if role in HEADS and sitting.filter(role=role).exists():
        raise ValidationError({"role": f"该村已有在任{role.label}，请先办理其离任。"})
    if sitting.filter(person=person, organisation=organisation).exists():
        message = f"{person.name}已在该村{organisation.label}任职，同一组织内只能担任一个职务。"
        raise ValidationError({"person": message})


@transaction.atomic
def appoint_to_post(
    *,
    person: Person,
    village: Region,
    role: Role,
    term_start: dt.date,
    actor: Actor | None,
    organisation: Organisation | None = None,
    note: str = "",
) -> Post:
    """Seats a person in a village post. Secretary and chair at once is allowed (一肩挑)."""
    role = Role(role)
    org = _organisation_for(role, organisation)
    _check_appointment(
        person=person, village=village, role=role, organisation=org, start=term_start
    )
    post = Post(person=person, village=village, organisation=org, role=role, term_start=term_start)
    post.note = note
    try:
        with transaction.atomic():
            post.save()
    except IntegrityError as error:
        raise ValidationError({"role": f"该村已有在任{role.label}，请先办理其离任。"}) from error
    changes = {"person": person.name, "person_id": person.pk, "role": str(role)}
    record(
        actor,
        "people.post.created",
        post,
        {**changes, "organisation": str(org), "term_start": term_start},
    )
    return post


@transaction.atomic
def end_post(post: Post, *, term_end: dt.date, actor: Actor) -> Post:
    if post.term_end is not None:
        raise ValidationError({"term_end": "该职务已办理离任。"})
    if term_end < post.term_start:
        raise ValidationError({"term_end": "离任时间不能早于任职时间。"})
    if term_end > timezone.localdate():
        raise ValidationError({"term_end": "离任时间不能晚于今天。"})
    post.term_end = term_end
    post.save(update_fields=["term_end"])
    changes = {
        "person": post.person.name,
        "role": post.role,
        "term_end": {"old": None, "new": term_end},
    }
    record(actor, "people.post.ended", post, changes)
    return post
