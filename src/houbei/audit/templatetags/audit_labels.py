from __future__ import annotations

from django import template

from houbei.accounts.capabilities import Role
from houbei.audit.catalogue import label

register = template.Library()
_ROLES = dict(Role.choices)


@register.filter
def action_label(code: str) -> str:
    return label(code)


@register.filter
def role_label(code: str) -> str:
    return _ROLES.get(code, code)
