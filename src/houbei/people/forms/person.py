"""Adding and correcting a person: each message next to the field at fault."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from houbei.accounts.types import Actor
from houbei.lib.idnumber import IdNumber, IdNumberError, cross_check, parse_id_number, sex_of
from houbei.people.columns import DATES, PERSON_COLUMNS, Kind, PersonColumn, plain_columns
from houbei.people.forms.fields import TypedDateField
from houbei.people.models import Person
from houbei.people.rules import normalize_name, party_date_problem, phone_problem
from houbei.regions.models import Region

SERVICE_FIELDS = tuple(column.key for column in plain_columns())


if TYPE_CHECKING:
    RegionChoiceField = forms.ModelChoiceField[Region]
else:
    RegionChoiceField = forms.ModelChoiceField


class VillageChoiceField(RegionChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return obj.name


def form_field(column: PersonColumn) -> forms.Field:
    """The person form's field for a column: labelled with its header."""
    kind, label, required = column.kind, column.header, column.required
    common: dict[str, Any] = {"label": label, "help_text": column.help_text}
    if kind is Kind.TEXT or kind is Kind.PHONE:
        return forms.CharField(max_length=column.max_length, required=required, **common)
    if kind is Kind.LONG_TEXT:
        return forms.CharField(
            required=required, widget=forms.Textarea(attrs={"rows": 3}), **common
        )
    if kind is Kind.ID_NUMBER:
        return forms.CharField(max_length=30, required=required, **common)
    if kind in DATES:
        example = (
            "如 1998.07 或 1998-07-01" if kind is Kind.MONTH else "如 1975-03-08 或 1975年3月8日"
        )
        return TypedDateField(
            required=required, allow_month=kind is Kind.MONTH, example=example, **common
        )
    if kind is Kind.VILLAGE:
        return VillageChoiceField(queryset=Region.objects.none(), required=required, **common)
    if kind is Kind.CHOICES:
        choices = list(column.labels().items())
        widget = forms.CheckboxSelectMultiple
        return forms.MultipleChoiceField(
            choices=choices, required=required, widget=widget, **common
        )
    return _select(column, common)


def _select(column: PersonColumn, common: dict[str, Any]) -> forms.Field:
    """A code or a choice: a select, required unless it offers an empty choice; preset to the
    model's default."""
    choices = list(column.labels().items())
    if column.choose is not None:
        choices.insert(0, ("", column.choose))
    return forms.ChoiceField(
        choices=choices,
        required=column.required or column.choose is None,
        initial=column.model_default(),
        **common,
    )


def form_fields(columns: tuple[PersonColumn, ...] = PERSON_COLUMNS) -> dict[str, forms.Field]:
    return {column.key: form_field(column) for column in columns}


class PersonForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Actor, person: Person | None = None, **kwargs: Any):
        self.person = person
        if person is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(person)
        super().__init__(*args, **kwargs)
        villages = Region.objects.visible_to(user).villages().current().order_by("code", "name")
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]
        if person is not None:
            field = self.fields["id_number"]
            field.required = False
            field.help_text = "已登记；不修改请留空"
            self.fields["version"].required = True

    def clean_id_number(self) -> IdNumber | None:
        text = self.cleaned_data["id_number"].strip()
        if not text:
            return None
        try:
            return parse_id_number(text)
        except IdNumberError as error:
            raise forms.ValidationError(str(error), code="invalid") from error

    def clean_name(self) -> str:
        """The same name whether typed here or imported (许　军 is 许军)."""
        return normalize_name(self.cleaned_data["name"])

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        problem = phone_problem(phone)
        if problem:
            raise forms.ValidationError(problem, code="invalid")
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        facts = self._id_facts(data)
        if facts is not None:
            self._cross_check(data, facts)
        birth = data.get("birth_date")
        status = data.get("political_status")
        if status and "party_joined_on" in data:
            problem = party_date_problem(status, data["party_joined_on"], birth)
            if problem:
                self.add_error("party_joined_on", problem)
        return data

    def _id_facts(self, data: dict[str, Any]) -> IdNumber | None:
        """What the ID number says: the new one typed in, or the stored one when editing."""
        if data.get("id_number") is not None:
            return data["id_number"]  # type: ignore[no-any-return]
        if self.person is not None and "id_number" not in self.errors:
            masked = self.person.id_number_masked
            return IdNumber(number=masked, birth_date=self.person.birth_date, sex=sex_of(masked))
        return None

    def _cross_check(self, data: dict[str, Any], facts: IdNumber) -> None:
        for problem in cross_check(facts, birth_date=data.get("birth_date"), sex=None):
            self.add_error("birth_date", problem)
        for problem in cross_check(facts, birth_date=None, sex=data.get("sex") or None):
            self.add_error("sex", problem)
        if not data.get("birth_date") and "birth_date" not in self.errors:
            data["birth_date"] = facts.birth_date
        if not data.get("sex") and "sex" not in self.errors:
            data["sex"] = facts.sex

    def service_fields(self) -> dict[str, Any]:
        """cleaned_data as the people services take it (the ID number only when typed in)."""
        fields = {key: self.cleaned_data[key] for key in SERVICE_FIELDS}
        if self.cleaned_data.get("id_number") is not None:
            fields["id_number"] = self.cleaned_data["id_number"].number
        return fields


# The columns' fields, in their order, then the version the form was opened at.
PersonForm.base_fields = {**form_fields(), "version": PersonForm.base_fields["version"]}
PersonForm.declared_fields = dict(PersonForm.base_fields)


def initial_for(person: Person) -> dict[str, Any]:
    initial = {key: getattr(person, key) for key in SERVICE_FIELDS if key != "village"}
    initial["village"] = person.village_id
    initial["version"] = person.version
    return initial
