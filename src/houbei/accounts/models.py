"""The custom User: a role and the region it acts in; its sessions and password history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone

from houbei.accounts.capabilities import ADMINISTRATOR_ROLES, Capability, Role, has_capability

if TYPE_CHECKING:
    from houbei.accounts.types import Actor


class UserQuerySet(models.QuerySet["User"]):
    def manageable_by(self, actor: Actor) -> UserQuerySet:
        """Accounts an account manager may edit: business accounts in their region subtree.

        Administrator accounts (system administrator, auditor) are managed from the command
        line only (`houbei create-admin`), so no administrator can take over another.
        """
        from houbei.regions.models import subtree_q

        if not has_capability(actor, Capability.MANAGE_USERS):
            return self.none()
        accounts = self.exclude(role__in=ADMINISTRATOR_ROLES)
        region = getattr(actor, "region", None)
        return accounts if region is None else accounts.filter(subtree_q(region, "region"))


class HoubeiUserManager(UserManager["User"]):
    def _create_user_object(
        self, username: str, email: str | None, password: str | None, **extra_fields: Any
    ) -> User:
        """Through set_password, so the date and the history of the password are kept."""
        user: User = super()._create_user_object(  # type: ignore[misc]
            username, email, password, **extra_fields
        )
        if password is not None:
            user.set_password(password)
        return user

    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def manageable_by(self, actor: Actor) -> UserQuerySet:
        return self.get_queryset().manageable_by(actor)


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
    totp_key_encrypted = models.TextField("动态口令密钥", blank=True, editable=False)
    totp_last_step = models.BigIntegerField(null=True, blank=True, editable=False)

    objects: ClassVar[HoubeiUserManager] = HoubeiUserManager()

    class Meta:
        verbose_name = "账号"
        verbose_name_plural = "账号"
        constraints = [
            # One account, one role of the table: no made-up role, and no superuser flag (a
            # superuser would hold every role at once, 三员 included).
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="accounts_user_role_known"
            ),
            models.CheckConstraint(
                condition=models.Q(is_superuser=False), name="accounts_user_no_superuser"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def audit_region_id(self) -> int | None:
        return self.region_id

    @property
    def department_label(self) -> str:
        """The reviewing department in Chinese (the account stores its code)."""
        from houbei.accounts.departments import department_label

        return department_label(self.department)

    @property
    def has_second_factor(self) -> bool:
        return bool(self.totp_key_encrypted)

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()


class PasswordHistory(models.Model):
    """Hashes of a user's recent passwords, so none of the last few is used again."""

    user = models.ForeignKey(User, models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class UserSession(AbstractBaseSession):
    """A server-side session that knows its user, so all of a user's sessions can be ended."""

    user = models.ForeignKey(User, models.CASCADE, null=True, related_name="+")

    class Meta:
        verbose_name = "会话"
        verbose_name_plural = "会话"

    @classmethod
    def get_session_store_class(cls) -> Any:
        from houbei.accounts.sessions import SessionStore

        return SessionStore
