"""One small form per move of the candidate page; each carries the version it was opened at."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from houbei.people.forms.fields import TypedDateField
from houbei.reserves.models import (
    AnswerKind,
    Decision,
    InterviewKind,
    MeetingType,
    Readiness,
    RemovalReason,
    ReviewOutcome,
    ScreeningResult,
)
from houbei.reserves.services import scans
from houbei.reserves.services.on_behalf import CandidateAnswer, DepartmentAnswer


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class InterviewForm(forms.Form):
    kind = forms.ChoiceField(label="方式", choices=InterviewKind.choices)
    held_on = TypedDateField(label="日期", past=True)
    participants = forms.IntegerField(label="参加人数", min_value=1, max_value=10000)
    summary = forms.CharField(label="情况摘要", widget=forms.Textarea(attrs={"rows": 3}))


class ScreeningForm(VersionForm):
    result = forms.ChoiceField(label="筛查结论", choices=ScreeningResult.choices)
    screened_on = TypedDateField(label="筛查日期", past=True)
    findings = forms.CharField(
        label="筛查情况",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="加密保存，仅有筛查权限的人员可见",
    )


class VoteForm(VersionForm):
    meeting_type = forms.ChoiceField(label="会议类型", choices=MeetingType.choices)
    held_on = TypedDateField(label="推荐日期", past=True)
    eligible = forms.IntegerField(label="应到人数", min_value=1)
    attended = forms.IntegerField(label="实到人数", min_value=0)
    votes_for = forms.IntegerField(label="赞成票", min_value=0)
    votes_against = forms.IntegerField(label="反对票", min_value=0)
    abstentions = forms.IntegerField(label="弃权票", min_value=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        numbers = ("eligible", "attended", "votes_for", "votes_against", "abstentions")
        if any(data.get(key) is None for key in numbers):
            return data
        eligible, attended = data["eligible"], data["attended"]
        ballots = data["votes_for"] + data["votes_against"] + data["abstentions"]
        if attended > eligible:
            self.add_error("attended", "实到人数不能多于应到人数")
        if ballots > attended:
            self.add_error("votes_for", f"赞成、反对、弃权合计 {ballots} 票，多于实到人数")
        return data


class PoolForm(VersionForm):
    readiness = forms.ChoiceField(label="成熟度", choices=Readiness.choices)
    note = forms.CharField(label="说明", required=False, max_length=300)


class StandingForm(VersionForm):
    readiness = forms.ChoiceField(label="成熟度", choices=Readiness.choices)
    rank = forms.IntegerField(label="排序", min_value=1, max_value=99, required=False)
    emergency_successor = forms.BooleanField(label="应急接替人选", required=False)
    note = forms.CharField(label="说明", required=False, max_length=300)


class RemoveForm(VersionForm):
    reason = forms.ChoiceField(label="出列原因", choices=RemovalReason.choices)
    note = forms.CharField(label="出列说明", widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    fact = forms.IntegerField(widget=forms.HiddenInput)
    item_code = forms.CharField(widget=forms.HiddenInput, max_length=40)
    decision = forms.ChoiceField(label="决定", choices=Decision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class OpinionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="联审意见",
        choices=[(ReviewOutcome.PASSED, "通过"), (ReviewOutcome.NOT_PASSED, "不通过")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="不通过时必填",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == ReviewOutcome.NOT_PASSED and not data.get("note", "").strip():
            self.add_error("note", "不通过时须说明理由")
        return data


class ApprovalForm(forms.Form):
    """A leader's decision: nothing pre-selected, so no click approves by accident."""

    approve = forms.TypedChoiceField(
        label="审批",
        choices=[("1", "批准"), ("0", "不批准")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择批准或不批准"},
    )
    note = forms.CharField(
        label="审批意见",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="不批准时必填",
    )


class AnswerSourceForm(forms.Form):
    """Where departments' opinions entered on their behalf come from: a letter or a meeting,
    its reference and date, the optional scan."""

    kind = forms.ChoiceField(
        label="答复方式",
        choices=AnswerKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择答复方式（函复或联审会）。"},
    )
    reference = forms.CharField(
        label="文号或会议名称",
        max_length=100,
        help_text="如：县公安局函〔2026〕12号；第3次资格联审会",
        error_messages={"required": "请填写文号或会议名称。"},
    )
    answered_on = TypedDateField(
        label="函复或会议日期", past=True, error_messages={"required": "请填写函复或会议日期。"}
    )
    scan = forms.FileField(
        label="扫描件",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        help_text="可选；PDF、JPG 或 PNG，不超过 5 MB；加密保存，仅乡镇和县委组织部可下载",
    )

    def clean_scan(self) -> Any:
        upload = self.cleaned_data.get("scan")
        if upload:
            try:
                scans.check(upload)
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from error
        return upload


class OnBehalfForm(AnswerSourceForm):
    """The town enters departments' opinions from a letter or a joint review meeting: the
    departments ticked, one answer each (nothing pre-selected)."""

    def __init__(self, *args: Any, reviews: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reviews = reviews
        for review in reviews:
            name = review.department_name
            self.fields[f"tick_{review.department}"] = forms.BooleanField(
                label=f"{name}（本次答复）", required=False
            )
            self.fields[f"outcome_{review.department}"] = forms.ChoiceField(
                label=f"{name}意见",
                required=False,
                choices=[(ReviewOutcome.PASSED, "通过"), (ReviewOutcome.NOT_PASSED, "不通过")],
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{review.department}"] = forms.CharField(
                label=f"{name}理由",
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="不通过时必填",
            )

    def rows(self) -> list[dict[str, Any]]:
        """The department rows for the template: tick, answer, reason."""
        return [
            {
                "review": review,
                "tick": self[f"tick_{review.department}"],
                "outcome": self[f"outcome_{review.department}"],
                "note": self[f"note_{review.department}"],
            }
            for review in self.reviews
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answers = []
        for review in self.reviews:
            code, name = review.department, review.department_name
            if not data.get(f"tick_{code}"):
                if data.get(f"outcome_{code}"):
                    self.add_error(f"tick_{code}", f"{name}：已选择意见，请勾选该部门或清除意见")
                continue
            outcome, note = data.get(f"outcome_{code}") or "", data.get(f"note_{code}") or ""
            if not outcome:
                self.add_error(f"outcome_{code}", f"{name}：请选择通过或不通过")
            elif outcome == ReviewOutcome.NOT_PASSED and not note.strip():
                self.add_error(f"note_{code}", f"{name}：不通过时须说明理由")
            answers.append(DepartmentAnswer(department=code, outcome=outcome, note=note))
        if not answers and self.reviews:
            self.add_error(None, "请至少勾选一个部门。")
        data["answers"] = answers
        return data


class BatchOnBehalfForm(AnswerSourceForm):
    """One department's letter or meeting answering for several candidates: the candidates
    ticked among those waiting for it, one result each (nothing pre-selected); 有异议 needs the
    reason."""

    RESULTS = [(ReviewOutcome.PASSED, "无异议"), (ReviewOutcome.NOT_PASSED, "有异议")]

    def __init__(self, *args: Any, reviews: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reviews = reviews
        for review in reviews:
            key, name = review.candidate_id, review.candidate.person.name
            self.fields[f"tick_{key}"] = forms.BooleanField(
                label=f"{name}（本次答复）", required=False
            )
            self.fields[f"outcome_{key}"] = forms.ChoiceField(
                label=f"{name}联审结果",
                required=False,
                choices=self.RESULTS,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{key}"] = forms.CharField(
                label=f"{name}异议理由",
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs={"placeholder": "有异议时必填"}),
                help_text="有异议时必填",
            )

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "review": review,
                "tick": self[f"tick_{review.candidate_id}"],
                "outcome": self[f"outcome_{review.candidate_id}"],
                "note": self[f"note_{review.candidate_id}"],
            }
            for review in self.reviews
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answers = []
        for review in self.reviews:
            key, name = review.candidate_id, review.candidate.person.name
            if not data.get(f"tick_{key}"):
                if data.get(f"outcome_{key}"):
                    self.add_error(f"tick_{key}", f"{name}：已选择结果，请勾选该人选或清除结果")
                continue
            outcome, note = data.get(f"outcome_{key}") or "", data.get(f"note_{key}") or ""
            if not outcome:
                self.add_error(f"outcome_{key}", f"{name}：请选择无异议或有异议")
            elif outcome == ReviewOutcome.NOT_PASSED and not note.strip():
                self.add_error(f"note_{key}", f"{name}：有异议时须说明理由")
            answers.append(CandidateAnswer(candidate_id=key, outcome=outcome, note=note))
        if not answers and self.reviews:
            self.add_error(None, "请至少勾选一名后备人选。")
        data["answers"] = answers
        return data
