"""What a token may reach: its scopes, and which roles may grant which (docs/security.md §2).

A scope is a ceiling: a request also needs the capability its page would need
(accounts/capabilities.py), so a token never does more than its owner could on the pages. The
administrator roles (三员) never hold a scope that reaches personal data.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from houbei.accounts.capabilities import ADMINISTRATOR_ROLES, Capability, capabilities_of

C = Capability


class Scope(models.TextChoices):
    READ = "read", "读取区划、研判、问题与统计"
    READ_PERSONAL = "read_personal", "读取人员、后备人选与培养记录（含个人信息）"
    FIELDWORK = "fieldwork", "录入实地工作（摸排、谈话、整改进展、签到）"


# A role may grant a scope when it holds at least one of these capabilities.
GRANTED_BY: dict[str, frozenset[Capability]] = {
    Scope.READ: frozenset({C.VIEW_REGIONS, C.VIEW_DASHBOARD}),
    Scope.READ_PERSONAL: frozenset({C.VIEW_PEOPLE}),
    Scope.FIELDWORK: frozenset(
        {C.RECORD_SURVEYS, C.RECORD_TALKS, C.EDIT_PROBLEMS, C.MANAGE_CANDIDATES}
    ),
}
# Scopes whose answers carry personal data (names, birth dates, what was said in a talk).
PERSONAL = frozenset({Scope.READ_PERSONAL, Scope.FIELDWORK})


def scopes_for(user: Any) -> list[str]:
    """The scopes `user` may put on a token, in the order of Scope."""
    held = capabilities_of(user)
    allowed = [scope for scope in Scope.values if GRANTED_BY[scope] & held]
    if getattr(user, "role", None) in ADMINISTRATOR_ROLES:
        allowed = [scope for scope in allowed if scope not in PERSONAL]
    return allowed
