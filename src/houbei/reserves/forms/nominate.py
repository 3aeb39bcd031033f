"""Nominating a person: one already on file (in scope), or a new one registered on the spot."""

from __future__ import annotations

from typing import Any

from django import forms

from houbei.accounts.types import Actor
from houbei.people.models import Background, Person
from houbei.regions.models import Region
from houbei.reserves.forms.filters import RegionChoiceField
from houbei.reserves.models import Source, TargetPost


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    widget = forms.RadioSelect

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.village}，{obj.birth_date:%Y-%m}生，{obj.id_number_masked}）"


class NominationForm(forms.Form):
    """What is asked of every nomination."""

    village = RegionChoiceField(
        label="提名村",
        queryset=Region.objects.none(),
        required=False,
        empty_label="与户籍村相同",
        help_text="为空时按人员户籍村提名",
    )
    target_post = forms.ChoiceField(label="培养方向", choices=TargetPost.choices)
    source = forms.ChoiceField(label="来源", choices=Source.choices)
    background = forms.ChoiceField(label="构成类别", choices=Background.choices)
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = Region.objects.visible_to(user).villages().current().order_by("code", "name")
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]

    def nomination(self, person_village: Region) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "village": data["village"] or person_village,
            "target_post": data["target_post"],
            "source": data["source"],
            "background": data["background"],
            "note": data["note"],
        }


class ExistingPersonForm(NominationForm):
    person = PersonChoiceField(label="人员", queryset=Person.objects.none())

    def __init__(self, *args: Any, user: Actor, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.order_fields(["person"])
