"""Appointing a person to a village post and ending a post."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone

from houbei.accounts.types import Actor
from houbei.people.forms.fields import TypedDateField
from houbei.people.models import ORGANISATION_OF_ROLE, Organisation, Person, Role
from houbei.regions.models import Region

if TYPE_CHECKING:
    ModelChoiceOfPerson = forms.ModelChoiceField[Person]
else:
    ModelChoiceOfPerson = forms.ModelChoiceField


class PersonChoiceField(ModelChoiceOfPerson):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.village.name}，{obj.birth_date.year}年生）"


class AppointForm(forms.Form):
    person = PersonChoiceField(label="人员", queryset=Person.objects.none())
    role = forms.ChoiceField(label="职务", choices=Role.choices)
    organisation = forms.ChoiceField(
        label="组织",
        required=False,
        choices=[("", "按职务确定"), *Organisation.choices],
        help_text="委员须选择所在组织；书记、主任等按职务确定",
    )
    term_start = TypedDateField(label="任职时间")
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args: Any, user: Actor, village: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The village's town's people only: a county in scope would list hundreds of thousands.
        people = Person.objects.visible_to(user).select_related("village")
        if village.town_id is not None:
            people = people.filter(village__town_id=village.town_id)
        self.fields["person"].queryset = people.order_by(  # type: ignore[attr-defined]
            "village__code", "name_pinyin", "id"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        organisation = data.get("organisation") or None
        if role is None:
            return data
        fixed = ORGANISATION_OF_ROLE.get(Role(role))
        if fixed is None and organisation is None:
            self.add_error("organisation", "委员须选择所在组织：村党组织或村民委员会")
        elif fixed is not None and organisation not in (None, fixed):
            self.add_error("organisation", f"{Role(role).label}属于{fixed.label}")
        data["organisation"] = Organisation(organisation) if organisation else fixed
        return data


class EndPostForm(forms.Form):
    term_end = TypedDateField(label="离任时间", past=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"term_end": timezone.localdate()})
        super().__init__(*args, **kwargs)
