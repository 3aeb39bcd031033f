"""Personal API tokens: only a hash is kept; the token is shown once (docs/security.md §2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def owned_by(self, user: Actor) -> ApiTokenQuerySet:
        """A user sees and revokes their own tokens only."""
        pk = user.pk if getattr(user, "is_authenticated", False) else None
        return self.none() if pk is None else self.filter(user_id=pk)

    def live(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens", verbose_name="账号"
    )
    name = models.CharField("名称", max_length=50)
    prefix = models.CharField("令牌开头", max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField("权限范围", default=list)
    role = models.CharField("创建时的角色", max_length=20, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    expires_at = models.DateTimeField("到期时间")
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoked_reason = models.CharField("撤销原因", max_length=100, blank=True, default="")
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    # The per-token rate limit: requests counted in the current minute.
    window_start = models.DateTimeField(null=True, blank=True, editable=False)
    window_count = models.PositiveIntegerField(default=0, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "访问令牌"
        verbose_name_plural = "访问令牌"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "revoked_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="api_token_revoked_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    def audit_region_id(self) -> int | None:
        return getattr(self.user, "region_id", None)

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def scope_labels(self) -> list[str]:
        from houbei.api.scopes import Scope

        return [Scope(s).label if s in Scope.values else s for s in self.scopes]

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "已撤销"
        return "有效" if self.is_live else "已过期"
