"""Forms of the account pages. They validate; services write."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db.models import Q

from houbei.accounts.capabilities import ADMINISTRATOR_ROLES, Role
from houbei.accounts.departments import known_department, review_departments
from houbei.accounts.models import User
from houbei.accounts.types import Actor
from houbei.regions.models import Level, Region

SAME_ANSWER = "用户名或密码错误。连续失败多次后账号将被临时锁定。"
GRANTABLE_ROLES = [
    (value, label) for value, label in Role.choices if value not in ADMINISTRATOR_ROLES
]
# The level of region each role acts in.
REGION_LEVEL = {
    Role.COUNTY_OFFICER: Level.COUNTY,
    Role.REVIEWER: Level.COUNTY,
    Role.TOWN_LEADER: Level.TOWN,
    Role.TOWN_STAFF: Level.TOWN,
    Role.LIAISON: Level.TOWN,
}
_SEPARATORS = re.compile(r"[\s,，、;；]+")


class LoginForm(AuthenticationForm):
    """Unknown user, wrong password and disabled account get the same answer."""

    error_messages = {"invalid_login": SAME_ANSWER, "inactive": SAME_ANSWER}


class RegionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.get_level_display()}）"


class UserForm(forms.Form):
    full_name = forms.CharField(label="姓名", max_length=50)
    role = forms.ChoiceField(label="角色", choices=GRANTABLE_ROLES)
    region = RegionChoiceField(label="所属区划", queryset=Region.objects.none())
    department = forms.ChoiceField(
        label="联审部门",
        required=False,
        choices=[("", "（不是联审部门审核人）")],
        help_text="角色为联审部门审核人时必选；部门列表来自本轮换届规则的资格联审部门",
    )
    villages = forms.CharField(
        label="包联村",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="角色为包联村干部时必填：村名或12位统计用区划代码，每行一个",
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        regions = Region.objects.filter(level__in=[Level.COUNTY, Level.TOWN]).current()
        region_id = getattr(actor, "region_id", None)
        if region_id is not None:
            regions = regions.filter(Q(pk=region_id) | Q(county=region_id))
        self.fields["region"].queryset = regions.order_by("code", "name")  # type: ignore[attr-defined]
        listed = review_departments(getattr(actor, "region", None))
        field = self.fields["department"]
        field.choices = [*field.choices, *listed]  # type: ignore[attr-defined]
        stored = self.initial.get("department") or ""
        if stored:  # an older account holds the name: show it as its code
            self.initial["department"] = known_department(stored, listed) or ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, region = data.get("role"), data.get("region")
        if role and region is not None and REGION_LEVEL.get(Role(role)) != region.level:
            wanted = Level(REGION_LEVEL[Role(role)]).label
            self.add_error("region", f"{Role(role).label}的所属区划应为{wanted}。")
        if role == Role.REVIEWER:
            self._check_department(data.get("department") or "", region)
        if role != Role.REVIEWER:
            data["department"] = ""
        data["villages"] = self._villages(data, role, region)
        return data

    def _check_department(self, code: str, region: Region | None) -> None:
        if not code:
            self.add_error("department", "请选择联审部门。")
            return
        if region is None:
            return
        listed = review_departments(region)
        if not listed:
            self.add_error("department", f"{region.name}尚未设置换届规则，无法选择联审部门。")
        elif known_department(code, listed) != code:
            self.add_error("department", f"{region.name}本轮资格联审部门中没有该部门。")

    def _villages(self, data: dict[str, Any], role: Any, region: Any) -> list[Region]:
        words = [w for w in _SEPARATORS.split(data.get("villages") or "") if w]
        if role != Role.LIAISON:
            return []
        if not words:
            self.add_error("villages", "请填写包联村。")
            return []
        if region is None:
            return []
        found, problems = _resolve_villages(words, region)
        if problems:
            self.add_error("villages", "；".join(problems))
        return found


def _resolve_villages(words: list[str], town: Region) -> tuple[list[Region], list[str]]:
    villages = Region.objects.filter(town=town, level=Level.VILLAGE).current()
    by_code = {v.code: v for v in villages if v.code}
    by_name: dict[str, list[Region]] = {}
    for village in villages:
        by_name.setdefault(village.name, []).append(village)
    found: dict[int, Region] = {}
    problems = []
    for word in words:
        matches = [by_code[word]] if word in by_code else by_name.get(word, [])
        if len(matches) == 1:
            found[matches[0].pk] = matches[0]
        elif matches:
            problems.append(f"“{word}”有重名，请改用统计用区划代码")
        else:
            problems.append(f"{town.name}没有村“{word}”")
    return list(found.values()), problems


class UserCreateForm(UserForm):
    username = forms.CharField(
        label="用户名",
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="字母、数字及 @ . + - _",
    )
    field_order = ["username", "full_name", "role", "region", "department", "villages"]

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"]).strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("该用户名已被使用。")
        return username


def initial_for(user: User) -> dict[str, Any]:
    villages = [v.code or v.name for v in user.villages.all()]
    return {
        "full_name": user.full_name,
        "role": user.role,
        "region": user.region_id,
        "department": user.department,
        "villages": "\n".join(villages),
    }


class UserSearchForm(forms.Form):
    q = forms.CharField(label="用户名或姓名", required=False)
    role = forms.ChoiceField(label="角色", required=False, choices=[("", "全部"), *Role.choices])
