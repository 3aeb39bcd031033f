"""The auditor's search: by account, object, person, event kind or code, and time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from houbei.audit.catalogue import KINDS
from houbei.audit.models import AuditEntry, AuditEntryQuerySet, Outcome

_DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EntryFilterForm(forms.Form):
    actor = forms.CharField(label="操作账号", required=False, max_length=150)
    target = forms.CharField(label="对象", required=False, max_length=200)
    person = forms.IntegerField(
        label="人员编号",
        required=False,
        min_value=1,
        help_text="查询谁查看或导出过此人的信息（人员编号见审计记录的“所涉人员编号”）",
        error_messages={
            "invalid": "人员编号须为数字。",
            "min_value": "人员编号须为正整数。",
        },
    )
    kind = forms.ChoiceField(
        label="事件类别",
        required=False,
        choices=[("", "全部"), *((key, name) for key, (name, _) in KINDS.items())],
    )
    action = forms.CharField(
        label="事件代码", required=False, max_length=80, help_text="如 people.person"
    )
    since = forms.DateField(label="起始日期", required=False, widget=_DAY)
    until = forms.DateField(label="截止日期", required=False, widget=_DAY)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "截止日期不能早于起始日期。")
        return data


def _kind_q(kind: str) -> Q:
    if kind == "denied":
        return ~Q(outcome=Outcome.OK)
    condition = Q(pk__in=[])
    for ending in KINDS[kind][1]:
        condition |= Q(action__endswith=ending)
    return condition


def _person_q(person_id: int) -> Q:
    """Entries about the person: those whose object is the person (changes, reveals), and
    those that name the person among the people a page or an export showed ("people")."""
    about = Q(target_type="people.person", target_id=str(person_id))
    if connection.vendor == "postgresql":
        return about | Q(changes__contains={"people": [person_id]})
    # SQLite has no JSON containment: look the id up in the list with json_each. The table
    # name is the model's own; the id is a bound parameter.
    table = AuditEntry._meta.db_table
    sql = f"EXISTS (SELECT 1 FROM json_each({table}.changes, '$.people') WHERE value = %s)"  # noqa: S608
    named = RawSQL(  # noqa: S611
        sql,
        (person_id,),
        output_field=BooleanField(),
    )
    return about | Q(named)


def apply_filters(entries: AuditEntryQuerySet, data: dict[str, Any]) -> AuditEntryQuerySet:
    """Narrows a (scoped) queryset with the form's cleaned data. Dates are local days."""
    if data.get("actor"):
        entries = entries.filter(actor_username=data["actor"].strip())
    if data.get("target"):
        entries = entries.filter(target_repr__contains=data["target"].strip())
    if data.get("person"):
        entries = entries.filter(_person_q(int(data["person"])))
    if data.get("kind") in KINDS:
        entries = entries.filter(_kind_q(data["kind"]))
    if data.get("action"):
        entries = entries.filter(action__startswith=data["action"].strip())
    if data.get("since"):
        entries = entries.filter(at__gte=_start_of(data["since"]))
    if data.get("until"):
        entries = entries.filter(at__lt=_start_of(data["until"] + dt.timedelta(days=1)))
    return entries


def _start_of(day: dt.date) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def described(data: dict[str, Any]) -> dict[str, str]:
    """The filters, as text, for the export's own audit entry."""
    return {key: str(value) for key, value in data.items() if value not in (None, "")}
