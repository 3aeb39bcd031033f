"""Deployment checks of houbei's own (`houbei check --deploy`, which `houbei serve` runs)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

KEYS = {
    "FIELD_ENCRYPTION_KEYS": "身份证号和筛查结果的字段加密密钥",
    "BLIND_INDEX_KEY": "身份证号检索用的盲索引密钥",
    "AUDIT_HMAC_KEY": "审计日志哈希链的密钥",
}


@checks.register(checks.Tags.security, deploy=True)
def keys_configured(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Missing keys are an error, not a silent derivation from SECRET_KEY
    (docs/decisions/0016-trust.md)."""
    return [
        checks.Error(
            f"未设置 {name}（{label}）：生产环境不得由 SECRET_KEY 派生，请在环境变量中单独配置。",
            id=f"houbei.E00{number}",
        )
        for number, (name, label) in enumerate(KEYS.items(), start=1)
        if not getattr(settings, name, None)
    ]
