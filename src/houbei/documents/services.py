"""Every document produced is audited with the people it held; an LRMX import writes atomically
through people.services (which audits the person's changes) and audits the import itself."""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
import zipfile
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from houbei.accounts.types import Actor
from houbei.audit import record
from houbei.documents import appointment, briefing, lrmx, pdf, registration
from houbei.lib import crypto
from houbei.people import services as people
from houbei.people.models import Person
from houbei.regions.models import Region

REGISTRATION = "documents.registration.exported"
BATCH = "documents.registration_batch.exported"
BRIEFING = "documents.briefing.exported"
LRMX_EXPORT = "documents.lrmx.exported"
LRMX_IMPORT = "documents.lrmx.imported"
LRMX_REFUSED = "documents.lrmx.refused"


class TooMany(ValidationError):
    """A batch above DOCUMENT_BATCH_LIMIT."""


def _region(actor: Actor) -> Any:
    return getattr(actor, "region", None)


@transaction.atomic
def export_registration(form: registration.Form, *, actor: Actor, today: dt.date) -> bytes:
    content = registration.render(form, today)
    changes = {"people": [form.person.pk], "id_numbers": "masked"}
    record(actor, REGISTRATION, form.person, changes)
    return content


def batch_limit() -> int:
    return int(getattr(settings, "DOCUMENT_BATCH_LIMIT", 200))


def export_batch(
    people_qs: QuerySet[Person],
    *,
    actor: Actor,
    filters: dict[str, str],
    today: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[IO[bytes], int]:
    """The registration forms of the people (already scoped and filtered) as one zip in a
    temporary file (rewound), audited with their ids; TooMany above the cap, before any work."""
    limit = batch_limit()
    count = people_qs.count()
    if count > limit:
        raise TooMany(
            f"本次筛选共 {count} 人，超过单次打包上限 {limit} 人，请按村或阶段缩小范围后分批下载。"
        )
    if count == 0:
        raise ValidationError("没有符合条件的人员，未生成登记表。")
    forms = registration.forms_for(people_qs.order_by("village__name", "name_pinyin", "id"))
    file = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115 - closed by the response
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, (name, content) in enumerate(registration.render_many(forms, today), 1):
            archive.writestr(name, content)
            if progress is not None:
                progress(done, len(forms))
    file.seek(0)
    ids = [form.person.pk for form in forms]
    changes = {"rows": len(ids), "people": ids, "filters": filters, "id_numbers": "masked"}
    record(actor, BATCH, None, changes, region=_region(actor))
    return file, len(ids)


@transaction.atomic
def export_briefing(
    region: Region, villages: QuerySet[Region], *, kind: str, actor: Actor, today: dt.date
) -> bytes:
    """The weekly briefing as "docx" or "pdf" (FontMissing when no CJK font is installed)."""
    found = briefing.build(region, villages, today)
    content = pdf.render(found) if kind == "pdf" else briefing.render(found)
    changes = {"format": kind, "villages": found.villages, "week": f"{found.week_start}"}
    record(actor, BRIEFING, region, changes, region=region)
    return content


@transaction.atomic
def export_lrmx(form: registration.Form, *, actor: Actor, today: dt.date) -> bytes:
    """The appointment form with the ID number in clear: audited as a reveal."""
    filled_by = getattr(actor, "full_name", "") or getattr(actor, "username", "")
    number = crypto.decrypt(form.person.id_number_encrypted)
    content = lrmx.write(
        appointment.values(form, id_number=number, filled_by=filled_by, today=today)
    )
    changes = {"people": [form.person.pk], "id_numbers": "full"}
    record(actor, LRMX_EXPORT, form.person, changes)
    return content


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def import_lrmx(
    content: bytes, *, filename: str, village: Region, visible: QuerySet[Person], actor: Actor
) -> tuple[Person, bool]:
    """Creates or updates the person the file describes (found by ID number); the whole import
    or nothing. A refused file raises LrmxError (naming the element) and is audited as refused."""
    try:
        return _import(content, filename=filename, village=village, visible=visible, actor=actor)
    except (lrmx.LrmxError, ValidationError) as error:
        message = _message(error)
        changes = {"file": filename[:200], "sha256": _digest(content), "error": message}
        record(actor, LRMX_REFUSED, None, changes, outcome="refused", region=_region(actor))
        raise lrmx.LrmxError(message) from error


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "；".join(
                f"{key}：{'、'.join(msgs)}" for key, msgs in error.message_dict.items()
            )
        return "；".join(error.messages)
    return str(error)


@transaction.atomic
def _import(
    content: bytes, *, filename: str, village: Region, visible: QuerySet[Person], actor: Actor
) -> tuple[Person, bool]:
    parsed = lrmx.read(content)
    existing = Person.objects.filter(id_number_hash=crypto.blind_index(parsed.id_number)).first()
    if existing is not None:
        person = visible.select_for_update().filter(pk=existing.pk).first()
        if person is None:
            raise lrmx.LrmxError("该身份号码对应的人员不在您的管辖范围内，不能导入更新。")
        fields = {**parsed.fields, "id_number": parsed.id_number}
        person = people.update_person(person, fields=fields, version=person.version, actor=actor)
        created = False
    else:
        if "education" not in parsed.fields:
            raise lrmx.LrmxError(
                f"{lrmx.label('QuanRiZhiJiaoYu_XueLi')}不能为空：新建人员须有学历。"
            )
        fields = {**parsed.fields, "id_number": parsed.id_number, "village": village}
        person = people.create_person(fields=fields, actor=actor)
        created = True
    changes = {
        "file": filename[:200],
        "sha256": _digest(content),
        "people": [person.pk],
        "created": created,
        "fields": sorted(parsed.fields),
        "resume_lines": len(parsed.resume),
        "family_items": len(parsed.family),
        "ignored_elements": parsed.ignored,
    }
    record(actor, LRMX_IMPORT, person, changes)
    return person, created
