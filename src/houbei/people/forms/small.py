"""The small forms: revealing an ID number, filtering the list, uploading a spreadsheet."""

from __future__ import annotations

from typing import Any

from django import forms

from houbei.accounts.types import Actor
from houbei.lib import codes
from houbei.lib.widgets import FastSelect
from houbei.people.forms.person import VillageChoiceField
from houbei.regions.models import Level, Region

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
EDUCATION_GROUPS = [(code[0], label) for code, label in codes.EDUCATION.choices if code[1] == "0"]


class RevealForm(forms.Form):
    reason = forms.CharField(label="查看理由", max_length=200, help_text="查看记录将写入审计日志")


# The village menu lists at most this many villages (a province in one scope has 46,000: one
# option each made the list page 2 MB and 4 s; docs/performance.md G4). Past it, the menu offers
# the chosen town's villages; a linked `?village=` is still accepted.
MENU_LIMIT = 300


class PersonFilterForm(forms.Form):
    q = forms.CharField(label="姓名或拼音", required=False, max_length=50)
    # The menus in Python (houbei.lib.widgets): a template per option cost the list page more
    # than its rows (docs/performance.md §4.5).
    town = forms.ModelChoiceField(
        label="乡镇", required=False, queryset=Region.objects.none(), empty_label="全部",
        widget=FastSelect,
    )  # fmt: skip
    village = VillageChoiceField(
        label="户籍村", required=False, queryset=Region.objects.none(), empty_label="全部",
        widget=FastSelect,
    )  # fmt: skip
    political_status = forms.ChoiceField(
        label="政治面貌", required=False, choices=[("", "全部"), *codes.POLITICAL_STATUS.choices],
        widget=FastSelect,
    )  # fmt: skip
    education = forms.ChoiceField(
        label="学历", required=False, choices=[("", "全部"), *EDUCATION_GROUPS], widget=FastSelect
    )

    def __init__(self, *args: Any, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        visible = Region.objects.visible_to(user).current()
        villages = visible.villages().order_by("code", "name")
        # Validation looks the chosen village up among all villages in scope (one query).
        village_field = self.fields["village"]
        assert isinstance(village_field, forms.ModelChoiceField)
        village_field.queryset = villages
        # Plain tuples, not model instances: a county's menus are a few hundred rows a page.
        towns = list(
            visible.filter(level=Level.TOWN).order_by("code", "name").values_list("pk", "name")
        )
        town_field = self.fields["town"]
        assert isinstance(town_field, forms.ModelChoiceField)
        if len(towns) <= 1:
            del self.fields["town"]
        else:
            town_field.queryset = visible.filter(level=Level.TOWN)
            town_field.choices = [("", "全部"), *towns]
        village_field.choices = self._village_menu(villages, len(towns))

    def _village_menu(self, villages: Any, towns: int) -> list[tuple[Any, str]]:
        """The options of the village menu: every village in scope up to MENU_LIMIT, else the
        chosen town's; the chosen village is always among them. One query."""
        town_id = _int(self.data.get("town")) if "town" in self.fields else None
        if town_id is not None:
            villages = villages.filter(town_id=town_id)
        fields = ("pk", "name", "town__name")
        menu = list(villages.values_list(*fields)[: MENU_LIMIT + 1])
        field = self.fields["village"]
        if len(menu) > MENU_LIMIT:
            menu = []
            field.help_text = "村太多，请先选择乡镇"
        chosen = _int(self.data.get("village"))
        if chosen is not None and all(pk != chosen for pk, _, _ in menu):
            menu.extend(villages.filter(pk=chosen).values_list(*fields))
        several_towns = towns > 1 and town_id is None
        return [("", "全部")] + [
            (pk, f"{town} {name}" if several_towns and town else name) for pk, name, town in menu
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        town, village = data.get("town"), data.get("village")
        if town is not None and village is not None and village.town_id != town.pk:
            self.add_error("village", "所选村不属于所选乡镇")
        return data


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="人员表格（.xlsx）")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 格式的表格（可先下载模板）")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("文件超过 20 MB，请分成几个文件导入")
        return upload


class ImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    valid_only = forms.BooleanField(required=False, widget=forms.HiddenInput)
