"""One small form per move of the candidate page; each carries the version it was opened at."""

from __future__ import annotations

from typing import Any

from django import forms

from houbei.people.forms.fields import TypedDateField
from houbei.reserves.models import (
    Decision,
    InterviewKind,
    MeetingType,
    Readiness,
    RemovalReason,
    ReviewOutcome,
    ScreeningResult,
)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class InterviewForm(forms.Form):
    kind = forms.ChoiceField(label="方式", choices=InterviewKind.choices)
    held_on = TypedDateField(label="日期")
    participants = forms.IntegerField(label="参加人数", min_value=0, max_value=10000, initial=0)
    summary = forms.CharField(label="情况摘要", widget=forms.Textarea(attrs={"rows": 3}))


class ScreeningForm(VersionForm):
    result = forms.ChoiceField(label="筛查结论", choices=ScreeningResult.choices)
    screened_on = TypedDateField(label="筛查日期")
    findings = forms.CharField(
        label="筛查情况",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="加密保存，仅有筛查权限的人员可见",
    )


class VoteForm(VersionForm):
    meeting_type = forms.ChoiceField(label="会议类型", choices=MeetingType.choices)
    held_on = TypedDateField(label="推荐日期")
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
