"""Adding and correcting a person: each message next to the field at fault."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from houbei.accounts.types import Actor
from houbei.lib import codes
from houbei.lib.idnumber import IdNumber, IdNumberError, cross_check, parse_id_number, sex_of
from houbei.people.forms.fields import TypedDateField, code_choices
from houbei.people.models import Background, Health, Person
from houbei.people.rules import party_date_problem, phone_problem
from houbei.regions.models import Region

SERVICE_FIELDS = (
    "name",
    "sex",
    "birth_date",
    "ethnicity",
    "political_status",
    "party_joined_on",
    "education",
    "major",
    "phone",
    "village",
    "backgrounds",
    "health",
    "notes",
)


if TYPE_CHECKING:
    RegionChoiceField = forms.ModelChoiceField[Region]
else:
    RegionChoiceField = forms.ModelChoiceField


class VillageChoiceField(RegionChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return obj.name


class PersonForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.CharField(
        label="公民身份号码", max_length=30, help_text="18位，最后一位可以是 X"
    )
    sex = forms.ChoiceField(
        label="性别", required=False, choices=code_choices(codes.SEX, blank="按身份号码")
    )
    birth_date = TypedDateField(
        label="出生日期", required=False, help_text="可不填，按身份号码生成；填写时须与号码一致"
    )
    ethnicity = forms.ChoiceField(label="民族", choices=codes.ETHNICITY.choices, initial="01")
    political_status = forms.ChoiceField(
        label="政治面貌", choices=codes.POLITICAL_STATUS.choices, initial="13"
    )
    party_joined_on = TypedDateField(
        label="入党时间", required=False, allow_month=True, help_text="党员、预备党员必填"
    )
    education = forms.ChoiceField(
        label="学历", choices=code_choices(codes.EDUCATION, blank="请选择")
    )
    major = forms.CharField(label="专业", max_length=100, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    village = VillageChoiceField(label="户籍村", queryset=Region.objects.none())
    backgrounds = forms.MultipleChoiceField(
        label="构成类别",
        required=False,
        choices=Background.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    health = forms.ChoiceField(label="健康状况", choices=Health.choices, initial=Health.HEALTHY)
    notes = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 3}))
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


def initial_for(person: Person) -> dict[str, Any]:
    initial = {key: getattr(person, key) for key in SERVICE_FIELDS if key != "village"}
    initial["village"] = person.village_id
    initial["version"] = person.version
    return initial
