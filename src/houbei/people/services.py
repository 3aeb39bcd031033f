"""Writes to people and posts: atomic, validated, audited. ID numbers never reach the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from houbei.audit import record
from houbei.audit.services import diff
from houbei.lib import crypto
from houbei.lib.idnumber import IdNumberError, mask, parse_id_number
from houbei.lib.pinyin import search_keys
from houbei.people.models import ORGANISATION_OF_ROLE, Organisation, Person, Post, Role

TRACKED = (
    "name",
    "sex",
    "birth_date",
    "ethnicity",
    "political_status",
    "party_joined_on",
    "education",
    "major",
    "phone",
    "village_id",
    "backgrounds",
    "health",
    "notes",
    "id_number_masked",
)


class ConflictError(Exception):
    """Somebody else saved the record after it was opened."""


def snapshot(person: Person) -> dict[str, Any]:
    return {field: getattr(person, field) for field in TRACKED}


def find_by_id_number(number: str) -> Person | None:
    parsed = parse_id_number(number)
    return Person.objects.filter(id_number_hash=crypto.blind_index(parsed.number)).first()


def apply_fields(person: Person, fields: dict[str, Any]) -> None:
    """Copies validated fields onto a person, deriving what the ID number implies."""
    id_number = fields.pop("id_number", None)
    for key, value in fields.items():
        setattr(person, key, value)
    if id_number:
        parsed = parse_id_number(id_number)
        person.id_number_encrypted = crypto.encrypt(parsed.number)
        person.id_number_hash = crypto.blind_index(parsed.number)
        person.id_number_masked = mask(parsed.number)
        person.birth_date = person.birth_date or parsed.birth_date
        person.sex = person.sex or parsed.sex
    person.name_pinyin, person.name_initials = search_keys(person.name)


@transaction.atomic
def create_person(*, fields: dict[str, Any], actor: Any) -> Person:
    person = Person()
    apply_fields(person, dict(fields))
    if Person.objects.filter(id_number_hash=person.id_number_hash).exists():
        raise ValidationError({"id_number": "该公民身份号码已登记，请在人员列表中查找并修改。"})
    person.save()
    record(actor, "people.person.created", person, diff({}, snapshot(person)))
    return person


@transaction.atomic
def update_person(person: Person, *, fields: dict[str, Any], version: int, actor: Any) -> Person:
    before = snapshot(person)
    apply_fields(person, dict(fields))
    clash = Person.objects.filter(id_number_hash=person.id_number_hash).exclude(pk=person.pk)
    if clash.exists():
        raise ValidationError({"id_number": "该公民身份号码已属于另一人员。"})
    updated = Person.objects.filter(pk=person.pk, version=version).update(version=F("version") + 1)
    if not updated:
        raise ConflictError("该人员信息已被他人修改，请刷新页面后重新编辑。")
    person.version = version + 1
    person.save()
    changes = diff(before, snapshot(person))
    if changes:
        record(actor, "people.person.updated", person, changes)
    return person


@transaction.atomic
def reveal_id_number(person: Person, *, reason: str, actor: Any) -> str:
    if not reason.strip():
        raise ValidationError({"reason": "请填写查看完整身份号码的理由。"})
    record(actor, "people.id_number.revealed", person, {"reason": reason.strip()})
    return crypto.decrypt(person.id_number_encrypted)


def id_number_or_error(value: str) -> str:
    try:
        return parse_id_number(value).number
    except IdNumberError as error:
        raise ValidationError(str(error)) from error


@transaction.atomic
def appoint_to_post(
    *, person: Person, village: Any, role: Role, term_start: dt.date, actor: Any, note: str = ""
) -> Post:
    organisation = ORGANISATION_OF_ROLE.get(role, Organisation.PARTY)
    if role in (Role.SECRETARY, Role.CHAIR):
        sitting = Post.objects.filter(village=village, role=role, term_end__isnull=True)
        if sitting.exists():
            raise ValidationError({"role": f"该村已有在任{role.label}，请先办理其离任。"})
    post = Post.objects.create(
        person=person,
        village=village,
        organisation=organisation,
        role=role,
        term_start=term_start,
        note=note,
    )
    record(
        actor,
        "people.post.created",
        post,
        {"person": person.pk, "role": str(role), "term_start": term_start},
    )
    return post


@transaction.atomic
def end_post(post: Post, *, term_end: dt.date, actor: Any) -> Post:
    if term_end < post.term_start:
        raise ValidationError({"term_end": "离任时间不能早于任职时间。"})
    post.term_end = term_end
    post.save(update_fields=["term_end"])
    record(actor, "people.post.ended", post, {"term_end": term_end})
    return post
