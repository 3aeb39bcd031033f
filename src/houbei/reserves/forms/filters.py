"""Filters of the board, the pool and the roster: every choice limited to the user's scope."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from houbei.accounts.types import Actor
from houbei.people.models import Background
from houbei.regions.models import Level, Region
from houbei.reserves.models import Readiness, Stage, TargetPost


class RegionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Region) -> str:
        return obj.name


def _blank(choices: Any, label: str = "全部") -> list[tuple[str, str]]:
    return [("", label), *choices]


class CandidateFilterForm(forms.Form):
    village = forms.CharField(
        label="村",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"placeholder": "村名或拼音，如 张屯 / zt"}),
    )
    district = RegionChoiceField(label="管理区", queryset=Region.objects.none(), required=False)
    background = forms.ChoiceField(
        label="构成类别", choices=_blank(Background.choices), required=False
    )
    post = forms.ChoiceField(label="培养方向", choices=_blank(TargetPost.choices), required=False)
    stage = forms.ChoiceField(label="阶段", choices=_blank(Stage.choices), required=False)
    readiness = forms.ChoiceField(label="成熟度", choices=_blank(Readiness.choices), required=False)

    def __init__(self, *args: Any, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        visible = Region.objects.visible_to(user)
        districts = visible.filter(level=Level.DISTRICT).order_by("name")
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]

    def filter(self, candidates: QuerySet[Any], *, prefix: str = "") -> QuerySet[Any]:
        """Applies the valid filters; an invalid form filters nothing it could not read."""
        data = self.cleaned_data if self.is_valid() else {}
        found = Q()
        if data.get("village"):
            villages = Region.objects.visible_to(self.user).villages().search(data["village"])
            found &= Q(**{f"{prefix}village__in": villages.values("pk")})
        lookups = {
            "district": f"{prefix}village__district",
            "background": f"{prefix}background",
            "post": f"{prefix}target_post",
            "stage": f"{prefix}stage",
            "readiness": f"{prefix}readiness",
        }
        for name, lookup in lookups.items():
            if data.get(name):
                found &= Q(**{lookup: data[name]})
        return candidates.filter(found)

    def querystring(self) -> str:
        data = self.cleaned_data if self.is_valid() else {}
        pairs = []
        for name in self.fields:
            value = data.get(name)
            if value:
                pairs.append(f"{name}={getattr(value, 'pk', value)}")
        return "&".join(pairs)
