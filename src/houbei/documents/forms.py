"""The filters of a batch of registration forms, the briefing's region and the LRMX upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from houbei.documents import lrmx
from houbei.people.models import Person
from houbei.regions.models import Level, Region
from houbei.reserves.models import Candidate, Stage


class BatchForm(forms.Form):
    village = forms.ModelChoiceField(
        label="村", queryset=Region.objects.none(), required=False, empty_label="全部村"
    )
    stage = forms.ChoiceField(
        label="阶段", choices=[("", "全部阶段"), *Stage.choices], required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        villages = Region.objects.visible_to(user).villages().current()
        self.fields["village"].queryset = villages.order_by("code", "name")  # type: ignore[attr-defined]

    def people(self) -> QuerySet[Person]:
        """The people whose forms are asked for: candidates of the current round in scope."""
        candidates = Candidate.objects.visible_to(self.user).filter(election_round__is_current=True)
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("village"):
            candidates = candidates.filter(village=data["village"])
        if data.get("stage"):
            candidates = candidates.filter(stage=data["stage"])
        ids = candidates.order_by().values("person_id")
        return Person.objects.visible_to(self.user).filter(pk__in=ids)

    def described(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "village": str(data.get("village") or "全部村"),
            "stage": dict(Stage.choices).get(data.get("stage") or "", "全部阶段"),
        }


class BriefingForm(forms.Form):
    region = forms.ModelChoiceField(
        label="范围", queryset=Region.objects.none(), required=False, empty_label="本人辖区"
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        towns = Region.objects.visible_to(user).filter(level=Level.TOWN).current()
        self.fields["region"].queryset = towns.order_by("code")  # type: ignore[attr-defined]


class LrmxUploadForm(forms.Form):
    file = forms.FileField(label="任免审批表文件（.lrmx）")
    village = forms.ModelChoiceField(
        label="户籍村",
        queryset=Region.objects.none(),
        help_text="新建人员时记入此村；已登记的人员保持原户籍村",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = Region.objects.visible_to(user).villages().current()
        self.fields["village"].queryset = villages.order_by("code", "name")  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > lrmx.MAX_BYTES:
            raise forms.ValidationError("文件过大，任免审批表文件一般不超过 1 MB。")
        return upload
