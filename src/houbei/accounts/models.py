"""The custom User: a role and the region it acts in."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from houbei.accounts.capabilities import Role


class User(AbstractUser):
    role = models.CharField("角色", max_length=30, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="所属区划",
    )
    department = models.CharField("联审部门", max_length=30, blank=True)
    villages = models.ManyToManyField(
        "regions.Region",
        blank=True,
        related_name="liaisons",
        verbose_name="包联村",
    )
    full_name = models.CharField("姓名", max_length=50, blank=True)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    must_change_password = models.BooleanField("须修改密码", default=False)

    class Meta:
        verbose_name = "账号"
        verbose_name_plural = "账号"

    def __str__(self) -> str:
        return self.full_name or self.username

    def audit_region_id(self) -> int | None:
        return self.region_id
