"""A background job: who started what, in which scope, how far it is, and what came of it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from houbei.accounts.capabilities import Capability, capabilities_of
from houbei.regions.models import Region


class Kind(models.TextChoices):
    PEOPLE_IMPORT = "people_import", "导入人员"
    DOCUMENT_BATCH = "document_batch", "批量生成登记表"
    ASSESSMENT = "assessment", "全县重新研判"
    PEOPLE_CHECK = "people_check", "检查导入文件"
    EXPORT = "export", "后台导出"


# Who else may see a job (beside its starter): a user with the kind's capability whose scope
# holds the job's region. An export (Kind.EXPORT) is its starter's alone, as the file a direct
# download would have given them (docs/decisions/0031-export-and-assessment-jobs.md).
KIND_CAPABILITY: dict[str, Capability] = {
    Kind.PEOPLE_IMPORT: Capability.IMPORT_PEOPLE,
    Kind.DOCUMENT_BATCH: Capability.EXPORT_PEOPLE,
    Kind.ASSESSMENT: Capability.REASSESS_ALL,
    Kind.PEOPLE_CHECK: Capability.IMPORT_PEOPLE,
}


class Status(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class JobQuerySet(models.QuerySet["Job"]):
    def visible_to(self, user: Any) -> JobQuerySet:
        """The user's own jobs, and the jobs of kinds the user may run in regions in scope."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        held = capabilities_of(user)
        kinds = [kind for kind, capability in KIND_CAPABILITY.items() if capability in held]
        regions = Region.objects.visible_to(user).values("pk")
        return self.filter(Q(started_by=user) | Q(kind__in=kinds, region__in=regions))


class Job(models.Model):
    kind = models.CharField("任务类型", max_length=32, choices=Kind.choices)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发起人",
        on_delete=models.PROTECT,
        related_name="jobs",
    )
    region = models.ForeignKey(
        Region, verbose_name="范围", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    params = models.JSONField("参数", default=dict, blank=True)
    done = models.PositiveIntegerField("已处理", default=0)
    total = models.PositiveIntegerField("总数", null=True, blank=True)
    message = models.CharField("当前说明", max_length=500, blank=True)
    # The step a job of several is in (an import: 检查中, then 写入中), shown while it runs.
    phase = models.CharField("阶段", max_length=20, blank=True)
    messages = models.JSONField("消息", default=list, blank=True)
    result_name = models.CharField("结果文件名", max_length=200, blank=True)
    result_file = models.CharField("结果文件", max_length=100, blank=True)
    task_id = models.CharField("任务编号", max_length=64, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    heartbeat_at = models.DateTimeField("最近心跳", null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["started_by", "-created_at"]),
            models.Index(fields=["status", "heartbeat_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def audit_region_id(self) -> int | None:
        return self.region_id

    @property
    def finished(self) -> bool:
        return self.status in (Status.DONE, Status.FAILED)

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == Status.DONE else 0
        return min(100, self.done * 100 // self.total)
