"""One append-only, hash-chained table of everything that happened."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from django.conf import settings
from django.db import models

from houbei.accounts.capabilities import Capability, has_capability
from houbei.accounts.scope import region_q

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class AuditImmutableError(RuntimeError):
    pass


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError("审计日志不可修改")

    def delete(self) -> NoReturn:
        raise AuditImmutableError("审计日志不可删除")

    def visible_to(self, user: Actor) -> AuditEntryQuerySet:
        if not has_capability(user, Capability.VIEW_AUDIT):
            return self.none()
        return self.filter(region_q(user, "region") | models.Q(region__isnull=True))

    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        """The object's own entries, and the batch entry (an import) that created it."""
        label = obj._meta.label_lower
        own = models.Q(target_type=label, target_id=str(obj.pk))
        if not isinstance(obj.pk, int):
            return self.filter(own)
        batches = BatchItem.objects.filter(target_type=label, target_id=obj.pk)
        return self.filter(own | models.Q(pk__in=batches.values("entry_id")))

    def without_views(self) -> AuditEntryQuerySet:
        """All but page views: an object's change history, not who looked at it."""
        return self.exclude(action__endswith=".viewed")


class Outcome(models.TextChoices):
    OK = "ok", "成功"
    DENIED = "denied", "拒绝"
    FAILED = "failed", "失败"


class AuditEntry(models.Model):
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.DO_NOTHING,
        null=True,
        db_constraint=False,
        related_name="+",
        verbose_name="操作人",
    )
    actor_username = models.CharField("账号", max_length=150, blank=True)
    actor_role = models.CharField("角色", max_length=30, blank=True)
    ip = models.GenericIPAddressField("地址", null=True)
    action = models.CharField("事件", max_length=80, db_index=True)
    target_type = models.CharField("对象类型", max_length=60, blank=True)
    target_id = models.CharField("对象编号", max_length=40, blank=True)
    target_repr = models.CharField("对象", max_length=200, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        models.DO_NOTHING,
        null=True,
        db_constraint=False,
        related_name="+",
        verbose_name="所属区划",
    )
    changes = models.JSONField("内容", default=dict)
    outcome = models.CharField("结果", max_length=10, choices=Outcome.choices, default=Outcome.OK)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:  # a new entry comes with its id (given under the chain lock)
            raise AuditImmutableError("审计日志不可修改")
        super().save(*args, **{**kwargs, "force_insert": True})

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError("审计日志不可删除")


class BatchItem(models.Model):
    """One object a batch entry (an import) created, with a keyed digest of the values it was
    given (docs/decisions/0027-import-audit-per-batch.md). The entry holds the digest of all
    its items, so an item changed, added or removed breaks the entry's check; the object's own
    check (its values against `digest`) is the owning app's (`audit.services.BATCH_CHECKS`).
    Append-only like the entries (migration 0004)."""

    entry = models.ForeignKey(
        AuditEntry, models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    target_type = models.CharField(max_length=60)
    target_id = models.BigIntegerField()
    digest = models.CharField(max_length=64)

    class Meta:
        verbose_name = "批量记录条目"
        verbose_name_plural = "批量记录条目"
        indexes = [models.Index(fields=["target_id"], name="audit_batchitem_target")]

    def __str__(self) -> str:
        return f"{self.target_type} {self.target_id}（第 {self.entry_id} 条记录）"

    def save(self, *args: Any, **kwargs: Any) -> None:
        raise AuditImmutableError("批量记录条目只能由导入写入")

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError("审计日志不可删除")
