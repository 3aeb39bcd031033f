"""The small forms: revealing an ID number, filtering the list, uploading a spreadsheet."""

from __future__ import annotations

from typing import Any

from django import forms

from houbei.accounts.types import Actor
from houbei.lib import codes
from houbei.people.forms.person import VillageChoiceField
from houbei.regions.models import Region

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
EDUCATION_GROUPS = [(code[0], label) for code, label in codes.EDUCATION.choices if code[1] == "0"]


class RevealForm(forms.Form):
    reason = forms.CharField(label="查看理由", max_length=200, help_text="查看记录将写入审计日志")


class PersonFilterForm(forms.Form):
    q = forms.CharField(label="姓名或拼音", required=False, max_length=50)
    village = VillageChoiceField(
        label="户籍村", required=False, queryset=Region.objects.none(), empty_label="全部"
    )
    political_status = forms.ChoiceField(
        label="政治面貌", required=False, choices=[("", "全部"), *codes.POLITICAL_STATUS.choices]
    )
    education = forms.ChoiceField(
        label="学历", required=False, choices=[("", "全部"), *EDUCATION_GROUPS]
    )

    def __init__(self, *args: Any, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = Region.objects.visible_to(user).villages().current().order_by("code", "name")
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]


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
